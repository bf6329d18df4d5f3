#include <doctest/doctest.h>

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
