// docs/mattermost.md's plugin step on the real Mattermost schema, seeded: Calls into the tables
// its own Postgres migrations make (m2pg schema --plugin calls), Boards and Playbooks into
// tables m2pg copy --create-tables makes; each then indexed and verified on its own (the ''
// Boards' JSON-in-TEXT columns hold: mattermost_copy_test.cpp).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "corpora/corpus_loader.hpp"
#include "support/mattermost_schema.hpp"
#include "support/mattermost_seed.hpp"
#include "support/temp_dir.hpp"

namespace {

namespace corpora = m2pg::test::corpora;
namespace mm = m2pg::test::mattermost;

m2pg::test::ToolResult m2pg_tool(const std::vector<std::string>& args) { return m2pg::test::run_tool("m2pg", args); }

}  // namespace

TEST_CASE("the plugins of the real Mattermost schema move one by one: Calls by its own migrations, Boards "
          "and Playbooks into created tables, each verified" * doctest::skip(corpora::skip_corpora())) {
    m2pg::test::Scratch db;
    const auto corpus = mm::corpus(M2PG_CORPORA_DIR);
    m2pg::test::MysqlSession session(db.mysql.dsn());
    mm::build_mysql_schema(session, corpus);
    mm::seed(session, mm::SeedOptions{60, 7, false, true});
    // The core's Postgres schema (the plugins' steps do not need the core's rows).
    const auto core = m2pg_tool({"schema", db.pg.dsn_text(), "--run-migrations", "--profile", "mattermost",
                                 "--migrations-dir", corpus.core_postgres.string()});
    REQUIRE(core.exit_code == 0);
    const std::vector<std::string> servers = {"--mysql", db.mysql.dsn_text(), "--postgres", db.pg.dsn_text(),
                                              "--profile", "mattermost"};
    auto with = [&](std::vector<std::string> args, const std::vector<std::string>& more) {
        args.insert(args.end(), more.begin(), more.end());
        return args;
    };

    SUBCASE("calls") {
        const auto schema = m2pg_tool({"schema", db.pg.dsn_text(), "--run-migrations", "--profile", "mattermost",
                                       "--plugin", "calls", "--migrations-dir", corpus.calls_postgres.string()});
        INFO(schema.out << schema.err);
        REQUIRE(schema.exit_code == 0);
        const auto copy = m2pg_tool(with({"copy", "--yes", "--plugin", "calls"}, servers));
        INFO(copy.out << copy.err);
        REQUIRE(copy.exit_code == 0);
        const auto index = m2pg_tool({"index", db.pg.dsn_text(), "--profile", "mattermost", "--plugin", "calls"});
        INFO(index.out << index.err);
        CHECK(index.exit_code == 0);
        const auto verify = m2pg_tool(with({"verify", "--plugin", "calls"}, servers));
        INFO(verify.out << verify.err);
        CHECK(verify.exit_code == 0);
        CHECK(db.pg.scalar("SELECT COUNT(*) FROM calls") == db.mysql.scalar("SELECT COUNT(*) FROM calls"));
        CHECK(db.pg.scalar("SELECT COUNT(*) FROM db_migrations_calls") == "5");
    }
    for (const std::string plugin : {"boards", "playbooks"}) {
        SUBCASE(plugin.c_str()) {
            const auto copy = m2pg_tool(with({"copy", "--yes", "--create-tables", "--plugin", plugin}, servers));
            INFO(copy.out << copy.err);
            REQUIRE(copy.exit_code == 0);
            const auto index = m2pg_tool({"index", db.pg.dsn_text(), "--profile", "mattermost", "--plugin", plugin,
                                          "--from-mysql", db.mysql.dsn_text(), "--create-indexes"});
            INFO(index.out << index.err);
            CHECK(index.exit_code == 0);
            const auto verify = m2pg_tool(with({"verify", "--plugin", plugin}, servers));
            INFO(verify.out << verify.err);
            CHECK(verify.exit_code == 0);
        }
    }
}

TEST_CASE("m2pg run --plugin NAME after the core's run moves each plugin of the real Mattermost schema and verifies "
          "it: Calls by its own migrations, Playbooks and Boards into created tables" * doctest::skip(corpora::skip_corpora())) {
    m2pg::test::Scratch db;
    const auto corpus = mm::corpus(M2PG_CORPORA_DIR);
    m2pg::test::MysqlSession session(db.mysql.dsn());
    mm::build_mysql_schema(session, corpus);
    mm::seed(session, mm::SeedOptions{60, 13, false, true});
    m2pg::test::TempDir work("m2pg_mm_run_plugins");
    auto run = [&](const std::string& plugin, const std::vector<std::string>& more) {
        std::vector<std::string> args = {"run", "--mysql", db.mysql.dsn_text(), "--postgres", db.pg.dsn_text(),
                                         "--profile", "mattermost", "--yes", "--work-dir",
                                         (work.path() / (plugin.empty() ? "core" : plugin)).string()};
        if (!plugin.empty()) args.insert(args.end(), {"--plugin", plugin});
        args.insert(args.end(), more.begin(), more.end());
        return m2pg_tool(args);
    };
    const auto core = run("", {"--migrations-dir", corpus.core_postgres.string()});
    INFO(core.out << core.err);
    REQUIRE(core.exit_code == 0);
    // The core leaves the plugins alone.
    CHECK(db.pg.scalar("SELECT to_regclass('public.calls') IS NULL") == "t");

    const auto calls = run("calls", {"--migrations-dir", corpus.calls_postgres.string()});
    INFO(calls.out << calls.err);
    REQUIRE(calls.exit_code == 0);
    // check read the plugin's applied versions, and schema applied exactly those into its own table.
    CHECK(corpora::contains(calls.out, "--plugin calls --applied-migrations"));
    CHECK(db.pg.scalar("SELECT COUNT(*) FROM db_migrations_calls") ==
          db.mysql.scalar("SELECT COUNT(*) FROM db_migrations_calls"));
    CHECK(db.pg.scalar("SELECT COUNT(*) FROM db_migrations") == std::to_string(mm::kCoreMysqlMigrations));
    CHECK(db.pg.scalar("SELECT COUNT(*) FROM calls") == db.mysql.scalar("SELECT COUNT(*) FROM calls"));
    CHECK(corpora::contains(calls.out, "verify: OK"));
    CHECK(corpora::contains(calls.out, "every step done"));
    CHECK(corpora::contains(calls.out, "plugin calls of "));
    // The config to switch to is the core's last word, not a plugin's.
    CHECK_FALSE(corpora::contains(calls.out, "SqlSettings.DriverName"));

    const auto playbooks = run("playbooks", {});
    INFO(playbooks.out << playbooks.err);
    REQUIRE(playbooks.exit_code == 0);
    CHECK(corpora::contains(playbooks.out, "[2/5 schema] nothing to do: plugin playbooks ships no Postgres migrations"));
    CHECK(corpora::contains(playbooks.out, "--plugin playbooks --create-tables"));
    CHECK(corpora::contains(playbooks.out, "verify: OK"));
    CHECK(db.pg.scalar("SELECT COUNT(*) FROM ir_playbook") == db.mysql.scalar("SELECT COUNT(*) FROM IR_Playbook"));
    // The plugin's keys came from MySQL: the unique index the profile's facts name is there.
    CHECK(db.pg.scalar("SELECT COUNT(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid WHERE c.relname = "
                       "'ir_playbookmember' AND (i.indisunique OR i.indisprimary)") != "0");

    // Boards: created tables too, and the '' its JSON-in-TEXT columns hold written as {} (the
    // profile's [empty_json]), which check warns about and verify reads so.
    const auto boards = run("boards", {});
    INFO(boards.out << boards.err);
    REQUIRE(boards.exit_code == 0);
    CHECK(corpora::contains(boards.out, "--plugin boards --create-tables"));
    CHECK(corpora::contains(boards.out, "verify: OK"));
    CHECK(db.pg.scalar("SELECT COUNT(*) FROM focalboard_blocks") ==
          db.mysql.scalar("SELECT COUNT(*) FROM focalboard_blocks"));
    REQUIRE(db.mysql.scalar("SELECT COUNT(*) FROM focalboard_blocks WHERE fields = ''") == "1");  // the seeder's
    CHECK(db.pg.scalar("SELECT COUNT(*) FROM focalboard_blocks WHERE fields::text = '{}'") ==
          db.mysql.scalar("SELECT COUNT(*) FROM focalboard_blocks WHERE fields IN ('', '{}')"));
    CHECK(db.pg.scalar("SELECT COUNT(*) FROM focalboard_schema_migrations") ==
          db.mysql.scalar("SELECT COUNT(*) FROM focalboard_schema_migrations"));

    // Each run keeps its own steps in the target: the core's and Calls' are still done, and a
    // second run of a plugin only verifies again.
    const auto again = run("calls", {"--migrations-dir", corpus.calls_postgres.string()});
    INFO(again.out << again.err);
    CHECK(again.exit_code == 0);
    CHECK(corpora::contains(again.out, "[3/5 copy] done "));
    CHECK(corpora::contains(again.out, "verify: OK"));
    CHECK(db.pg.scalar("SELECT COUNT(*) FROM m2pg_state.run_steps WHERE scope = ''") == "5");
}
