#include <doctest/doctest.h>

#include <optional>
#include <string>

#include "support/servers.hpp"
#include "target/postgres/connection.hpp"
#include "util/error.hpp"

using m2pg::target::postgres::PgConnection;

TEST_CASE("a PostgreSQL connection runs queries and returns NULLs as empty optionals"
          * doctest::skip(m2pg::test::skip_servers())) {
    PgConnection pg(m2pg::test::pg_dsn());
    auto rows = pg.query("SELECT 1, NULL::text, 'zoë 🐘'");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0][0] == "1");
    CHECK_FALSE(rows[0][1].has_value());
    CHECK(rows[0][2] == "zoë 🐘");
    CHECK(pg.server_version_num() / 10000 == 15);
}

TEST_CASE("a wrong PostgreSQL password names the user and server, never the password"
          * doctest::skip(m2pg::test::skip_servers())) {
    auto dsn = m2pg::test::pg_dsn();
    dsn.keywords["password"] = "definitely-Wrong-pw";
    try {
        PgConnection pg(dsn);
        FAIL("connected with a wrong password");
    } catch (const m2pg::ConnectionError& e) {
        std::string msg = e.what();
        CHECK(msg.find("m2pg@127.0.0.1") != std::string::npos);
        CHECK(msg.find("wrong user or password") != std::string::npos);
        CHECK(msg.find("definitely-Wrong-pw") == std::string::npos);
        CHECK_FALSE(e.retryable());
        CHECK(e.exit_code() == 4);
    }
}

TEST_CASE("an unreachable PostgreSQL port is a retryable connection error"
          * doctest::skip(m2pg::test::skip_servers())) {
    auto dsn = m2pg::test::pg_dsn();
    dsn.keywords["port"] = "1";
    try {
        PgConnection pg(dsn);
        FAIL("connected to port 1");
    } catch (const m2pg::ConnectionError& e) {
        CHECK(std::string(e.what()).find("is the server running and reachable?") != std::string::npos);
        CHECK(e.retryable());
    }
}

TEST_CASE("a failing PostgreSQL statement carries its SQLSTATE"
          * doctest::skip(m2pg::test::skip_servers())) {
    PgConnection pg(m2pg::test::pg_dsn());
    try {
        pg.execute("SELECT * FROM no_such_table_here");
        FAIL("query on a missing table succeeded");
    } catch (const m2pg::TargetError& e) {
        CHECK(e.sqlstate() == "42P01");
        CHECK(std::string(e.what()).find("no_such_table_here") != std::string::npos);
    }
}

TEST_CASE("in_transaction rolls everything back when the body throws"
          * doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::PgScratch scratch;
    PgConnection pg(scratch.dsn());
    pg.execute("CREATE TABLE t (id int)");
    CHECK_THROWS_AS(pg.in_transaction([](PgConnection& c) {
        c.execute("INSERT INTO t VALUES (1)");
        c.execute("INSERT INTO t VALUES ('not a number')");
    }),
                    m2pg::TargetError);
    CHECK(pg.scalar("SELECT count(*) FROM t") == "0");
    pg.in_transaction([](PgConnection& c) { c.execute("INSERT INTO t VALUES (2)"); });
    CHECK(pg.scalar("SELECT count(*) FROM t") == "1");
}

TEST_CASE("a connection returns every row of a query, with NULL as no value"
          * doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::PgScratch db;
    PgConnection conn(db.dsn());
    const auto rows = conn.query("SELECT * FROM (VALUES (1, 'a'), (2, NULL)) AS v (n, s) ORDER BY n");
    REQUIRE(rows.size() == 2);
    CHECK(rows[0] == m2pg::target::postgres::Row{std::string("1"), std::string("a")});
    CHECK(rows[1] == m2pg::target::postgres::Row{std::string("2"), std::nullopt});
    CHECK(conn.query("CREATE TABLE t (id int)").empty());
    CHECK(conn.query("-- only a comment").empty());
}

TEST_CASE("a failed statement's TargetError carries the SQLSTATE and the server's error position"
          * doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::PgScratch db;
    PgConnection conn(db.dsn());
    const std::string sql = "SELECT 1 FROM no_such_table";
    try {
        conn.execute(sql);
        FAIL("exec did not throw");
    } catch (const m2pg::TargetError& e) {
        CHECK(e.sqlstate() == "42P01");
        CHECK(e.query() == sql);
        CHECK(e.position() == 15);
    }
    try {
        conn.execute("SELECT 1/0");
        FAIL("exec did not throw");
    } catch (const m2pg::TargetError& e) {
        CHECK(e.sqlstate() == "22012");
        CHECK(e.position() == 0);
    }
}

TEST_CASE("a COPY FROM STDIN run as a statement is refused and leaves the connection usable"
          * doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::PgScratch db;
    db.exec("CREATE TABLE t (id int)");
    PgConnection conn(db.dsn());
    CHECK_THROWS_AS(conn.execute("COPY t FROM STDIN"), m2pg::TargetError);
    CHECK(conn.scalar("SELECT count(*) FROM t") == "0");
}

TEST_CASE("a session the server ends (57P01) is a retryable connection error, not a statement error"
          * doctest::skip(m2pg::test::skip_servers())) {
    PgConnection victim(m2pg::test::pg_dsn());
    const std::string pid = *victim.scalar("SELECT pg_backend_pid()");
    PgConnection admin(m2pg::test::pg_dsn());
    CHECK(admin.scalar("SELECT pg_terminate_backend(" + pid + ")") == "t");
    try {
        victim.query("SELECT 1");
        FAIL("a terminated session answered");
    } catch (const m2pg::ConnectionError& e) {
        CHECK(e.retryable());
    }
}

TEST_CASE("a failed statement keeps the server's DETAIL and CONTEXT" * doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::PgScratch db;
    PgConnection conn(db.dsn());
    conn.execute("CREATE TABLE parent (id int PRIMARY KEY); CREATE TABLE child (p int REFERENCES parent)");
    try {
        conn.execute("INSERT INTO child VALUES (7)");
        FAIL("the foreign key held nothing back");
    } catch (const m2pg::TargetError& e) {
        CHECK(e.sqlstate() == "23503");
        CHECK(std::string(e.what()).find("Key (p)=(7) is not present in table \"parent\"") != std::string::npos);
    }
    try {
        conn.execute("DO $$ BEGIN RAISE EXCEPTION 'inner failure'; END $$");
        FAIL("the DO block did not fail");
    } catch (const m2pg::TargetError& e) {
        CHECK(std::string(e.what()).find("PL/pgSQL function inline_code_block") != std::string::npos);
    }
}
