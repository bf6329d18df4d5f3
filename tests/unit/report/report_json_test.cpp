#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "report/catalog_json.hpp"
#include "report/report_json.hpp"
#include "util/error.hpp"

using namespace m2pg;

namespace {

// Every field set to something other than its default, so a field the JSON forgets fails.
report::Report full_report() {
    report::Report r;
    r.generated_by = "m2pg check";
    r.generated_at = "2024-05-01T10:00:00Z";
    r.source = "m2pg@db:3306/chat";
    r.profile = "chat";
    r.server = {"10.11.6-MariaDB", "STRICT_TRANS_TABLES", "latin1", "latin1_swedish_ci", "m2pg@%", "ed25519"};
    r.applied_migrations = {1, 2, 141};
    r.applied_migrations_table = "db_migrations_calls";
    r.target = "migrations /srv/app/postgres";
    r.row_counts = {{"Posts", 12}, {"Users", 3}};
    r.estimate = {15, 65536, 0.5};
    model::Column c;
    c.name = "Id";
    c.ordinal = 1;
    c.data_type = "bigint";
    c.column_type = "bigint(20) unsigned zerofill";
    c.is_unsigned = true;
    c.is_zerofill = true;
    c.char_max_length = 26;
    c.numeric_precision = 20;
    c.numeric_scale = 0;
    c.datetime_precision = 6;
    c.charset = "utf8mb4";
    c.collation = "utf8mb4_bin";
    c.is_nullable = false;
    c.default_value = "'a''b'";
    c.is_auto_increment = true;
    c.on_update_current_timestamp = true;
    c.generation_expression = "`a` + 1";
    c.is_stored_generated = true;
    c.comment = "ünïcödé \"quoted\"";
    model::Column plain;
    plain.name = "Note";
    plain.ordinal = 2;
    plain.data_type = "text";
    plain.column_type = "text";
    model::Table t;
    t.name = "Posts";
    t.engine = "InnoDB";
    t.collation = "utf8mb4_general_ci";
    t.charset = "utf8mb4";
    t.comment = "posts";
    t.row_estimate = 11;
    t.data_bytes = 16384;
    t.index_bytes = 8192;
    t.auto_increment = 18446744073709551615ULL;
    t.columns = {c, plain};
    t.indexes = {model::Index{"PRIMARY", model::IndexKind::Primary, {{"Id", std::nullopt, false}}},
                 model::Index{"ft", model::IndexKind::Fulltext, {{"Note", 10, true}}}};
    t.foreign_keys = {model::ForeignKey{"fk", {"Id"}, "Users", {"Id"}, "CASCADE", "SET NULL"}};
    t.checks = {model::CheckConstraint{"chk_id", "`Id` > 0"}, model::CheckConstraint{"Note", "`Note` <> 'it\\'s'"}};
    t.partitioning = "RANGE (year(d)), 3 partitions";
    r.catalog.database = "chat";
    r.catalog.server_version = "10.11.6-MariaDB";
    r.catalog.default_charset = "utf8mb4";
    r.catalog.default_collation = "utf8mb4_general_ci";
    r.catalog.tables = {t};
    r.catalog.views = {{"v", "VIEW", "select 1"}};
    r.catalog.triggers = {{"trg", "TRIGGER", "Posts"}};
    r.catalog.routines = {{"p", "PROCEDURE", ""}};
    r.catalog.events = {{"e", "EVENT", "EVERY 1 DAY"}};
    r.findings = {report::Finding{report::Severity::Error, "nul_bytes", "Posts", "Note", 2, {"1", "(a, b)"}, "msg", "fix"}};
    r.fixes_applied = {report::FixApplied{"unicode", "Posts", "Note", "update", 2, "m2pg_archive.chat__Posts__1", {"UPDATE"}}};
    return r;
}

}  // namespace

TEST_CASE("a report survives a JSON round trip field for field, catalog included") {
    const report::Report before = full_report();
    const std::string text = report::to_json_text(before);
    const report::Report after = report::parse_report(text);
    CHECK(report::to_json_text(after) == text);
    const auto& c = after.catalog.tables.at(0).columns.at(0);
    CHECK(c.default_value == std::optional<std::string>("'a''b'"));
    CHECK(c.comment == "ünïcödé \"quoted\"");
    CHECK(c.char_max_length == 26);
    CHECK(c.is_stored_generated);
    CHECK(after.catalog.tables.at(0).columns.at(1).char_max_length == std::nullopt);
    CHECK(after.catalog.tables.at(0).columns.at(1).default_value == std::nullopt);
    CHECK(after.catalog.tables.at(0).auto_increment == 18446744073709551615ULL);
    CHECK(after.catalog.tables.at(0).indexes.at(1).kind == model::IndexKind::Fulltext);
    CHECK(after.catalog.tables.at(0).indexes.at(1).columns.at(0).prefix_length == 10);
    CHECK(after.catalog.tables.at(0).foreign_keys.at(0).on_delete == "SET NULL");
    REQUIRE(after.catalog.tables.at(0).checks.size() == 2);
    CHECK(after.catalog.tables.at(0).checks.at(1).name == "Note");
    CHECK(after.catalog.tables.at(0).checks.at(1).clause == "`Note` <> 'it\\'s'");
    CHECK(after.catalog.tables.at(0).partitioning == "RANGE (year(d)), 3 partitions");
    CHECK(after.catalog.events.at(0).detail == "EVERY 1 DAY");
    CHECK(after.applied_migrations == std::vector<std::int64_t>{1, 2, 141});
    CHECK(after.applied_migrations_table == "db_migrations_calls");
    CHECK(after.target == "migrations /srv/app/postgres");
    CHECK(after.findings.at(0).sample_keys == std::vector<std::string>{"1", "(a, b)"});
    CHECK(after.findings.at(0).severity == report::Severity::Error);
    CHECK(after.fixes_applied.at(0).archive == "m2pg_archive.chat__Posts__1");
    CHECK(after.row_counts.at("Posts") == 12);
    CHECK(after.estimate.seconds == 0.5);
    CHECK(after.server.auth_plugin == "ed25519");
}

TEST_CASE("a catalog written before checks and partitioning were read parses with neither") {
    nlohmann::json json = report::catalog_to_json(full_report().catalog);
    json["tables"][0].erase("checks");
    json["tables"][0].erase("partitioning");
    const model::Catalog catalog = report::catalog_from_json(json);
    CHECK(catalog.tables.at(0).checks.empty());
    CHECK(catalog.tables.at(0).partitioning.empty());
    CHECK(catalog.tables.at(0).foreign_keys.size() == 1);
}

TEST_CASE("a mistyped CHECK constraint names its JSON path") {
    nlohmann::json json = report::catalog_to_json(full_report().catalog);
    json["tables"][0]["checks"][1]["clause"] = 5;
    CHECK_THROWS_WITH_AS(report::catalog_from_json(json), "report: field catalog.tables[0].checks[1].clause must be a string",
                         UsageError);
}

TEST_CASE("the report names its format and version and lists applied migrations as integers") {
    const auto json = nlohmann::json::parse(report::to_json_text(full_report()));
    CHECK(json["format"] == "m2pg-report");
    CHECK(json["version"] == 1);
    CHECK(json["applied_migrations"] == nlohmann::json::array({1, 2, 141}));
}

TEST_CASE("parse_report rejects text that is not JSON, not a report, or from a newer version") {
    CHECK_THROWS_WITH_AS(report::parse_report("{\"applied_migrations\": [1]}", "mysql.output"),
                         doctest::Contains("mysql.output is not an m2pg report"), UsageError);
    CHECK_THROWS_WITH_AS(report::parse_report("not json", "x"), doctest::Contains("x is not JSON"), UsageError);
    auto json = nlohmann::json::parse(report::to_json_text(full_report()));
    json["version"] = 2;
    CHECK_THROWS_WITH_AS(report::parse_report(json.dump()), doctest::Contains("upgrade m2pg"), UsageError);
}

TEST_CASE("parse_report names the JSON path of a missing or mistyped field") {
    auto json = nlohmann::json::parse(report::to_json_text(full_report()));
    json["catalog"]["tables"][0]["columns"][1].erase("column_type");
    try {
        report::parse_report(json.dump(), "r.json");
        FAIL("expected UsageError");
    } catch (const UsageError& e) {
        CHECK(e.describe().find("catalog.tables[0].columns[1].column_type") != std::string::npos);
        CHECK(e.describe().find("reading r.json") != std::string::npos);
    }
    json = nlohmann::json::parse(report::to_json_text(full_report()));
    json["findings"][0]["severity"] = "fatal";
    CHECK_THROWS_WITH_AS(report::parse_report(json.dump()), doctest::Contains("unknown finding severity 'fatal'"), UsageError);
}

TEST_CASE("write_report keeps an existing file unless told to replace it") {
    const auto path = std::filesystem::temp_directory_path() / "m2pg_report_json_test.output";
    std::filesystem::remove(path);
    report::write_report(full_report(), path, report::Overwrite::Refuse);
    CHECK(report::read_report(path).applied_migrations.size() == 3);
    std::ofstream(path) << "keep me";
    CHECK_THROWS_WITH_AS(report::write_report(full_report(), path, report::Overwrite::Refuse),
                         doctest::Contains("already exists; use --force"), UsageError);
    {
        std::ifstream in(path);
        std::string text;
        std::getline(in, text);
        CHECK(text == "keep me");
    }
    report::write_report(full_report(), path, report::Overwrite::Replace);
    CHECK(report::read_report(path).profile == "chat");
    std::filesystem::remove(path);
}

TEST_CASE("read_report of a missing file is a usage error naming it") {
    CHECK_THROWS_WITH_AS(report::read_report("/nonexistent/m2pg.output"), doctest::Contains("/nonexistent/m2pg.output"),
                         UsageError);
}

TEST_CASE("sample keys with invalid UTF-8 still give a parseable report") {
    auto r = full_report();
    r.findings[0].sample_keys = {std::string("a\xff", 2)};
    const auto back = report::parse_report(report::to_json_text(r));
    CHECK(back.findings.at(0).sample_keys.at(0) == "a\xEF\xBF\xBD");
}

TEST_CASE("has_blockers is true exactly when an error finding is present") {
    auto r = full_report();
    CHECK(report::has_blockers(r));
    r.findings[0].severity = report::Severity::Warning;
    CHECK_FALSE(report::has_blockers(r));
    CHECK(report::count_findings(r, report::Severity::Warning) == 1);
}
