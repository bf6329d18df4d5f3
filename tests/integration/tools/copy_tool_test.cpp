#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/servers.hpp"

namespace {

m2pg::test::ToolResult copy(const m2pg::test::Scratch& db, std::vector<std::string> extra) {
    std::vector<std::string> args = {"copy", "--mysql", db.mysql.dsn_text(), "--postgres", db.pg.dsn_text()};
    args.insert(args.end(), extra.begin(), extra.end());
    return m2pg::test::run_tool("m2pg", args);
}

void seed(const m2pg::test::Scratch& db) {
    db.mysql.exec("CREATE TABLE t (id INT PRIMARY KEY, s TEXT); INSERT INTO t VALUES (1, CONCAT('a', CHAR(0), 'b')), (2, 'c')");
    db.mysql.exec("CREATE TABLE u (id INT PRIMARY KEY); INSERT INTO u VALUES (1)");
}

}  // namespace

TEST_CASE("m2pg copy --dry-run prints exact row counts and the order, and writes nothing" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    seed(db);
    auto r = copy(db, {"--dry-run", "--create-tables"});
    CAPTURE(r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("total: 2 tables, 3 rows, 2 chunks to copy") != std::string::npos);
    CHECK(r.out.find("public.t (created)") != std::string::npos);
    CHECK(r.out.find("dry run: nothing was written") != std::string::npos);
    CHECK(db.pg.scalar("SELECT count(*) FROM pg_tables WHERE schemaname IN ('public', 'm2pg_state')") == "0");
}

TEST_CASE("m2pg copy without a terminal needs --yes and copies nothing without it" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    seed(db);
    auto r = copy(db, {"--create-tables"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("pass --yes") != std::string::npos);
    CHECK(db.pg.scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == "0");
}

TEST_CASE("m2pg copy prints the per-table summary with NULs counted and writes Prometheus metrics" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    seed(db);
    auto metrics = std::filesystem::temp_directory_path() / ("m2pg-metrics-" + db.pg.name() + ".prom");
    auto r = copy(db, {"--create-tables", "--yes", "--metrics-file", metrics.string()});
    CAPTURE(r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("t.s: 1 NUL bytes stripped") != std::string::npos);
    CHECK(r.out.find("m2pg copy: copied 3 rows in 2 tables") != std::string::npos);
    std::ifstream in(metrics);
    std::stringstream text;
    text << in.rdbuf();
    CHECK(text.str().find("m2pg_copy_rows_total{table=\"t\"} 2") != std::string::npos);
    CHECK(text.str().find("m2pg_copy_finished 1") != std::string::npos);
    std::filesystem::remove(metrics);
    CHECK(db.pg.scalar("SELECT string_agg(s, ',' ORDER BY id) FROM t") == "ab,c");
}

TEST_CASE("m2pg copy exits 5 when a table's data cannot be kept, and the others are copied" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    seed(db);
    db.pg.exec("CREATE TABLE t (id int, s varchar(1)); CREATE TABLE u (id int)");
    auto r = copy(db, {"--yes"});
    CHECK(r.exit_code == 5);
    CHECK(r.out.find("FAILED") != std::string::npos);
    CHECK(r.out.find("value too long") != std::string::npos);
    CHECK(r.out.find("MySQL row id=1") != std::string::npos);
    CHECK(db.pg.scalar("SELECT count(*) FROM u") == "1");
}

TEST_CASE("a finished copy stays recorded: --resume says it is complete and exits 0, and a re-run never advises TRUNCATE" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    seed(db);
    auto first = copy(db, {"--create-tables", "--yes"});
    REQUIRE(first.exit_code == 0);
    CHECK(db.pg.scalar("SELECT job || ' ' || rows || ' ' || array_to_string(tables, ',') FROM m2pg_state.finished_jobs") ==
          "copy 3 public.t,public.u");
    CHECK(db.pg.scalar("SELECT source_identity LIKE '%database " + db.mysql.name() + "' FROM m2pg_state.finished_jobs") == "t");
    CHECK(db.pg.scalar("SELECT target_identity LIKE 'system %, database oid %' FROM m2pg_state.finished_jobs") == "t");

    // The admin's terminal dropped at the very end; they resume.
    auto resumed = copy(db, {"--resume", "--yes"});
    CAPTURE(resumed.err);
    CHECK(resumed.exit_code == 0);
    CHECK(resumed.out.find("nothing to resume: this copy is complete (copy finished ") != std::string::npos);
    CHECK(resumed.out.find("3 rows in 2 table(s)") != std::string::npos);

    auto again = copy(db, {"--yes"});
    CHECK(again.exit_code == 7);
    CHECK(again.err.find("m2pg copy filled them") != std::string::npos);
    CHECK(again.err.find("That copy is complete") != std::string::npos);
    CHECK(again.err.find("TRUNCATE") == std::string::npos);
    CHECK(db.pg.scalar("SELECT count(*) FROM t") == "2");
}

TEST_CASE("a copy's chunk state is bound to its source: --resume from another MySQL database is refused" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    seed(db);
    db.pg.exec("CREATE TABLE t (id int, s varchar(1)); CREATE TABLE u (id int)");
    REQUIRE(copy(db, {"--yes"}).exit_code == 5);  // t fails on its data: the state stays
    CHECK(db.pg.scalar("SELECT source_identity LIKE '%database " + db.mysql.name() + "' FROM m2pg_state.copy_binding") == "t");

    m2pg::test::MysqlScratch other;
    other.exec("CREATE TABLE t (id INT PRIMARY KEY, s TEXT); CREATE TABLE u (id INT PRIMARY KEY)");
    auto r = m2pg::test::run_tool("m2pg", {"copy", "--mysql", other.dsn_text(), "--postgres", db.pg.dsn_text(),
                                           "--resume", "--yes"});
    CHECK(r.exit_code == 7);
    CHECK(r.err.find("--resume needs the same source") != std::string::npos);
    CHECK(r.err.find("database " + other.name()) != std::string::npos);
}

TEST_CASE("without RELOAD copy stops before writing, says why and how; --per-table-snapshots is noted in the record and by verify" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    seed(db);
    const std::string user = "m2pg_noreload_" + db.mysql.name().substr(db.mysql.name().size() - 6);
    for (const char* host : {"%", "localhost"}) {
        const std::string account = "'" + user + "'@'" + host + "'";
        db.mysql.exec("DROP USER IF EXISTS " + account + "; CREATE USER " + account + " IDENTIFIED BY 'pw';"
                      "GRANT SELECT, SHOW VIEW ON `" + db.mysql.name() + "`.* TO " + account);
    }
    struct DropUser {
        const m2pg::test::MysqlScratch& db;
        std::string user;
        ~DropUser() { db.exec("DROP USER IF EXISTS '" + user + "'@'%', '" + user + "'@'localhost'"); }
    } drop{db.mysql, user};
    auto dsn = m2pg::test::mysql_dsn();
    const std::string source = "mysql://" + user + ":pw@" + dsn.host + ":" + std::to_string(dsn.port) + "/" + db.mysql.name();
    auto run = [&](std::vector<std::string> extra) {
        std::vector<std::string> args = {"copy", "--mysql", source, "--postgres", db.pg.dsn_text(), "--create-tables",
                                         "--yes", "--chunk-rows", "1"};
        args.insert(args.end(), extra.begin(), extra.end());
        return m2pg::test::run_tool("m2pg", args);
    };

    auto refused = run({});
    CAPTURE(refused.out);
    CAPTURE(refused.err);
    CHECK(refused.exit_code == 3);
    CHECK(refused.err.find("cannot give the copy's workers one consistent snapshot") != std::string::npos);
    CHECK(refused.err.find("lacks the RELOAD privilege") != std::string::npos);
    CHECK(refused.err.find("--per-table-snapshots") != std::string::npos);
    CHECK(db.pg.scalar("SELECT count(*) FROM pg_tables WHERE schemaname IN ('public', 'm2pg_state')") == "0");

    auto one_worker = run({"--jobs", "1"});  // one session is one snapshot: no lock needed
    CAPTURE(one_worker.err);
    CHECK(one_worker.exit_code == 0);
    db.pg.exec("DROP TABLE t, u; DROP SCHEMA m2pg_state CASCADE");

    auto per_table = run({"--per-table-snapshots"});
    CAPTURE(per_table.err);
    CHECK(per_table.exit_code == 0);
    CHECK(per_table.out.find("per-table snapshots (--per-table-snapshots)") != std::string::npos);
    CHECK(db.pg.scalar("SELECT array_to_string(notes, '|') LIKE 'per-table snapshots%' FROM m2pg_state.finished_jobs") == "t");
    auto verified = m2pg::test::run_tool("m2pg", {"verify", "--mysql", db.mysql.dsn_text(), "--postgres", db.pg.dsn_text()});
    CHECK(verified.out.find("note: the copy finished ") != std::string::npos);
    CHECK(verified.out.find("was made with per-table snapshots") != std::string::npos);
}
