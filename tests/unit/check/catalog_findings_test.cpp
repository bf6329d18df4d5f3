#include <doctest/doctest.h>

#include "check/archive.hpp"
#include "check/catalog_findings.hpp"
#include "check/fixes.hpp"

using namespace m2pg;

namespace {

model::Column text_col(std::string name, std::string collation, bool nullable = true) {
    model::Column c;
    c.name = std::move(name);
    c.data_type = "varchar";
    c.column_type = "varchar(50)";
    c.char_max_length = 50;
    c.charset = collation.substr(0, collation.find('_'));
    c.collation = std::move(collation);
    c.is_nullable = nullable;
    return c;
}

const report::Finding* find(const std::vector<report::Finding>& fs, const std::string& code, const std::string& table = {}) {
    for (const auto& f : fs)
        if (f.code == code && (table.empty() || f.table == table)) return &f;
    return nullptr;
}

}  // namespace

TEST_CASE("a table without a primary key gets its unique NOT NULL index promoted, else an auto-increment id") {
    model::Table t;
    t.name = "audits";
    t.columns = {text_col("a", "utf8mb4_bin", false), text_col("b", "utf8mb4_bin", true)};
    t.indexes = {model::Index{"ub", model::IndexKind::Unique, {{"b", std::nullopt, false}}}};
    CHECK(check::suggest_primary_key(t) ==
          "ALTER TABLE `audits` ADD COLUMN m2pg_id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY");
    t.indexes.push_back(model::Index{"ua", model::IndexKind::Unique, {{"a", std::nullopt, false}}});
    CHECK(check::suggest_primary_key(t) ==
          "ALTER TABLE `audits` ADD PRIMARY KEY (`a`) -- promotes a unique index over NOT NULL columns");
}

TEST_CASE("catalog findings cover charsets, case-insensitive unique keys, objects, skipped tables and the estimate") {
    model::Catalog c;
    c.database = "app";
    model::Table users;
    users.name = "Users";
    users.data_bytes = 100'000'000;
    users.row_estimate = 5;
    users.columns = {text_col("Id", "utf8mb4_bin", false), text_col("Email", "utf8mb4_general_ci"),
                     text_col("Legacy", "latin1_swedish_ci"), text_col("Old", "utf8mb3_general_ci")};
    users.indexes = {model::Index{"PRIMARY", model::IndexKind::Primary, {{"Id", std::nullopt, false}}},
                     model::Index{"Email", model::IndexKind::Unique, {{"Email", std::nullopt, false}}}};
    model::Table skipped;
    skipped.name = "schema_migrations";
    skipped.data_bytes = 1'000'000'000;
    c.tables = {users, skipped};
    c.views = {{"v1", "VIEW", ""}, {"v2", "VIEW", ""}};
    profile::Profile p;
    p.name = "app";
    p.skip_tables = {"schema_migrations"};
    const auto scope = profile::resolve_scope(c, &p, {});
    check::CatalogContext ctx;
    ctx.profile = &p;
    ctx.scope = &scope;
    ctx.server.sql_mode = "NO_ENGINE_SUBSTITUTION";
    ctx.row_counts = {{"Users", 7}};
    const auto fs = check::catalog_findings(c, ctx);
    REQUIRE(find(fs, "case_insensitive_unique", "Users") != nullptr);
    CHECK(find(fs, "case_insensitive_unique", "Users")->column == "Email");
    CHECK(find(fs, "charset_latin1")->count == 1);
    CHECK(find(fs, "charset_utf8mb3")->count == 1);
    CHECK(find(fs, "charset_mixed")->count == 3);
    CHECK(find(fs, "views_not_migrated")->count == 2);
    CHECK(find(fs, "sql_mode")->severity == report::Severity::Warning);
    CHECK(find(fs, "skipped_table", "schema_migrations") != nullptr);
    CHECK(find(fs, "no_primary_key", "schema_migrations") == nullptr);
    const auto e = check::estimate_copy(c, ctx);
    CHECK(e.rows == 7);
    CHECK(e.bytes == 100'000'000);
    CHECK(e.seconds == doctest::Approx(2.0));
    CHECK(find(fs, "copy_estimate")->message == "7 rows, 100.0 MB of table data: about 2 s to copy at 50.0 MB/s, plus index builds");
}

TEST_CASE("human units round the way the summary shows them") {
    CHECK(check::human_bytes(999) == "999 B");
    CHECK(check::human_bytes(1'500'000) == "1.5 MB");
    CHECK(check::human_duration(0.2) == "1 s");
    CHECK(check::human_duration(600) == "10 min");
    CHECK(check::human_duration(7200) == "2.0 h");
}

TEST_CASE("archive table names stay within MySQL's 64 characters and keep the entry id") {
    CHECK(check::archive_table_name("chat", "Posts", 7) == "chat__Posts__7");
    const std::string long_name = check::archive_table_name(std::string(60, 'd'), std::string(60, 't'), 123);
    CHECK(long_name.size() <= 64);
    CHECK(long_name.ends_with("__123"));
    CHECK(long_name != check::archive_table_name(std::string(60, 'd'), std::string(59, 't') + "u", 123));
}

TEST_CASE("column and index definitions are taken from SHOW CREATE TABLE text") {
    const std::string create = "CREATE TABLE `Users` (\n"
                               "  `Id` varchar(26) NOT NULL,\n"
                               "  `RemoteId` varchar(26) DEFAULT NULL COMMENT 'a, b',\n"
                               "  PRIMARY KEY (`Id`),\n"
                               "  KEY `idx_remote` (`RemoteId`,`Id`),\n"
                               "  UNIQUE KEY `u_id` (`Id`)\n"
                               ") ENGINE=InnoDB";
    CHECK(check::column_definition(create, "RemoteId") == "`RemoteId` varchar(26) DEFAULT NULL COMMENT 'a, b'");
    CHECK(check::index_definitions(create, "RemoteId", "") == std::vector<std::string>{"KEY `idx_remote` (`RemoteId`,`Id`)"});
    CHECK(check::index_definitions(create, "", "u_id") == std::vector<std::string>{"UNIQUE KEY `u_id` (`Id`)"});
    CHECK_THROWS(check::column_definition(create, "Missing"));
}
