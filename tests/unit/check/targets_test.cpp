#include <doctest/doctest.h>

#include "check/targets.hpp"

using m2pg::check::TargetLimits;
using m2pg::check::scan_varchar_limits;

TEST_CASE("varchar limits come from CREATE TABLE column definitions, names folded to lower case") {
    TargetLimits l;
    scan_varchar_limits(R"(
        -- a comment with varchar(1)
        CREATE TABLE IF NOT EXISTS public."Users" (
            id varchar(26) PRIMARY KEY,
            "Email" character varying(128) NOT NULL DEFAULT 'a,b varchar(3)',
            props jsonb,
            tags varchar(10)[],
            price numeric(10, 2),
            CONSTRAINT u UNIQUE (id, "Email")
        );
        /* varchar(2) */
        CREATE TABLE posts (message varchar(65535), type text);
    )", l);
    CHECK(l.limit("users", "id") == 26);
    CHECK(l.limit("Users", "EMAIL") == 128);
    CHECK(l.limit("users", "props") == std::nullopt);
    CHECK(l.limit("users", "tags") == std::nullopt);
    CHECK(l.limit("users", "price") == std::nullopt);
    CHECK(l.limit("posts", "message") == 65535);
    CHECK(l.limit("posts", "type") == std::nullopt);
    CHECK(l.varchar_chars.size() == 3);
}

TEST_CASE("later ALTER TABLE statements add, widen, retype, rename and drop limits") {
    TargetLimits l;
    scan_varchar_limits("CREATE TABLE t (a varchar(5), b varchar(6), c varchar(7), d text);", l);
    scan_varchar_limits("ALTER TABLE t ALTER COLUMN a TYPE varchar(50), ALTER b SET DATA TYPE text;"
                        "ALTER TABLE ONLY t ADD COLUMN IF NOT EXISTS e varchar(9);"
                        "ALTER TABLE t DROP COLUMN c; ALTER TABLE t RENAME COLUMN e TO f;"
                        "ALTER TABLE t ADD CONSTRAINT x CHECK (length(d) < 3);",
                        l);
    CHECK(l.limit("t", "a") == 50);
    CHECK(l.limit("t", "b") == std::nullopt);
    CHECK(l.limit("t", "c") == std::nullopt);
    CHECK(l.limit("t", "e") == std::nullopt);
    CHECK(l.limit("t", "f") == 9);
}

TEST_CASE("limits from the generated DDL follow the type map and profile casts") {
    m2pg::model::Catalog catalog;
    m2pg::model::Table t;
    t.name = "Posts";
    auto col = [](std::string name, std::string type, std::string column_type, std::optional<std::int64_t> len) {
        m2pg::model::Column c;
        c.name = std::move(name);
        c.data_type = std::move(type);
        c.column_type = std::move(column_type);
        c.char_max_length = len;
        return c;
    };
    t.columns = {col("Id", "varchar", "varchar(26)", 26), col("Message", "text", "text", 65535),
                 col("Type", "char", "char(4)", 4)};
    catalog.tables = {t};
    m2pg::convert::TypeConfig types;
    types.column_overrides["Posts.Message"] = "varchar(100)";
    const auto l = m2pg::check::limits_from_catalog(catalog, types);
    CHECK(l.limit("posts", "id") == 26);
    CHECK(l.limit("posts", "message") == 100);
    CHECK(l.limit("posts", "type") == 4);
    CHECK(l.source == "generated DDL");
}

TEST_CASE("a missing migrations directory gives no limits") {
    const auto l = m2pg::check::limits_from_migrations("/nonexistent/postgres");
    CHECK(l.varchar_chars.empty());
}

TEST_CASE("regression: nested comments, E'' strings and dollar quotes no longer hide or invent columns") {
    // The old scanner ended the comment at the first */ and the E'' string at \', and read
    // the function body as DDL: it saw t.b as varchar(1) and lost t.c.
    TargetLimits l;
    scan_varchar_limits("/* outer /* inner */ CREATE TABLE t (b varchar(1)); */\n"
                        "CREATE TABLE t (a varchar(5) DEFAULT E'it\\'s, b varchar(1)', c varchar(7));\n"
                        "CREATE FUNCTION f() RETURNS void AS $$ ALTER TABLE t ALTER c TYPE text; $$ LANGUAGE sql;",
                        l);
    CHECK(l.limit("t", "a") == 5);
    CHECK(l.limit("t", "b") == std::nullopt);
    CHECK(l.limit("t", "c") == 7);
}
