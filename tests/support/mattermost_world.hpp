#pragma once
// What the seeder's parts share: the ids already written that later tables refer to, the
// sizes derived from SeedOptions, and the result being built. Internal to mattermost_seed*.
#include <cstdint>
#include <string>
#include <vector>

#include "support/mattermost_insert.hpp"
#include "support/mattermost_seed.hpp"
#include "support/mattermost_text.hpp"

namespace m2pg::test::mattermost {

struct Channel {
    std::string id;
    char type = 'O';       // O public, P private, D direct, G group
    std::size_t team = 0;  // index into World::teams; unused for D and G
    std::string name;
    std::vector<std::size_t> members;  // indexes into World::users
    std::int64_t create_at = 0;
};

struct World {
    World(MysqlSession& s, const SeedOptions& o) : session(s), options(o) {}

    MysqlSession& session;
    const SeedOptions& options;
    SeedResult result;

    std::vector<std::string> teams;
    std::vector<std::vector<std::size_t>> team_members;  // per team, indexes into users
    std::vector<std::string> users;
    std::vector<std::string> usernames;  // same order as users
    std::vector<Channel> channels;
    std::vector<std::string> roles;       // Roles.Name of the built-in roles
    std::vector<std::string> some_posts;  // a few post ids spread over channels, for later tables
    std::vector<std::string> some_files;
    std::vector<std::string> sessions;
    std::string scheme;
    std::string remote_cluster;

    // The clock of the seeded install: deterministic, advancing with every call.
    std::int64_t now_ms = kEpochMs;
    std::int64_t tick(Rng& rng, std::int64_t max_step_ms = 60000) { return now_ms += rng.between(1, max_step_ms); }

    // Sends what `rows` holds and records the count under its table.
    void finish(const std::string& table, Inserter& rows) {
        const std::uint64_t n = rows.finish();
        for (auto& [name, count] : result.rows)
            if (name == table) {
                count += n;
                return;
            }
        result.rows.emplace_back(table, n);
    }
    // A stream of its own for each part, so that changing one part leaves the others' values.
    Rng stream(std::uint64_t part) const { return Rng(options.seed * 0x9E3779B97F4A7C15ULL + part * 0x632BE59BD9B4E019ULL); }
    void plant(Planted p) { result.planted.push_back(std::move(p)); }
};

// The parts, in the order seed() runs them; each draws from its own Rng stream.
void seed_admin(World& world);     // Systems, Roles, Schemes, licenses, terms, jobs, clusters
void seed_people(World& world);    // Teams, Users, Bots, memberships of teams, sessions, status, ...
void seed_channels(World& world);  // Channels, members, sidebar, PublicChannels
void seed_posts(World& world);     // Posts, threads, reactions, files, drafts, ...
void seed_apps(World& world);      // webhooks, commands, OAuth, tokens, plugin key-values, sharing, ...
void seed_problems(World& world);  // the planted problems and artifacts
void seed_plugins(World& world);   // Calls rows; Boards and Playbooks tables and rows

}  // namespace m2pg::test::mattermost
