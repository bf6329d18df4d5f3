#include "copy/value_checks.hpp"

#include <doctest/doctest.h>

#include <string>

#include "util/text.hpp"

using m2pg::copy::plan_value_checks;
using m2pg::copy::ValueCheck;
using m2pg::copy::ValueCheckKind;
using m2pg::target::postgres::TargetColumn;
using m2pg::target::postgres::TargetTable;

namespace {

struct Fixture {
    m2pg::model::Table source;
    TargetTable target;
    m2pg::schema::TablePair pair;

    // One MySQL column and the Postgres column it lands in, paired with `codec`.
    void add(const std::string& name, const std::string& data_type, bool is_unsigned, bool nullable,
             TargetColumn to, m2pg::convert::Codec codec) {
        m2pg::model::Column c;
        c.name = name;
        c.data_type = data_type;
        c.column_type = data_type;
        c.is_unsigned = is_unsigned;
        c.is_nullable = nullable;
        source.columns.push_back(c);
        to.name = m2pg::util::ascii_lower(name);
        m2pg::schema::ColumnPair cp;
        cp.source = name;
        cp.target = to.name;
        cp.source_type = data_type;
        cp.target_type = to.type;
        cp.codec = codec;
        target.columns.push_back(to);
        pair.columns.push_back(cp);
    }

    std::vector<ValueCheck> checks() {
        pair.source = &source;
        return plan_value_checks(pair, target);
    }
};

TargetColumn column(const std::string& type, const std::string& base_type, bool not_null = false) {
    TargetColumn c;
    c.type = type;
    c.base_type = base_type;
    c.not_null = not_null;
    return c;
}

}  // namespace


TEST_CASE("value checks: columns whose target takes every MySQL value get none") {
    Fixture f;
    f.add("Id", "varchar", false, false, column("character varying(26)", "varchar", true), m2pg::convert::Codec::Text);
    f.add("CreateAt", "bigint", false, false, column("bigint", "int8", true), m2pg::convert::Codec::Int);
    f.add("Count", "int", false, true, column("bigint", "int8"), m2pg::convert::Codec::Int);
    f.add("Small", "smallint", true, true, column("integer", "int4"), m2pg::convert::Codec::Int);
    CHECK(f.checks().empty());
}

TEST_CASE("value checks: NULL into NOT NULL, and a zero date, which becomes NULL") {
    Fixture f;
    f.add("DeleteAt", "bigint", false, true, column("bigint", "int8", true), m2pg::convert::Codec::Int);
    f.add("Born", "date", false, false, column("date", "date", true), m2pg::convert::Codec::Date);
    auto checks = f.checks();
    REQUIRE(checks.size() == 2);
    CHECK(checks[0].kind == ValueCheckKind::NullIntoNotNull);
    CHECK(checks[0].condition == "`DeleteAt` IS NULL");
    CHECK(checks[0].description == "NULL, but the column deleteat bigint is NOT NULL");
    CHECK(checks[1].column == 1);
    CHECK(checks[1].condition == "YEAR(`Born`) = 0 OR MONTH(`Born`) = 0 OR DAY(`Born`) = 0");
    CHECK(checks[1].description.find("NULL or a zero date") == 0);
}

TEST_CASE("value checks: an enum target compares the exact UTF-8 bytes with its labels") {
    Fixture f;
    auto to = column("channel_type", "channel_type");
    to.is_enum = true;
    to.enum_labels = {"P", "O"};
    f.add("Type", "varchar", false, true, to, m2pg::convert::Codec::Text);
    auto checks = f.checks();
    REQUIRE(checks.size() == 1);
    CHECK(checks[0].kind == ValueCheckKind::NotALabel);
    CHECK(checks[0].condition ==
          "CAST(REPLACE(CONVERT(`Type` USING utf8mb4), CHAR(0 USING utf8mb4), '') AS BINARY) NOT IN (X'50', X'4F')");
    CHECK(checks[0].description == "a value that is not a label of the enum channel_type ('P', 'O')");
}

TEST_CASE("value checks: a tinyint going into boolean must be 0 or 1, and integers must fit the narrower type") {
    Fixture f;
    f.add("SchemeUser", "tinyint", false, true, column("boolean", "bool"), m2pg::convert::Codec::Bool);
    f.add("SortOrder", "bigint", false, false, column("integer", "int4"), m2pg::convert::Codec::Int);
    f.add("Big", "bigint", true, false, column("bigint", "int8"), m2pg::convert::Codec::Int);
    f.add("Tiny", "tinyint", true, false, column("smallint", "int2"), m2pg::convert::Codec::Int);
    auto checks = f.checks();
    REQUIRE(checks.size() == 3);
    CHECK(checks[0].kind == ValueCheckKind::NotABoolean);
    CHECK(checks[0].condition == "`SchemeUser` NOT IN (0, 1)");
    CHECK(checks[1].kind == ValueCheckKind::OutOfRange);
    CHECK(checks[1].condition == "`SortOrder` < -2147483648 OR `SortOrder` > 2147483647");
    CHECK(checks[1].description == "a value outside integer (-2147483648..2147483647)");
    CHECK(checks[2].condition == "`Big` > 9223372036854775807");  // unsigned: no lower bound to check
}

TEST_CASE("value checks: '' in text going into json, unless the profile makes it {}; a MySQL json never holds ''") {
    Fixture f;
    f.add("Fields", "text", false, true, column("json", "json"), m2pg::convert::Codec::Json);
    f.add("Props", "text", false, true, column("jsonb", "jsonb"), m2pg::convert::Codec::Json);
    f.add("Doc", "json", false, true, column("jsonb", "jsonb"), m2pg::convert::Codec::Json);
    f.pair.columns[1].empty_json_as_object = true;
    auto checks = f.checks();
    REQUIRE(checks.size() == 1);
    CHECK(checks[0].kind == ValueCheckKind::EmptyJson);
    CHECK(checks[0].condition == "OCTET_LENGTH(`Fields`) = 0");
    CHECK(checks[0].description.find("'', which json refuses") == 0);
}
