#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "run/state.hpp"
#include "support/servers.hpp"
#include "support/temp_dir.hpp"
#include "util/dsn_password.hpp"

// m2pg run as an admin runs it: the built executable, the real servers, DSNs with passwords.
namespace {

namespace fs = std::filesystem;
using m2pg::test::run_tool;
using m2pg::test::ToolResult;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

using WorkDir = m2pg::test::TempDir;

std::vector<std::string> args(const m2pg::test::Scratch& db, const WorkDir& work, std::vector<std::string> extra = {}) {
    std::vector<std::string> out = {"--mysql", db.mysql.dsn_text(), "--postgres", db.pg.dsn_text(), "--work-dir",
                                    work.str()};
    out.insert(out.end(), extra.begin(), extra.end());
    return out;
}

ToolResult run(const m2pg::test::Scratch& db, const WorkDir& work, std::vector<std::string> extra = {"--yes"}) {
    return run_tool("m2pg-run", args(db, work, std::move(extra)));
}

void seed(const m2pg::test::Scratch& db) {
    db.mysql.exec(
        "CREATE TABLE teams (id INT PRIMARY KEY AUTO_INCREMENT, name VARCHAR(40) NOT NULL, UNIQUE KEY (name));"
        "CREATE TABLE members (id BIGINT PRIMARY KEY, team_id INT NOT NULL, bio TEXT, joined DATETIME,"
        "  KEY (team_id), FOREIGN KEY (team_id) REFERENCES teams (id));"
        "INSERT INTO teams (name) VALUES ('red'), ('blue');"
        "INSERT INTO members VALUES (1, 1, 'hi', '2024-01-02 03:04:05'), (2, 2, NULL, NULL)");
}

// Nothing a run prints holds a password, raw or percent-encoded as in the DSNs given.
void check_no_password(const m2pg::test::Scratch& db, const ToolResult& r) {
    const std::string password = std::getenv("M2PG_TEST_PASSWORD");
    const std::string uri = db.pg.dsn_text();
    const std::string encoded = uri.substr(uri.find("m2pg:") + 5, uri.rfind('@') - uri.find("m2pg:") - 5);
    for (const std::string& secret : {password, encoded}) {
        REQUIRE(secret.size() >= 4);
        CHECK_FALSE(contains(r.out, secret));
        CHECK_FALSE(contains(r.err, secret));
    }
}

std::size_t steps_recorded(const WorkDir& work) {
    auto state = m2pg::run::load_state(m2pg::run::state_file(work.path()));
    return state ? state->done.size() : 0;
}

}  // namespace

TEST_CASE("m2pg run takes a database through all five steps, and a second run only verifies again" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    seed(db);
    WorkDir work;

    auto first = run(db, work);
    CAPTURE(first.out);
    CAPTURE(first.err);
    CHECK(first.exit_code == 0);
    for (const char* tool : {"/m2pg-check ", "/m2pg-schema ", "/m2pg-copy ", "/m2pg-verify "})
        CHECK(contains(first.out, tool));
    CHECK(contains(first.out, "MYSQL_PWD=*** PGPASSWORD=*** "));
    // Copy and index are one pipeline: the copy step built the indexes, the index step has nothing to run.
    CHECK(contains(first.out, " --with-indexes"));
    CHECK(contains(first.out, "[4/5 index] done by the copy step (--with-indexes)"));
    CHECK_FALSE(contains(first.out, "/m2pg-index "));
    CHECK(contains(first.out, "verify: OK"));
    CHECK(contains(first.out, "every step done"));
    check_no_password(db, first);
    CHECK(db.pg.scalar("SELECT count(*) FROM members") == "2");
    CHECK(db.pg.scalar("SELECT count(*) FROM pg_constraint WHERE contype = 'f'") == "1");
    CHECK(steps_recorded(work) == 5);

    auto second = run(db, work);
    CAPTURE(second.out);
    CAPTURE(second.err);
    CHECK(second.exit_code == 0);
    for (const char* step : {"[1/5 check] done ", "[2/5 schema] done ", "[3/5 copy] done ", "[4/5 index] done "})
        CHECK(contains(second.out, step));
    CHECK(contains(second.out, "[4/5 index] done "));
    CHECK(contains(second.out, ": skipped"));
    for (const char* tool : {"/m2pg-check ", "/m2pg-schema ", "/m2pg-copy ", "/m2pg-index "})
        CHECK_FALSE(contains(second.out, tool));
    CHECK(contains(second.out, "/m2pg-verify "));
    CHECK(contains(second.out, "verify: OK"));

    // Verify really runs each time: a changed row in the target fails the third run.
    db.pg.exec("UPDATE members SET bio = 'changed' WHERE id = 1");
    auto third = run(db, work);
    CAPTURE(third.out);
    CAPTURE(third.err);
    CHECK(third.exit_code == 1);
    CHECK(contains(third.err, "[5/5 verify] failed: exit 1"));
    CHECK(contains(third.err, "not an exact copy"));
}

TEST_CASE("a blocker found by check stops the run at step 1 with check's exit code, and no later step runs" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    // A NOT NULL zero date has no lossless form in PostgreSQL; a NUL byte is one --fix-unicode removes.
    db.mysql.exec("SET SESSION sql_mode = '';"
                  "CREATE TABLE events (id INT PRIMARY KEY, at DATETIME NOT NULL, note TEXT);"
                  "INSERT INTO events VALUES (1, '0000-00-00 00:00:00', CONCAT('a', CHAR(0), 'b'))");
    WorkDir work;

    auto r = run(db, work);
    CAPTURE(r.out);
    CAPTURE(r.err);
    CHECK(r.exit_code == 1);
    CHECK(contains(r.out, "/m2pg-check "));
    CHECK(contains(r.err, "[1/5 check] failed: exit 1"));
    CHECK(contains(r.err, "schema, copy, index and verify did not run"));
    CHECK(contains(r.err, "2 blockers remain"));
    CHECK(contains(r.err, "add --fix-unicode (fixes 1)"));
    CHECK(contains(r.err, "1 needs a change by hand"));
    for (const char* tool : {"/m2pg-schema ", "/m2pg-copy ", "/m2pg-index ", "/m2pg-verify "})
        CHECK_FALSE(contains(r.out, tool));
    CHECK(db.pg.scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == "0");
    CHECK(steps_recorded(work) == 0);
    check_no_password(db, r);
}

TEST_CASE("a later step that fails stops the run with its exit code, and the next run skips what finished" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    seed(db);
    // schema --from-mysql creates every table in one transaction: an existing one fails it.
    db.pg.exec("CREATE TABLE teams (id int)");
    WorkDir work;

    auto failed = run(db, work);
    CAPTURE(failed.out);
    CAPTURE(failed.err);
    CHECK(failed.exit_code == 4);
    CHECK(contains(failed.err, "[2/5 schema] failed: exit 4"));
    CHECK(contains(failed.err, "copy, index and verify did not run"));
    CHECK(contains(failed.err, "check is done and skipped, and schema runs again"));
    CHECK(contains(failed.err, "m2pg schema postgresql://m2pg@"));
    CHECK_FALSE(contains(failed.out, "/m2pg-copy "));
    CHECK(steps_recorded(work) == 1);

    db.pg.exec("DROP TABLE teams");
    auto again = run(db, work);
    CAPTURE(again.out);
    CAPTURE(again.err);
    CHECK(again.exit_code == 0);
    CHECK(contains(again.out, "[1/5 check] done "));
    CHECK_FALSE(contains(again.out, "/m2pg-check "));
    CHECK(contains(again.out, "/m2pg-schema "));
    CHECK(contains(again.out, "verify: OK"));
}

TEST_CASE("a copy that stopped part-way is continued with --resume by the next run, which goes on to verify" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    seed(db);
    WorkDir work;
    REQUIRE(run(db, work).exit_code == 0);

    // Copy again into emptied tables, with one of them refusing its rows: the copy stops part-way.
    // ENABLE ALWAYS: the copy's replica session role skips ordinary triggers.
    db.pg.exec("TRUNCATE members, teams;"
               "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RAISE EXCEPTION 'refused'; END$$;"
               "CREATE TRIGGER refuse BEFORE INSERT ON members FOR EACH ROW EXECUTE FUNCTION refuse();"
               "ALTER TABLE members ENABLE ALWAYS TRIGGER refuse");
    auto stopped = run(db, work, {"--from-step", "copy", "--yes"});
    CAPTURE(stopped.out);
    CAPTURE(stopped.err);
    // The table whose rows the trigger refuses fails (exit 5); the other is copied.
    CHECK(stopped.exit_code == 5);
    CHECK(contains(stopped.err, "[3/5 copy] failed: exit 5"));
    CHECK_FALSE(contains(stopped.out, "/m2pg-index "));
    CHECK(steps_recorded(work) == 2);

    db.pg.exec("DROP TRIGGER refuse ON members");
    auto resumed = run(db, work);
    CAPTURE(resumed.out);
    CAPTURE(resumed.err);
    CHECK(resumed.exit_code == 0);
    // How many chunks committed before the failure depends on which worker ran first.
    CHECK(contains(resumed.out, "stopped part-way ("));
    CHECK(contains(resumed.out, " of 2 chunks done): copy continues it (--resume)"));
    CHECK(contains(resumed.out, " --yes --with-indexes --resume\n"));
    CHECK(contains(resumed.out, "verify: OK"));
    CHECK(db.pg.scalar("SELECT count(*) FROM members") == "2");
    CHECK(db.pg.scalar("SELECT to_regclass('m2pg_state.copy_chunks') IS NULL") == "t");
}

TEST_CASE("without --yes and without a terminal m2pg run asks for --yes and runs nothing" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    seed(db);
    WorkDir work;
    auto all = args(db, work);
    all.insert(all.begin(), "run");
    auto r = run_tool("m2pg", all);
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "no terminal to confirm on: pass --yes"));
    CHECK_FALSE(contains(r.out, "/m2pg-check "));
    CHECK(steps_recorded(work) == 0);
}

TEST_CASE("a work directory of another target is refused with exit 7, naming both" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    WorkDir work;
    m2pg::run::save_state(m2pg::run::state_file(work.path()),
                          m2pg::run::RunState{{"app@db:3306/chat", "app@pg:5432/chat", "", ""}, {}, {}, {}});
    auto r = run(db, work);
    CHECK(r.exit_code == 7);
    CHECK(contains(r.err, "app@pg:5432/chat"));
    CHECK(contains(r.err, db.pg.name()));
    CHECK_FALSE(contains(r.out, "/m2pg-check "));
}

TEST_CASE("a target database recreated between two runs gets a fresh run, never a false 'done, skipped'" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    seed(db);
    WorkDir work;
    REQUIRE(run(db, work).exit_code == 0);
    CHECK(db.pg.scalar("SELECT string_agg(step, ' ' ORDER BY step) FROM m2pg_state.run_steps") ==
          "check copy index schema verify");
    CHECK(db.pg.scalar("SELECT count(*) FROM m2pg_state.finished_jobs WHERE job = 'run'") == "1");
    const auto old_oid = db.pg.scalar("SELECT oid FROM pg_database WHERE datname = current_database()");

    // The admin's "start over": drop the target database and create it again, empty.
    m2pg::test::PgScratch::recreate(db.pg.name());
    REQUIRE(db.pg.scalar("SELECT oid FROM pg_database WHERE datname = current_database()") != old_oid);

    auto again = run(db, work);
    CAPTURE(again.out);
    CAPTURE(again.err);
    CHECK(again.exit_code == 0);
    CHECK(contains(again.out, "the target database is not the one this work directory's run wrote into"));
    CHECK(contains(again.out, "it was recreated or replaced"));
    CHECK_FALSE(contains(again.out, ": skipped"));
    for (const char* tool : {"/m2pg-check ", "/m2pg-schema ", "/m2pg-copy ", "/m2pg-verify "})
        CHECK(contains(again.out, tool));
    CHECK(contains(again.out, "[4/5 index] done by the copy step (--with-indexes)"));
    CHECK(contains(again.out, "verify: OK"));
    CHECK(db.pg.scalar("SELECT count(*) FROM members") == "2");
}

TEST_CASE("a target that records a run from another source is refused with exit 7, saying how to start over" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    seed(db);
    WorkDir work;
    REQUIRE(run(db, work).exit_code == 0);

    m2pg::test::MysqlScratch other;
    other.exec("CREATE TABLE teams (id INT PRIMARY KEY)");
    WorkDir other_work;
    auto r = run_tool("m2pg-run", {"--mysql", other.dsn_text(), "--postgres", db.pg.dsn_text(), "--work-dir",
                                   other_work.str(), "--yes"});
    CAPTURE(r.out);
    CAPTURE(r.err);
    CHECK(r.exit_code == 7);
    CHECK(contains(r.err, "records a migration from another source"));
    CHECK(contains(r.err, "database " + db.mysql.name()));
    CHECK(contains(r.err, "use a new (empty) target database"));
    CHECK_FALSE(contains(r.out, "/m2pg-check "));
}

TEST_CASE("with a profile that ships no migrations, --migrations-dir reaches schema, and the run ends with the "
          "profile's next step, naming the target without its password" * doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    // The app's MySQL side at version 1, as its migration engine leaves it.
    db.mysql.exec("CREATE TABLE db_migrations (Version bigint NOT NULL PRIMARY KEY, Name varchar(64) NOT NULL);"
                  "INSERT INTO db_migrations VALUES (1, 'create_teams');"
                  "CREATE TABLE Teams (Id varchar(26) NOT NULL PRIMARY KEY, Name varchar(64) NOT NULL);"
                  "INSERT INTO Teams VALUES ('t1', 'red'), ('t2', 'blue')");
    m2pg::test::TempDir app("m2pg_run_next_step");
    fs::create_directories(app.path() / "postgres");
    app.write("postgres/000001_create_teams.up.sql", "CREATE TABLE teams (id varchar(26) PRIMARY KEY, name varchar(64));");
    app.write("postgres/000002_later.up.sql", "CREATE TABLE later (id int);");
    fs::create_directories(app.path() / "profile");
    app.write("profile/profile.toml", "name = \"app\"\n"
                                      "next_step = \"\"\"\nNow set the app's DataSource to {postgres_dsn} and start it.\"\"\"\n"
                                      "[migrations]\ntable = \"db_migrations\"\n");
    WorkDir work;

    auto r = run(db, work, {"--yes", "--profile", (app.path() / "profile").string(), "--migrations-dir",
                            (app.path() / "postgres").string()});
    CAPTURE(r.out);
    CAPTURE(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(contains(r.out, "--migrations-dir " + (app.path() / "postgres").string()));
    // Exactly the MySQL side's version, from check's report.
    CHECK(db.pg.scalar("SELECT string_agg(version::text, ',') FROM db_migrations") == "1");
    CHECK(db.pg.scalar("SELECT count(*) FROM teams") == "2");
    const std::string target = m2pg::util::split_pg_password(db.pg.dsn_text()).text;
    CHECK(contains(r.out, "verified\nNow set the app's DataSource to " + target + " and start it.\n"));
    check_no_password(db, r);
}
