#include <doctest/doctest.h>

#include <string>

#include "target/postgres/type_spec.hpp"

using namespace m2pg::target::postgres;

namespace {

// The type at the start of `sql`, and what follows it.
std::pair<TypeSpec, std::string> type_of(const std::string& sql) {
    const auto tokens = lex_sql(sql);
    std::size_t p = 0;
    auto t = read_type(tokens, p, tokens.size());
    REQUIRE(t);
    return {*t, p < tokens.size() ? tokens[p].text : ""};
}

}  // namespace

TEST_CASE("built-in types read as format_type and pg_type.typname show them") {
    struct Case {
        const char* sql;
        const char* format;
        const char* typname;
    };
    const Case cases[] = {
        {"VARCHAR(26)", "character varying(26)", "varchar"},
        {"character varying", "character varying", "varchar"},
        {"char", "character(1)", "bpchar"},
        {"CHARACTER(26)", "character(26)", "bpchar"},
        {"int", "integer", "int4"},
        {"int8", "bigint", "int8"},
        {"serial", "integer", "int4"},
        {"BIGSERIAL", "bigint", "int8"},
        {"float", "double precision", "float8"},
        {"float(10)", "real", "float4"},
        {"double precision", "double precision", "float8"},
        {"bool", "boolean", "bool"},
        {"decimal(10)", "numeric(10,0)", "numeric"},
        {"numeric(12, 2)", "numeric(12,2)", "numeric"},
        {"numeric", "numeric", "numeric"},
        {"timestamp", "timestamp without time zone", "timestamp"},
        {"timestamp(3) with time zone", "timestamp(3) with time zone", "timestamptz"},
        {"timestamptz", "timestamp with time zone", "timestamptz"},
        {"time(0) without time zone", "time(0) without time zone", "time"},
        {"bit", "bit(1)", "bit"},
        {"bit varying(5)", "bit varying(5)", "varbit"},
        {"jsonb", "jsonb", "jsonb"},
        {"pg_catalog.text", "text", "text"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.sql);
        const auto [t, rest] = type_of(c.sql);
        CHECK(t.format == c.format);
        CHECK(t.typname == c.typname);
        CHECK(t.is_builtin);
        CHECK(rest.empty());
    }
}

TEST_CASE("character limits and numeric precision are read from the typmod") {
    CHECK(type_of("varchar(26)").first.max_chars == 26);
    CHECK(type_of("char").first.max_chars == 1);
    CHECK(type_of("text").first.max_chars == std::nullopt);
    CHECK(type_of("bpchar").first.max_chars == std::nullopt);
    const auto n = type_of("numeric(12,2)").first;
    CHECK(n.numeric_precision == 12);
    CHECK(n.numeric_scale == 2);
    CHECK(type_of("serial").first.is_serial);
    CHECK(!type_of("integer").first.is_serial);
}

TEST_CASE("arrays keep the element's typmod, however they are spelled") {
    for (const char* sql : {"varchar(26)[]", "varchar(26)[3]", "varchar(26)[][]", "varchar(26) ARRAY", "varchar(26) ARRAY[4]"}) {
        CAPTURE(sql);
        const auto [t, rest] = type_of(sql);
        CHECK(t.format == "character varying(26)[]");
        CHECK(t.typname == "_varchar");
        CHECK(t.element == "varchar");
        CHECK(t.max_chars == 26);
        CHECK(rest.empty());
    }
    CHECK(type_of("int[]").first.format == "integer[]");
}

TEST_CASE("a type stops before the column's constraints") {
    CHECK(type_of("varchar(26) NOT NULL").second == "not");
    CHECK(type_of("timestamp with time zone DEFAULT now()").second == "default");
    CHECK(type_of("double precision,").second == ",");
    CHECK(type_of("channel_type USING type::channel_type").second == "using");
}

TEST_CASE("names that are not built in are left to the caller, schema dropped, quoted case kept") {
    auto t = type_of("public.channel_type").first;
    CHECK(!t.is_builtin);
    CHECK(t.typname == "channel_type");
    CHECK(t.format == "channel_type");
    t = type_of("\"Mood\"[]").first;
    CHECK(!t.is_builtin);
    CHECK(t.element == "Mood");
    CHECK(t.format == "\"Mood\"[]");
    CHECK(t.scalar_typname() == "Mood");
}
