#include <doctest/doctest.h>

#include "check/probe_findings.hpp"
#include "check/probes.hpp"
#include "target/postgres/schema_model.hpp"

using namespace m2pg;
using check::ProbeKind;

namespace {

model::Column col(std::string name, std::string type, std::string column_type, std::string charset = {},
                   bool is_unsigned = false) {
    model::Column c;
    c.name = std::move(name);
    c.data_type = std::move(type);
    c.column_type = std::move(column_type);
    c.charset = charset;
    c.collation = charset.empty() ? "" : charset + "_general_ci";
    c.is_unsigned = is_unsigned;
    if (c.data_type == "varchar") c.char_max_length = 100;
    return c;
}

std::vector<ProbeKind> kinds(const std::vector<check::Probe>& probes, const std::string& column) {
    std::vector<ProbeKind> out;
    for (const auto& p : probes)
        if (p.column == column) out.push_back(p.kind);
    return out;
}

// The probes of `t` against the tables `target_sql` makes (empty: the generated DDL).
std::vector<check::Probe> probes_for(const model::Table& t, const std::string& target_sql = {},
                                     const convert::TypeConfig& types = {}) {
    check::TargetSchema target = check::generated_target();
    if (!target_sql.empty()) {
        target::postgres::SchemaModel model;
        model.apply(target_sql);
        target = {model.tables(), "migrations x", true};
    }
    return check::plan_probes(check::land_table(t, target, types));
}

}  // namespace

TEST_CASE("plan_probes picks each column's checks from its type, charset and target") {
    model::Table t;
    t.name = "t";
    t.columns = {col("id", "int", "int(11)"),
                 col("u8", "varchar", "varchar(100)", "utf8mb4"),
                 col("l1", "text", "text", "latin1"),
                 col("doc", "json", "json", "utf8mb4"),
                 col("at", "datetime", "datetime"),
                 col("big", "bigint", "bigint(20) unsigned", "", true),
                 col("flag", "tinyint", "tinyint(1)"),
                 col("raw", "blob", "blob")};
    const std::string target = "CREATE TABLE t (id int, u8 varchar(50), l1 varchar(10), doc jsonb, at timestamp, "
                               "big numeric(20), flag boolean, raw bytea)";
    convert::TypeConfig types;
    auto probes = probes_for(t, target, types);
    CHECK(kinds(probes, "id").empty());
    CHECK(kinds(probes, "u8") == std::vector{ProbeKind::NulBytes, ProbeKind::InvalidUtf8, ProbeKind::TooLong});
    CHECK(kinds(probes, "l1") == std::vector{ProbeKind::NulBytes, ProbeKind::DoubleEncodedLatin1, ProbeKind::TooLong});
    CHECK(kinds(probes, "doc") ==
          std::vector{ProbeKind::NulBytes, ProbeKind::JsonNulEscape, ProbeKind::InvalidUtf8, ProbeKind::InvalidJson});
    CHECK(kinds(probes, "at") == std::vector{ProbeKind::ZeroDate});
    CHECK(kinds(probes, "big").empty());  // numeric(20) holds every value
    CHECK(kinds(probes, "flag") == std::vector{ProbeKind::OutOfRange});
    CHECK(kinds(probes, "raw").empty());
    types.bigint_unsigned = convert::BigintUnsignedPolicy::Bigint;
    probes = probes_for(t, {}, types);
    REQUIRE(kinds(probes, "big") == std::vector{ProbeKind::OutOfRange});
    for (const auto& p : probes)
        if (p.column == "big") CHECK(p.condition == "`big` > 9223372036854775807");
}

TEST_CASE("length probes count characters and only where MySQL allows more than the target") {
    model::Table t;
    t.name = "t";
    t.columns = {col("a", "varchar", "varchar(100)", "utf8mb4")};
    CHECK(kinds(probes_for(t, "CREATE TABLE t (a varchar(100))"), "a") ==
          std::vector{ProbeKind::NulBytes, ProbeKind::InvalidUtf8});
    const auto probes = probes_for(t, "CREATE TABLE t (a varchar(99))");
    REQUIRE(probes.size() == 3);
    CHECK(probes[2].condition == "CHAR_LENGTH(`a`) > 99");
    CHECK(probes[2].limit == 99);
}

TEST_CASE("scan_sql sums every probe in one pass and sample_sql asks for ten keys in key order") {
    model::Table t;
    t.name = "my`t";
    t.columns = {col("d", "date", "date")};
    const auto probes = probes_for(t);
    CHECK(check::scan_sql(t, probes) ==
          "SELECT COUNT(*), COALESCE(SUM((`d` IS NOT NULL AND (YEAR(`d`) = 0 OR MONTH(`d`) = 0 OR DAY(`d`) = 0))), 0) "
          "FROM `my``t`");
    CHECK(check::sample_sql(t, {"a", "b"}, probes[0]) ==
          "SELECT `a`, `b` FROM `my``t` WHERE (`d` IS NOT NULL AND (YEAR(`d`) = 0 OR MONTH(`d`) = 0 OR DAY(`d`) = 0)) "
          "ORDER BY `a`, `b` LIMIT 10");
}

TEST_CASE("probe findings carry severity, count, keys and the fix flag") {
    model::Table t;
    t.name = "posts";
    check::Probe p{ProbeKind::TooLong, "name", "CHAR_LENGTH(`name`) > 5", 5, "varchar(5)", true, {}};
    auto f = check::probe_finding(t, p, 1, {"7"}, "profile migrations x");
    CHECK(f.severity == report::Severity::Error);
    CHECK(f.code == "value_too_long");
    CHECK(f.message == "1 row of posts.name is longer than 5 characters, the target's varchar(5) (from profile "
                       "migrations x; counted in characters, not bytes)");
    CHECK(f.fix.find("--fix-varchar") == 0);
    check::Probe z{ProbeKind::ZeroDate, "at", "", 0, "date", true, {}};
    CHECK(check::probe_finding(t, z, 3, {}, "").severity == report::Severity::Warning);
    z.is_nullable = false;
    CHECK(check::probe_finding(t, z, 3, {}, "").severity == report::Severity::Error);
}

TEST_CASE("zero dates block only NOT NULL columns that stay NOT NULL in the target") {
    model::Table t;
    t.name = "t";
    auto strict = col("strict_at", "datetime", "datetime");
    strict.is_nullable = false;
    auto zero_default = col("legacy_at", "datetime", "datetime");
    zero_default.is_nullable = false;
    zero_default.default_value = "'0000-00-00 00:00:00'";  // the target drops NOT NULL for it
    t.columns = {strict, zero_default};
    auto probes = probes_for(t);
    REQUIRE(probes.size() == 2);
    CHECK_FALSE(probes[0].is_nullable);
    CHECK(probes[1].is_nullable);
}

TEST_CASE("a nullable MySQL column into a NOT NULL target column is probed for NULL, whatever its type") {
    model::Table t;
    t.name = "t";
    auto strict = col("strict_n", "bigint", "bigint(20)");
    strict.is_nullable = false;
    t.columns = {col("n", "bigint", "bigint(20)"), col("doc", "longtext", "longtext", "utf8mb4"), strict,
                 col("free", "int", "int(11)")};
    const auto probes =
        probes_for(t, "CREATE TABLE t (n bigint NOT NULL DEFAULT 0, doc jsonb NOT NULL, strict_n bigint NOT NULL, free int)");
    CHECK(kinds(probes, "n") == std::vector{ProbeKind::NullIntoNotNull});
    REQUIRE_FALSE(kinds(probes, "doc").empty());
    CHECK(kinds(probes, "doc")[0] == ProbeKind::NullIntoNotNull);
    CHECK(probes[0].condition == "`n` IS NULL");
    CHECK(kinds(probes, "strict_n").empty());  // MySQL holds no NULL there
    CHECK(kinds(probes, "free").empty());
    CHECK(kinds(probes_for(t), "n").empty());  // the generated DDL keeps MySQL's nullability
}

TEST_CASE("enum labels and CHECK lists of the target are probed by exact bytes, numbers as numbers") {
    model::Table t;
    t.name = "t";
    t.columns = {col("g", "varchar", "varchar(100)", "utf8mb4"), col("k", "enum", "enum('D','O')", "utf8mb4"),
                 col("n", "int", "int(11)"), col("c", "varchar", "varchar(100)", "utf8mb4")};
    const auto probes = probes_for(t, "CREATE TYPE g AS ENUM ('a', '');\n"
                                      "CREATE TABLE t (g g, k text CHECK (k IN ('D')), n int CHECK (n IN (1, -2)), "
                                      "c citext CHECK (c IN ('x')))");
    auto condition = [&](const std::string& column, ProbeKind kind) {
        for (const auto& p : probes)
            if (p.column == column && p.kind == kind) return p.condition;
        return std::string("(none)");
    };
    CHECK(condition("g", ProbeKind::NotInEnum) ==
          "CAST(REPLACE(CONVERT(`g` USING utf8mb4), CHAR(0 USING utf8mb4), '') AS BINARY) NOT IN (X'61', X'')");
    CHECK(condition("k", ProbeKind::CheckViolation) ==
          "CAST(REPLACE(CONVERT(`k` USING utf8mb4), CHAR(0 USING utf8mb4), '') AS BINARY) NOT IN (X'44')");
    CHECK(condition("k", ProbeKind::InvalidEnum) == "(none)");  // the target's list decides
    CHECK(condition("n", ProbeKind::CheckViolation) == "`n` NOT IN (1, -2)");
    CHECK(condition("c", ProbeKind::CheckViolation) == "(none)");  // citext compares without case
    CHECK(condition("k", ProbeKind::InvalidEnum) == "(none)");
    // Generated: MySQL's '' (index 0) is the warning; the generated CHECK admits it.
    const auto generated = probes_for(t);
    CHECK(kinds(generated, "k") == std::vector{ProbeKind::NulBytes, ProbeKind::InvalidEnum});
}

TEST_CASE("json targets are probed for documents json refuses, array targets for their shape and element lengths") {
    model::Table t;
    t.name = "t";
    t.columns = {col("doc", "text", "text", "utf8mb4"), col("ids", "json", "json", "utf8mb4"),
                 col("tags", "set", "set('a','b')", "utf8mb4")};
    const auto probes = probes_for(t, "CREATE TABLE t (doc jsonb, ids varchar(26)[], tags text[])");
    CHECK(kinds(probes, "doc") ==
          std::vector{ProbeKind::NulBytes, ProbeKind::JsonNulEscape, ProbeKind::InvalidUtf8, ProbeKind::InvalidJson});
    CHECK(kinds(probes, "ids") == std::vector{ProbeKind::NulBytes, ProbeKind::InvalidUtf8, ProbeKind::JsonNotArray,
                                              ProbeKind::ArrayElementRefused, ProbeKind::ArrayElementTooLong});
    for (const auto& p : probes)
        if (p.kind == ProbeKind::ArrayElementTooLong) {
            CHECK(p.limit == 26);
            CHECK(p.condition.find("JSON_TABLE(`ids`, '$[*]'") != std::string::npos);
            CHECK(p.condition.find("CHAR_LENGTH(v) > 26") != std::string::npos);
        }
    for (const auto& p : probes)
        if (p.kind == ProbeKind::ArrayElementRefused) {
            CHECK(p.detail == "strings");
            CHECK(p.condition.find("LEFT(e, 1) <> '\"'") != std::string::npos);
        }
    CHECK(kinds(probes, "tags") == std::vector{ProbeKind::NulBytes});  // a set has its own codec
}
