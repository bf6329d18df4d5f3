#include <doctest/doctest.h>

#include <optional>
#include <string>

#include "support/servers.hpp"
#include "target/postgres/raw_connection.hpp"
#include "util/error.hpp"

using m2pg::target::postgres::RawPgConnection;

TEST_CASE("a raw connection returns every row of a query, with NULL as no value"
          * doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::PgScratch db;
    RawPgConnection conn(db.dsn());
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
    RawPgConnection conn(db.dsn());
    const std::string sql = "SELECT 1 FROM no_such_table";
    try {
        conn.exec(sql);
        FAIL("exec did not throw");
    } catch (const m2pg::TargetError& e) {
        CHECK(e.sqlstate() == "42P01");
        CHECK(e.query() == sql);
        CHECK(e.position() == 15);
    }
    try {
        conn.exec("SELECT 1/0");
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
    RawPgConnection conn(db.dsn());
    CHECK_THROWS_AS(conn.exec("COPY t FROM STDIN"), m2pg::TargetError);
    CHECK(conn.scalar("SELECT count(*) FROM t") == "0");
}
