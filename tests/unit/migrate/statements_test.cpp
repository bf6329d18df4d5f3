#include <doctest/doctest.h>

#include <string>

#include "migrate/statements.hpp"

using namespace m2pg::migrate;

TEST_CASE("statements split at semicolons and keep their offset and first line") {
    const std::string script = "-- header\nCREATE TABLE a (x int);\n\n  INSERT INTO a\n  VALUES (1);\nSELECT 2";
    auto s = split_statements(script);
    REQUIRE(s.size() == 3);
    CHECK(s[0].sql == "CREATE TABLE a (x int)");
    CHECK(s[0].line == 2);
    CHECK(s[0].offset == 10);
    CHECK(s[1].sql == "INSERT INTO a\n  VALUES (1)");
    CHECK(s[1].line == 4);
    CHECK(s[2].sql == "SELECT 2");
    CHECK(s[2].line == 6);
}

TEST_CASE("semicolons inside strings, identifiers and comments do not split") {
    const std::string script =
        "INSERT INTO t VALUES ('a;b', 'it''s;', E'x\\';y');\n"
        "SELECT \"odd;name\" FROM t; -- trailing; comment\n"
        "/* block; /* nested; */ still; */ SELECT 3;";
    auto s = split_statements(script);
    REQUIRE(s.size() == 3);
    CHECK(s[0].sql == "INSERT INTO t VALUES ('a;b', 'it''s;', E'x\\';y')");
    CHECK(s[1].sql == "SELECT \"odd;name\" FROM t");
    CHECK(s[2].sql == "SELECT 3");
    CHECK(s[2].line == 3);
}

TEST_CASE("dollar-quoted bodies keep their semicolons, tagged or not") {
    const std::string script =
        "DO $$ BEGIN PERFORM 1; PERFORM 2; END $$;\n"
        "CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $$ nested $$; $body$ LANGUAGE sql;\n"
        "SELECT $1, a$b FROM t;";
    auto s = split_statements(script);
    REQUIRE(s.size() == 3);
    CHECK(s[0].sql == "DO $$ BEGIN PERFORM 1; PERFORM 2; END $$");
    CHECK(s[1].sql == "CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $$ nested $$; $body$ LANGUAGE sql");
    CHECK(s[2].sql == "SELECT $1, a$b FROM t");
}

TEST_CASE("a file of comments and blanks has no statements") {
    CHECK(split_statements("-- nothing to do for this database\n\n/* really */\n;\n").empty());
    CHECK(split_statements("").empty());
}

TEST_CASE("an error position maps to the line of the file, counting characters not bytes") {
    const std::string script = "-- é\nSELECT 1;\nSELECT 'ééééé',\n  oops;\n";
    auto s = split_statements(script);
    REQUIRE(s.size() == 2);
    // "SELECT '" (8) + "ééééé" (5 characters, 10 bytes) + "',\n" (3): the 17th character starts line 4.
    // Counted in bytes, position 17 would still be inside the é's on line 3.
    CHECK(error_line(script, s[1], 17) == 4);
    CHECK(error_line(script, s[1], 16) == 3);
    CHECK(error_line(script, s[1], 1) == 3);
    CHECK(error_line(script, s[1], 0) == 3);
    CHECK(error_line(script, s[1], 10000) == 3);
}

TEST_CASE("line_at counts newlines before the offset") {
    CHECK(line_at("a\nb\nc", 0) == 1);
    CHECK(line_at("a\nb\nc", 2) == 2);
    CHECK(line_at("a\nb\nc", 4) == 3);
    CHECK(line_at("a\nb\nc", 99) == 3);
}
