// m2pg_seed_mattermost: builds the real Mattermost MySQL schema from the corpus (the app's own
// migrations, v10.12, and the Calls plugin's) and fills it with the test seeder's data at any
// size, for benchmarks on the real schema. Usage: bench/README.md, "The real Mattermost schema".
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <stdexcept>

#include "support/mattermost_schema.hpp"
#include "support/mattermost_seed.hpp"
#include "util/dsn.hpp"

namespace mm = m2pg::test::mattermost;

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

int run(const std::string& dsn_text, const std::string& corpora, const mm::SeedOptions& options, bool schema,
        const std::string& manifest) {
    auto dsn = m2pg::util::parse_mysql_dsn(dsn_text);
    if (dsn.database.empty()) throw std::runtime_error("the MySQL DSN must name a database");
    const std::string database = dsn.database;
    if (schema) {
        dsn.database.clear();
        m2pg::test::MysqlSession server(dsn);
        const auto tables = server.scalar("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = " +
                                          server.quote(database));
        if (tables != "0")
            throw std::runtime_error("database " + database + " already has " + tables.value_or("?") +
                                     " tables: give an empty or new database, or --no-schema to seed an existing schema");
        server.run("CREATE DATABASE IF NOT EXISTS `" + database + "` CHARACTER SET utf8mb4");
        dsn.database = database;
    }
    m2pg::test::MysqlSession session(dsn);
    if (schema) {
        const auto start = std::chrono::steady_clock::now();
        mm::build_mysql_schema(session, mm::corpus(corpora));
        std::fprintf(stderr, "m2pg_seed_mattermost: schema built from the corpus in %.1f s\n", seconds_since(start));
    }
    const auto start = std::chrono::steady_clock::now();
    const auto result = mm::seed(session, options);
    std::uint64_t rows = 0;
    for (const auto& [table, count] : result.rows) rows += count;
    std::fprintf(stderr, "m2pg_seed_mattermost: %llu rows in %zu tables (%llu posts), %zu planted, in %.1f s\n",
                 static_cast<unsigned long long>(rows), result.rows.size(),
                 static_cast<unsigned long long>(options.posts), result.planted.size(), seconds_since(start));
    if (!manifest.empty()) {
        std::ofstream out(manifest, std::ios::binary | std::ios::trunc);
        out << mm::manifest_json(options, result);
        if (!out.flush()) throw std::runtime_error("cannot write " + manifest);
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Builds the real Mattermost MySQL schema from the corpus and fills it with realistic data"};
    std::string dsn, corpora = M2PG_CORPORA_DIR, manifest;
    mm::SeedOptions options;
    bool no_schema = false, no_problems = false, no_plugins = false;
    app.add_option("--mysql", dsn, "MySQL DSN naming the database (created when missing; password: MYSQL_PWD)")
        ->required();
    app.add_option("--posts", options.posts, "posts to write; every other table is sized from it")->capture_default_str();
    app.add_option("--seed", options.seed, "the same seed writes the same rows")->capture_default_str();
    app.add_option("--corpora", corpora, "the corpora folder (mattermost-v10.12, mattermost-plugins)")
        ->capture_default_str();
    app.add_option("--manifest", manifest, "write the planted problems (and rows per table) as JSON to this file");
    app.add_flag("--no-schema", no_schema, "seed a database that already holds the schema");
    app.add_flag("--no-problems", no_problems, "do not plant the real-world problems");
    app.add_flag("--no-plugins", no_plugins, "no Calls rows, no Boards or Playbooks tables");
    CLI11_PARSE(app, argc, argv);
    options.problems = !no_problems;
    options.plugins = !no_plugins;
    try {
        return run(dsn, corpora, options, !no_schema, manifest);
    } catch (const std::exception& e) {
        std::cerr << "m2pg_seed_mattermost: error: " << m2pg::util::redact(e.what()) << "\n";
        return 1;
    }
}
