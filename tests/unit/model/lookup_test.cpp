#include "model/lookup.hpp"

#include <doctest/doctest.h>

using m2pg::model::find_column_ci;
using m2pg::model::find_table_ci;

TEST_CASE("find_table_ci prefers the exact spelling and falls back to a case-insensitive match") {
    m2pg::model::Catalog catalog;
    catalog.tables.resize(3);
    catalog.tables[0].name = "Foo";
    catalog.tables[1].name = "foo";
    catalog.tables[2].name = "Bar";
    CHECK(find_table_ci(catalog, "foo") == &catalog.tables[1]);
    CHECK(find_table_ci(catalog, "Foo") == &catalog.tables[0]);
    CHECK(find_table_ci(catalog, "FOO") == &catalog.tables[0]);
    CHECK(find_table_ci(catalog, "bar") == &catalog.tables[2]);
    CHECK(find_table_ci(catalog, "baz") == nullptr);
}

TEST_CASE("find_column_ci finds a column spelled in another case") {
    m2pg::model::Table table;
    table.columns.resize(2);
    table.columns[0].name = "Id";
    table.columns[1].name = "Title";
    CHECK(find_column_ci(table, "title") == &table.columns[1]);
    CHECK(find_column_ci(table, "Id") == &table.columns[0]);
    CHECK(find_column_ci(table, "body") == nullptr);
}
