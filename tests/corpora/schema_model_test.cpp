// The offline target model (lib/target/postgres/schema_model) against real migrations:
// what it reads from Mattermost's own Postgres migrations (and the Calls plugin's, and the
// sample chat profile's) must equal what read_target_tables reads after
// `m2pg schema --run-migrations` applied the same files, column by column.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "corpora/corpus_loader.hpp"
#include "migrate/migration_file.hpp"
#include "support/target_tables_diff.hpp"
#include "target/postgres/catalog.hpp"
#include "target/postgres/connection.hpp"
#include "target/postgres/schema_model.hpp"

namespace {

namespace corpora = m2pg::test::corpora;

// Applies `directory` with m2pg schema --run-migrations (after `setup` SQL) and compares
// the model read from `setup` and the files with the server's catalog.
std::vector<std::string> model_vs_server(const std::filesystem::path& directory, const std::string& setup = {}) {
    m2pg::test::PgScratch db;
    if (!setup.empty()) db.exec(setup);
    const auto applied = m2pg::test::run_tool(
        "m2pg-schema", {db.dsn_text(), "--run-migrations", "--migrations-dir", directory.string()});
    INFO(applied.out, applied.err);
    REQUIRE(applied.exit_code == 0);
    m2pg::target::postgres::PgConnection pg(db.dsn());
    const auto live = m2pg::target::postgres::read_target_tables(pg, "public");

    m2pg::target::postgres::SchemaModel model;
    model.apply(setup);
    for (const auto& file : m2pg::migrate::load_directory(directory)) model.apply(file.up_sql);
    const auto offline = model.tables();
    CHECK(offline.size() > 3);
    // The runner's own tables (db_migrations, db_migrations_m2pg) are not in the files.
    std::set<std::string> runner;
    for (const auto& t : live)
        if (t.name.starts_with("db_migrations")) runner.insert(t.name);
    for (const auto& t : offline) runner.erase(t.name);
    return m2pg::test::target_tables_diff(offline, live, runner);
}

std::string lines(const std::vector<std::string>& diff) {
    std::string out;
    for (const auto& d : diff) out += d + "\n";
    return out;
}

}  // namespace

TEST_CASE("the offline model of Mattermost's 140 Postgres migrations equals the schema they make" *
          doctest::skip(corpora::skip_corpora())) {
    const auto diff = model_vs_server(corpora::corpus_path("mattermost-v10.12/postgres"));
    CHECK_MESSAGE(diff.empty(), lines(diff));
}

TEST_CASE("the offline model of the Calls plugin's Postgres migrations equals the schema they make" *
          doctest::skip(corpora::skip_corpora())) {
    // Calls' first migration reads the core's plugin store.
    const auto diff = model_vs_server(corpora::corpus_path("mattermost-plugins/calls/postgres"),
                                      "CREATE TABLE pluginkeyvaluestore (pluginid varchar(190) NOT NULL, "
                                      "pkey varchar(150) NOT NULL, pvalue bytea, expireat bigint, "
                                      "PRIMARY KEY (pluginid, pkey));");
    CHECK_MESSAGE(diff.empty(), lines(diff));
}

TEST_CASE("the offline model of the sample chat profile's migrations equals the schema they make" *
          doctest::skip(corpora::skip_corpora())) {
    const auto diff = model_vs_server(std::filesystem::path(M2PG_SOURCE_DIR) / "migrations/chat/postgres");
    CHECK_MESSAGE(diff.empty(), lines(diff));
}
