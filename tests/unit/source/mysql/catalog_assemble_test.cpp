#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <utility>

#include "source/mysql/catalog_assemble.hpp"
#include "source/mysql/catalog_sql.hpp"
#include "util/error.hpp"

using m2pg::source::mysql::assemble_catalog;
using m2pg::source::mysql::CatalogRows;
using m2pg::source::mysql::json_valid_column;
using m2pg::source::mysql::lower_column_type;
using m2pg::source::mysql::QueryResult;

namespace {

QueryResult tables_result(std::vector<m2pg::source::mysql::Row> rows) {
    return {{"table_name", "table_type", "engine", "table_collation", "table_comment", "table_rows",
             "data_length", "index_length", "auto_increment"},
            std::move(rows)};
}

m2pg::source::mysql::Row table_row(const std::string& name, const std::string& collation) {
    return {name, "BASE TABLE", "InnoDB", collation, "", "12", "16384", "0", std::nullopt};
}

QueryResult columns_result(std::vector<m2pg::source::mysql::Row> rows) {
    return {{"table_name", "column_name", "ordinal_position", "data_type", "column_type",
             "char_max_length", "numeric_precision", "numeric_scale", "datetime_precision", "charset",
             "collation", "is_nullable", "column_default", "extra", "generation_expression",
             "column_comment"},
            std::move(rows)};
}

m2pg::source::mysql::Row column_row(const std::string& table, const std::string& name, int ordinal,
                                    const std::string& data_type, const std::string& column_type,
                                    const std::string& extra = "") {
    return {table,     name,         std::to_string(ordinal), data_type,    column_type,
            std::nullopt, std::nullopt, std::nullopt,         std::nullopt, std::nullopt,
            std::nullopt, "YES",        std::nullopt,         extra,        std::nullopt,
            ""};
}

}  // namespace

TEST_CASE("json_valid_column recognises only MariaDB's JSON alias check") {
    CHECK(json_valid_column("json_valid(`doc`)") == "doc");
    CHECK(json_valid_column("JSON_VALID(`doc`)") == "doc");
    CHECK(json_valid_column("json_valid(`we``ird`)") == "we`ird");
    CHECK(json_valid_column("json_valid(`a`) or `a` is null") == std::nullopt);
    CHECK(json_valid_column("json_valid(`a`) and json_valid(`b`)") == std::nullopt);
    CHECK(json_valid_column("json_valid(`a``)") == std::nullopt);
    CHECK(json_valid_column("json_valid(``)") == std::nullopt);
    CHECK(json_valid_column("`a` > 0") == std::nullopt);
}

TEST_CASE("lower_column_type keeps the case of enum and set values") {
    CHECK(lower_column_type("INT(10) UNSIGNED ZEROFILL") == "int(10) unsigned zerofill");
    CHECK(lower_column_type("ENUM('A','b')") == "enum('A','b')");
    CHECK(lower_column_type("enum('It''S','C\\'D','X')") == "enum('It''S','C\\'D','X')");
    CHECK(lower_column_type("SET('Q','R s')") == "set('Q','R s')");
}

TEST_CASE("assemble_catalog does not call an enum unsigned because of its values") {
    CatalogRows rows;
    rows.tables = tables_result({table_row("t", "utf8mb4_general_ci")});
    rows.columns = columns_result({
        column_row("t", "e", 1, "enum", "enum('a unsigned','b zerofill')"),
        column_row("t", "n", 2, "int", "int(10) unsigned zerofill"),
    });

    const auto catalog = assemble_catalog("db", "10.11", rows);

    REQUIRE(catalog.tables.size() == 1);
    const auto& columns = catalog.tables[0].columns;
    REQUIRE(columns.size() == 2);
    CHECK_FALSE(columns[0].is_unsigned);
    CHECK_FALSE(columns[0].is_zerofill);
    CHECK(columns[1].is_unsigned);
    CHECK(columns[1].is_zerofill);
}

TEST_CASE("assemble_catalog finds a table's charset from its collation, short or full name") {
    CatalogRows rows;
    rows.tables = tables_result({table_row("a", "utf8mb4_uca1400_ai_ci"), table_row("b", "latin1_bin"),
                                 table_row("c", "cp1250_polish_ci")});
    rows.collations = {{"COLLATION_NAME", "CHARACTER_SET_NAME", "FULL_COLLATION_NAME"},
                       {{"uca1400_ai_ci", "utf8mb4", "utf8mb4_uca1400_ai_ci"},
                        {"uca1400_ai_ci", "utf8mb3", "utf8mb3_uca1400_ai_ci"},
                        {"latin1_bin", "latin1", "latin1_bin"}}};

    const auto catalog = assemble_catalog("db", "10.11", rows);

    REQUIRE(catalog.tables.size() == 3);
    CHECK(catalog.tables[0].charset == "utf8mb4");
    CHECK(catalog.tables[1].charset == "latin1");
    // Not in the applicability table: the charset is the collation's first word.
    CHECK(catalog.tables[2].charset == "cp1250");
    CHECK(catalog.tables[0].row_estimate == 12);
    CHECK(catalog.tables[0].auto_increment == std::nullopt);
}

TEST_CASE("assemble_catalog names a foreign key's table in another database with its schema") {
    CatalogRows rows;
    rows.tables = tables_result({table_row("child", "utf8mb4_general_ci")});
    rows.foreign_keys = {{"table_name", "constraint_name", "column_name", "ordinal_position",
                          "referenced_schema", "referenced_table", "referenced_column", "update_rule",
                          "delete_rule"},
                         {{"child", "fk_b", "b1", "1", "db", "local", "x1", "CASCADE", "SET NULL"},
                          {"child", "fk_a", "a", "1", "other", "remote", "id", "NO ACTION", "RESTRICT"},
                          {"child", "fk_b", "b2", "2", "db", "local", "x2", "CASCADE", "SET NULL"}}};

    const auto catalog = assemble_catalog("db", "10.11", rows);

    const auto& fks = catalog.tables.at(0).foreign_keys;
    REQUIRE(fks.size() == 2);
    CHECK(fks[0].name == "fk_a");
    CHECK(fks[0].referenced_table == "other.remote");
    CHECK(fks[1].name == "fk_b");
    CHECK(fks[1].referenced_table == "local");
    CHECK(fks[1].columns == std::vector<std::string>{"b1", "b2"});
    CHECK(fks[1].referenced_columns == std::vector<std::string>{"x1", "x2"});
    CHECK(fks[1].on_update == "CASCADE");
    CHECK(fks[1].on_delete == "SET NULL");
}

TEST_CASE("assemble_catalog keeps CHECK constraints except the JSON alias guards it turns into json") {
    CatalogRows rows;
    rows.tables = tables_result({table_row("t", "utf8mb4_general_ci"), table_row("u", "utf8mb4_general_ci")});
    rows.columns = columns_result({
        column_row("t", "doc", 1, "longtext", "longtext"),
        column_row("t", "age", 2, "int", "int(11)"),
        column_row("t", "note", 3, "varchar", "varchar(10)"),
    });
    rows.checks = {{"table_name", "constraint_name", "check_clause"},
                   {{"t", "doc", "json_valid(`doc`)"},
                    {"t", "note", "json_valid(`note`)"},  // not LONGTEXT: a real check, kept
                    {"t", "chk_b", "`age` between 18 and 99"},
                    {"t", "age", "`age` > 0"},
                    {"gone", "x", "1"},
                    {"u", "CONSTRAINT_1", "`x` <> 'a\\'b'"}}};

    const auto catalog = assemble_catalog("db", "10.11", rows);

    const auto& t = catalog.tables.at(0);
    CHECK(t.columns.at(0).data_type == "json");
    CHECK(t.columns.at(2).data_type == "varchar");
    REQUIRE(t.checks.size() == 3);
    CHECK(t.checks[0].name == "age");
    CHECK(t.checks[0].clause == "`age` > 0");
    CHECK(t.checks[1].name == "chk_b");
    CHECK(t.checks[1].clause == "`age` between 18 and 99");
    CHECK(t.checks[2].name == "note");
    CHECK(t.checks[2].clause == "json_valid(`note`)");
    REQUIRE(catalog.tables.at(1).checks.size() == 1);
    CHECK(catalog.tables.at(1).checks[0].clause == "`x` <> 'a\\'b'");
}

TEST_CASE("assemble_catalog describes a partitioned table's method, expression and partition count") {
    CatalogRows rows;
    rows.tables = tables_result({table_row("plain", "latin1_bin"), table_row("salaries", "latin1_bin"),
                                 table_row("sub", "latin1_bin"), table_row("we`ird", "latin1_bin")});
    rows.partitions = {{"table_name", "partition_method", "partition_expression", "subpartition_method",
                        "subpartition_expression", "partition_count", "subpartition_count"},
                       {{"salaries", "RANGE", "year(`from_date`)", std::nullopt, std::nullopt, "19", "0"},
                        {"sub", "RANGE", "year(`d`)", "HASH", "`id`", "2", "4"},
                        {"we`ird", "LIST COLUMNS", "`a``b`,`c`", std::nullopt, std::nullopt, "1", "0"}}};

    const auto catalog = assemble_catalog("db", "10.11", rows);

    CHECK(catalog.find_table("plain")->partitioning.empty());
    CHECK(catalog.find_table("salaries")->partitioning == "RANGE (year(from_date)), 19 partitions");
    CHECK(catalog.find_table("sub")->partitioning ==
          "RANGE (year(d)) SUBPARTITION BY HASH (id), 2 partitions, 4 subpartitions");
    CHECK(catalog.find_table("we`ird")->partitioning == "LIST COLUMNS (a`b,c), 1 partition");
}

TEST_CASE("assemble_catalog rejects a non-numeric TABLE_ROWS naming the field") {
    CatalogRows rows;
    auto row = table_row("t", "utf8mb4_general_ci");
    row[5] = "lots";
    rows.tables = tables_result({row});

    CHECK_THROWS_WITH_AS(assemble_catalog("db", "10.11", rows),
                         "information_schema returned table_rows = 'lots', which is not a number",
                         m2pg::SourceError);
}

TEST_CASE("the embedded catalog queries are identical to templates/mysql/catalog_*.sql") {
    namespace sql = m2pg::source::mysql::catalog_sql;
    const std::pair<const char*, std::string_view> pairs[] = {
        {"schema", sql::kSchema},       {"tables", sql::kTables},     {"collations", sql::kCollations},
        {"columns", sql::kColumns},     {"indexes", sql::kIndexes},   {"foreign_keys", sql::kForeignKeys},
        {"checks", sql::kChecks},       {"views", sql::kViews},       {"triggers", sql::kTriggers},
        {"routines", sql::kRoutines},   {"events", sql::kEvents},     {"partitions", sql::kPartitions},
    };
    for (const auto& [name, embedded] : pairs) {
        const std::string path =
            std::string(M2PG_SOURCE_DIR) + "/templates/mysql/catalog_" + name + ".sql";
        std::ifstream file(path);
        REQUIRE_MESSAGE(file.good(), path);
        std::stringstream text;
        text << file.rdbuf();
        CHECK_MESSAGE(text.str() == embedded, path);
    }
}
