#include "support/mattermost_seed.hpp"

#include <nlohmann/json.hpp>

#include <stdexcept>

#include "support/mattermost_world.hpp"

namespace m2pg::test::mattermost {

SeedResult seed(MysqlSession& session, const SeedOptions& options) {
    // The parts pick from the first posts (the problems' places, the calls' threads).
    if (options.posts < 20) throw std::runtime_error("seed: at least 20 posts");
    World world(session, options);
    // The app's sessions run in strict mode; the one planted value that needs otherwise says so.
    session.run("SET SESSION sql_mode = 'STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION', "
                "SESSION time_zone = '+00:00'");
    seed_admin(world);
    seed_people(world);
    seed_channels(world);
    seed_posts(world);
    seed_apps(world);
    if (options.plugins) seed_plugins(world);
    if (options.problems) seed_problems(world);
    return std::move(world.result);
}

std::string manifest_json(const SeedOptions& options, const SeedResult& result) {
    nlohmann::ordered_json doc;
    doc["posts"] = options.posts;
    doc["seed"] = options.seed;
    doc["planted"] = nlohmann::ordered_json::array();
    for (const auto& p : result.planted)
        doc["planted"].push_back({{"table", p.table},
                                  {"column", p.column},
                                  {"key", p.key},
                                  {"kind", p.kind},
                                  {"problem", p.problem},
                                  {"detail", p.detail},
                                  {"limit", p.limit}});
    doc["rows"] = nlohmann::ordered_json::object();
    for (const auto& [table, rows] : result.rows) doc["rows"][table] = rows;
    return doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace m2pg::test::mattermost
