#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include "convert/types.hpp"
#include "schema/defaults.hpp"

using m2pg::convert::map_column;
using m2pg::model::Column;
using m2pg::schema::translate_default;

namespace {

struct Row {
    const char* column_type;
    std::optional<std::string> mysql_default;  // COLUMN_DEFAULT as MariaDB reports it
    std::optional<std::string> pg_default;     // nullopt: no DEFAULT clause
    bool has_note;
};

Column column(const std::string& column_type, std::optional<std::string> mysql_default) {
    Column c;
    c.name = "c";
    c.column_type = column_type;
    c.data_type = column_type.substr(0, column_type.find_first_of("( "));
    c.is_unsigned = column_type.find("unsigned") != std::string::npos;
    c.default_value = std::move(mysql_default);
    return c;
}

void check_rows(const std::vector<Row>& rows) {
    for (const Row& row : rows) {
        INFO(row.column_type << " DEFAULT " << row.mysql_default.value_or("(none)"));
        Column c = column(row.column_type, row.mysql_default);
        auto translated = translate_default(c, map_column({}, "t", c));
        CHECK(translated.expression == row.pg_default);
        CHECK(translated.note.empty() == !row.has_note);
    }
}

}  // namespace

TEST_CASE("absent and NULL defaults give no DEFAULT clause") {
    check_rows({
        {"int(11)", std::nullopt, std::nullopt, false},
        {"int(11)", "NULL", std::nullopt, false},
        {"varchar(10)", "NULL", std::nullopt, false},
    });
}

TEST_CASE("numeric defaults are copied as numbers") {
    check_rows({
        {"int(11)", "0", "0", false},
        {"int(11)", "-42", "-42", false},
        {"int(10) unsigned", "4294967295", "4294967295", false},
        {"bigint(20) unsigned", "18446744073709551615", "18446744073709551615", false},
        {"decimal(10,2)", "-1.50", "-1.50", false},
        {"double", "1e10", "1e10", false},
        {"float", "'2.5'", "2.5", false},
        {"year(4)", "2024", "2024", false},
        {"int(11)", "'abc'", std::nullopt, true},
    });
}

TEST_CASE("string defaults are unescaped from MySQL and quoted for Postgres") {
    check_rows({
        {"varchar(20)", "'abc'", "'abc'", false},
        {"varchar(20)", "''", "''", false},
        {"varchar(20)", "'it''s'", "'it''s'", false},
        {"varchar(20)", R"('back\\slash')", R"('back\slash')", false},
        {"varchar(20)", R"('quote\'d')", "'quote''d'", false},
        {"varchar(20)", R"('line\nbreak')", "'line\nbreak'", false},
        {"text", "'ü😀'", "'ü😀'", false},
        {"char(3)", "'5'", "'5'", false},
        {"varchar(20)", R"('nul\0')", std::nullopt, true},
    });
}

TEST_CASE("tinyint(1) and bit(1) defaults become true or false") {
    check_rows({
        {"tinyint(1)", "1", "true", false},
        {"tinyint(1)", "0", "false", false},
        {"tinyint(1)", "'1'", "true", false},
        {"tinyint(1)", "'0'", "false", false},
        {"tinyint(1)", "2", std::nullopt, true},
        {"bit(1)", "b'1'", "true", false},
        {"bit(1)", "b'0'", "false", false},
    });
}

TEST_CASE("a tinyint(1) overridden to smallint keeps its numeric default") {
    m2pg::convert::TypeConfig config;
    config.tinyint1_as_boolean = false;
    Column c = column("tinyint(1)", "1");
    CHECK(translate_default(c, map_column(config, "t", c)).expression == "1");
}

TEST_CASE("bit(n) defaults are bit strings padded to the column width") {
    check_rows({
        {"bit(3)", "b'101'", "B'101'", false},
        {"bit(3)", "b'1'", "B'001'", false},
        {"bit(8)", "b'0'", "B'00000000'", false},
        {"bit(3)", "5", "B'101'", false},
        {"bit(2)", "b'111'", std::nullopt, true},
    });
}

TEST_CASE("current timestamp defaults keep their precision") {
    check_rows({
        {"timestamp", "current_timestamp()", "CURRENT_TIMESTAMP", false},
        {"timestamp(6)", "current_timestamp(6)", "CURRENT_TIMESTAMP(6)", false},
        {"datetime", "current_timestamp()", "CURRENT_TIMESTAMP", false},
        {"datetime(3)", "now(3)", "CURRENT_TIMESTAMP(3)", false},
        {"datetime", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP", false},  // MySQL 8 spelling
        {"date", "curdate()", "CURRENT_DATE", false},
        {"date", "current_timestamp()", "CURRENT_DATE", false},
        {"time", "curtime()", "LOCALTIME", false},
    });
}

TEST_CASE("date literals are kept and zero dates are dropped with a note") {
    check_rows({
        {"date", "'2024-02-29'", "'2024-02-29'", false},
        {"date", "'0009-12-04'", "'0009-12-04'", false},  // a real date, not a zero date
        {"datetime", "'2020-01-01 00:00:00'", "'2020-01-01 00:00:00'", false},
        {"date", "'0000-00-00'", std::nullopt, true},
        {"datetime", "'0000-00-00 00:00:00'", std::nullopt, true},
        {"timestamp", "'0000-00-00 00:00:00'", std::nullopt, true},
        {"date", "'2024-00-10'", std::nullopt, true},
        {"date", "'2024-05-00'", std::nullopt, true},
        {"time(3)", "'-838:59:59.000'", "'-838:59:59.000'", false},
    });
}

TEST_CASE("enum, set and json defaults keep their value in the new type") {
    check_rows({
        {"enum('a','b''c')", "'b''c'", "'b''c'", false},
        {"set('a','b','c')", "'a,c'", "ARRAY['a', 'c']::text[]", false},
        {"set('a','b')", "''", "'{}'::text[]", false},
        {"json", R"('{"a":1}')", R"('{"a":1}'::jsonb)", false},
        {"json", "'[]'", "'[]'::jsonb", false},
    });
}

TEST_CASE("binary defaults are hex bytea, BINARY(n) padded with zero bytes") {
    check_rows({
        {"varbinary(10)", "'ab'", R"('\x6162'::bytea)", false},
        {"binary(4)", "'ab'", R"('\x61620000'::bytea)", false},
    });
}

TEST_CASE("uuid() becomes gen_random_uuid()") {
    check_rows({
        {"uuid", "uuid()", "gen_random_uuid()", false},
        {"uuid", "'6ccd780c-baba-1026-9564-5b8c656024db'",
         "'6ccd780c-baba-1026-9564-5b8c656024db'", false},
        {"char(36)", "uuid()", "gen_random_uuid()::text", false},
    });
}

TEST_CASE("an expression default we do not know is left out with a note, never emitted") {
    check_rows({
        {"int(11)", "(1 + 2)", std::nullopt, true},
        {"varchar(40)", "concat('a','b')", std::nullopt, true},
        {"datetime", "current_timestamp() + interval 1 day", std::nullopt, true},
        {"point", "point(0,0)", std::nullopt, true},
    });
    Column c = column("varchar(40)", "concat('a','b')");
    CHECK(translate_default(c, map_column({}, "t", c)).note ==
          "default concat('a','b') not translated for varchar(40); left out");
}

TEST_CASE("auto-increment and generated columns get no default") {
    Column ai = column("int(11)", "0");
    ai.is_auto_increment = true;
    CHECK_FALSE(translate_default(ai, map_column({}, "t", ai)).expression);
    Column gen = column("int(11)", "0");
    gen.generation_expression = "`a` + 1";
    CHECK_FALSE(translate_default(gen, map_column({}, "t", gen)).expression);
}

TEST_CASE("a NOT NULL column with a zero-date default loses NOT NULL, since its zero dates become NULL") {
    Column c = column("datetime", "'0000-00-00 00:00:00'");
    c.is_nullable = false;
    auto translated = translate_default(c, map_column({}, "t", c));
    CHECK(translated.drop_not_null);
    CHECK(translated.note.find("NOT NULL dropped") != std::string::npos);

    c.is_nullable = true;
    CHECK_FALSE(translate_default(c, map_column({}, "t", c)).drop_not_null);

    Column real_default = column("datetime", "'2024-01-01 00:00:00'");
    real_default.is_nullable = false;
    CHECK_FALSE(translate_default(real_default, map_column({}, "t", real_default)).drop_not_null);
}
