#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "compat/pgloader_casts.hpp"
#include "convert/types.hpp"

using m2pg::compat::ColumnRule;
using m2pg::compat::render_cast_rules;
using m2pg::compat::transform_for;
using m2pg::compat::type_rule_result;
using m2pg::convert::Codec;
using m2pg::model::Column;

namespace {

Column column(std::string column_type, bool auto_increment = false, bool on_update = false) {
    Column c;
    c.name = std::string("c");  // not = "c": GCC 12 -O2 warns -Wrestrict there (bug 105329)
    c.data_type = column_type.substr(0, column_type.find_first_of("( "));
    c.column_type = column_type;
    c.is_unsigned = column_type.find("unsigned") != std::string::npos;
    c.is_auto_increment = auto_increment;
    c.on_update_current_timestamp = on_update;
    return c;
}

std::string m2pg_type(const Column& c) { return m2pg::convert::map_column({}, "t", c).pg_type; }

// Position of the line holding `needle` in the rendered CAST list; fails the test when absent.
std::size_t line_of(const std::string& text, const std::string& needle) {
    std::size_t at = text.find(needle);
    REQUIRE_MESSAGE(at != std::string::npos, "no rule '" << needle << "' in:\n" << text);
    return at;
}

}  // namespace

TEST_CASE("pgloader's type rules give every column the type m2pg copy gives it, MySQL's display widths included") {
    // MariaDB's COLUMN_TYPE spellings (MySQL 8 drops the widths except tinyint(1)).
    const std::vector<std::string> types = {
        "tinyint(1)",     "tinyint(1) unsigned", "tinyint(4)",      "tinyint(3) unsigned", "tinyint",
        "smallint(6)",    "smallint(5) unsigned", "mediumint(9)",   "mediumint(8) unsigned", "int(11)",
        "int(10) unsigned", "int",                "bigint(20)",     "bigint(20) unsigned", "bigint unsigned",
        "decimal(10,2)",  "decimal(65,30) unsigned", "float",       "float(7,3)",          "double",
        "char(10)",       "char(0)",            "varchar(255)",     "varchar(0)",          "tinytext",
        "text",           "mediumtext",         "longtext",         "json",                "enum('a','b')",
        "set('x','y')",   "binary(16)",         "varbinary(10)",    "tinyblob",            "blob",
        "mediumblob",     "longblob",           "date",             "datetime",            "datetime(3)",
        "datetime(6)",    "timestamp",          "timestamp(6)",     "time",                "time(6)",
        "year(4)",        "year",               "bit(1)",           "uuid",                "inet4",
        "inet6",
    };
    for (const auto& type : types) {
        CAPTURE(type);
        const Column c = column(type);
        CHECK(type_rule_result(c) == m2pg_type(c));
    }
}

TEST_CASE("AUTO_INCREMENT and ON UPDATE columns, which pgloader matches only with rules of their own, get them") {
    CHECK(type_rule_result(column("int(11)", true)) == "integer");           // serial
    CHECK(type_rule_result(column("int(10) unsigned", true)) == "bigint");   // bigserial
    CHECK(type_rule_result(column("bigint(20)", true)) == "bigint");         // bigserial
    CHECK(type_rule_result(column("bigint(20) unsigned", true)) == "numeric(20)");
    CHECK(type_rule_result(column("smallint(5) unsigned", true)) == "integer");
    CHECK(type_rule_result(column("mediumint(9)", true)) == "integer");
    CHECK(type_rule_result(column("tinyint(4)", true)) == "smallint");
    CHECK(type_rule_result(column("datetime", false, true)) == "timestamp(0)");
    CHECK(type_rule_result(column("datetime(6)", false, true)) == "timestamp(6)");
    CHECK(type_rule_result(column("timestamp(3)", false, true)) == "timestamptz(3)");
}

TEST_CASE("what pgloader cannot express shows as a different type, or as no rule of ours") {
    // bit(n) values arrive padded to whole bytes, so the column has no length.
    CHECK(type_rule_result(column("bit(12)")) == "bit varying");
    CHECK(m2pg_type(column("bit(12)")) == "bit varying(12)");
    CHECK_FALSE(type_rule_result(column("geometry")).has_value());
    CHECK_FALSE(type_rule_result(column("point")).has_value());
}

TEST_CASE("the CAST list orders the rules so the first match is m2pg's") {
    const std::string text = render_cast_rules({}).text;
    // tinyint(1) before any other tinyint rule, without its typemod (boolean(1) aborts the schema).
    CHECK(line_of(text, "type tinyint when (= precision 1) to boolean drop typemod using tinyint-to-boolean") <
          line_of(text, "type tinyint with extra"));
    CHECK(line_of(text, "type tinyint when (= precision 1)") < line_of(text, "type tinyint to smallint drop typemod"));
    // bigint unsigned before every other bigint rule: bigint overflows above 2^63.
    CHECK(text.find("type bigint") == line_of(text, "type bigint with extra auto_increment when unsigned to \"numeric(20)\""));
    CHECK(line_of(text, "type bigint when unsigned to \"numeric(20)\" drop typemod") <
          line_of(text, "type bigint to bigint drop typemod"));
    for (const char* date : {"type date to date", "type datetime to \"timestamp(0)\"",
                             "type timestamp to \"timestamptz(0)\"", "type datetime when (>= precision 0)"}) {
        const std::size_t at = line_of(text, date);
        CHECK(text.substr(at, text.find('\n', at) - at).find("using zero-dates-to-null") != std::string::npos);
    }
    line_of(text, "type time to interval drop typemod");
    line_of(text, "type bit when (= precision 1) to boolean drop typemod using bits-to-boolean");
    CHECK(line_of(text, "type bit when (= precision 1)") <
          line_of(text, "type bit to \"bit varying\" drop typemod using bits-to-hex-bitstring"));
    for (const char* bytes : {"binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob"})
        line_of(text, std::string("type ") + bytes + " to bytea drop typemod drop default using byte-vector-to-bytea");
    line_of(text, "type json to jsonb drop typemod using remove-null-characters");
    line_of(text, "type varchar to varchar keep typemod using remove-null-characters");
    line_of(text, "type text to text drop typemod using remove-null-characters");
    line_of(text, "type longtext to text drop typemod using remove-null-characters");
    // Commas between rules, none after the last.
    const std::string last = "\n    type inet6 to inet drop typemod";
    CHECK(text.substr(text.size() - last.size()) == last);
}

TEST_CASE("column rules come before the type rules, quoted as pgloader needs, and unwritable ones are left out") {
    std::vector<ColumnRule> rules = {
        {"Odd Tab-le", "we'ird col", "jsonb", transform_for(Codec::Json), false, false, "JSON"},
        {"Things", "dnn", "date", transform_for(Codec::Date), true, true, "zero-date default"},
        {"Both", "a'\"b", "jsonb", transform_for(Codec::Json), false, false, "JSON"},
    };
    const auto cast = render_cast_rules(rules);
    const std::size_t json = line_of(cast.text,
                                     "column \"Odd Tab-le\".\"we'ird col\" to jsonb drop typemod using remove-null-characters,");
    const std::size_t date =
        line_of(cast.text, "column Things.dnn to date drop typemod drop default drop not null using zero-dates-to-null,");
    CHECK(json < date);
    CHECK(date < line_of(cast.text, "type tinyint"));
    CHECK(cast.text.find("Both") == std::string::npos);
    REQUIRE(cast.warnings.size() == 1);
    CHECK(cast.warnings[0].find("Both.a'\"b") != std::string::npos);
}

TEST_CASE("each m2pg codec maps to the pgloader transform that writes what m2pg writes") {
    CHECK(transform_for(Codec::Bool) == "tinyint-to-boolean");
    CHECK(transform_for(Codec::BitBool) == "bits-to-boolean");
    CHECK(transform_for(Codec::Bit) == "bits-to-hex-bitstring");
    CHECK(transform_for(Codec::Text) == "remove-null-characters");
    CHECK(transform_for(Codec::Json) == "remove-null-characters");
    CHECK(transform_for(Codec::Bytes) == "byte-vector-to-bytea");
    CHECK(transform_for(Codec::DateTime) == "zero-dates-to-null");
    CHECK(transform_for(Codec::Set) == "set-to-enum-array");
    CHECK(transform_for(Codec::Int).empty());
    CHECK(transform_for(Codec::MysqlTime).empty());
}
