// The air-gapped flow of docs/mattermost.md on the real Mattermost schema: m2pg check on the
// MySQL side writes its report to stdout (mysql.output); m2pg schema on the Postgres side,
// with no MySQL access, builds exactly the versions the MySQL side has from the app's
// Postgres migrations.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <fstream>

#include "corpora/corpus_loader.hpp"
#include "support/mattermost_schema.hpp"
#include "support/temp_dir.hpp"

namespace {

namespace corpora = m2pg::test::corpora;
namespace mm = m2pg::test::mattermost;

}  // namespace

TEST_CASE("air-gapped on the real Mattermost schema: check > mysql.output, then schema --applied-migrations "
          "mysql.output --migrations-dir builds exactly the MySQL side's 133 versions" *
          doctest::skip(corpora::skip_corpora())) {
    m2pg::test::Scratch db;
    const auto corpus = mm::corpus(M2PG_CORPORA_DIR);
    m2pg::test::MysqlSession session(db.mysql.dsn());
    mm::build_mysql_schema(session, corpus);
    m2pg::test::TempDir dir("m2pg_mm_airgap");

    // The MySQL side: stdout redirected is the report.
    const auto check = m2pg::test::run_tool("m2pg", {"check", db.mysql.dsn_text(), "--profile", "mattermost"});
    INFO(check.err);
    REQUIRE((check.exit_code == 0 || check.exit_code == 1));
    const auto output = dir.write("mysql.output", check.out);
    const auto report = nlohmann::json::parse(check.out);
    REQUIRE(report["applied_migrations"].size() == mm::kCoreMysqlMigrations);

    // The Postgres side: the file and the app's migrations only.
    const auto schema = m2pg::test::run_tool(
        "m2pg", {"schema", db.pg.dsn_text(), "--run-migrations", "--profile", "mattermost", "--applied-migrations",
                 output.string(), "--migrations-dir", corpus.core_postgres.string()});
    INFO(schema.err);
    REQUIRE(schema.exit_code == 0);
    CHECK(corpora::contains(schema.out, "m2pg schema: applied 133 migration(s)"));
    CHECK(db.pg.scalar("SELECT COUNT(*) FROM db_migrations") == std::to_string(mm::kCoreMysqlMigrations));
    CHECK(db.pg.scalar("SELECT MAX(version) FROM db_migrations") == "134");
    // The newer Postgres-only migrations are left for the app to run when it starts.
    CHECK(db.pg.scalar("SELECT COUNT(*) FROM db_migrations WHERE version > 134") == "0");
    // Every table of the MySQL side is there (the 71 app tables and db_migrations; Calls is a plugin).
    CHECK(db.pg.scalar("SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE "
                       "'%\\_m2pg'") == "72");

    // migration-assist's own mysql.output works the same.
    m2pg::test::PgScratch other;
    std::string versions;
    for (const auto& v : report["applied_migrations"]) versions += (versions.empty() ? "" : ", ") + v.dump();
    const auto theirs = dir.write("theirs.output", "{\n    \"applied_migrations\": [" + versions + "]\n}");
    const auto again = m2pg::test::run_tool(
        "m2pg", {"schema", other.dsn_text(), "--run-migrations", "--profile", "mattermost", "--applied-migrations",
                 theirs.string(), "--migrations-dir", corpus.core_postgres.string()});
    INFO(again.err);
    CHECK(again.exit_code == 0);
    CHECK(other.scalar("SELECT COUNT(*) FROM db_migrations") == std::to_string(mm::kCoreMysqlMigrations));
}
