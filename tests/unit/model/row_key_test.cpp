#include "model/row_key.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using m2pg::model::Column;
using m2pg::model::Index;
using m2pg::model::IndexKind;
using m2pg::model::row_key_columns;
using m2pg::model::Table;

namespace {

Column column(const std::string& name, bool nullable) {
    Column c;
    c.name = name;
    c.is_nullable = nullable;
    return c;
}

Index index(IndexKind kind, std::vector<std::string> names, std::optional<std::int64_t> prefix = std::nullopt) {
    Index i;
    i.kind = kind;
    for (auto& n : names) i.columns.push_back({n, prefix, false});
    return i;
}

}  // namespace

TEST_CASE("rows are named by the primary key, else by the first unique key of whole NOT NULL columns, else not at all") {
    Table t;
    t.name = "t";
    t.columns = {column("a", true), column("b", false), column("c", false), column("id", false)};
    t.indexes = {index(IndexKind::Unique, {"a"}),         // a NULL cannot name a row
                 index(IndexKind::Unique, {"b"}, 10),     // a prefix does not identify it
                 index(IndexKind::Secondary, {"c"}),      // not unique
                 index(IndexKind::Unique, {"c", "b"})};
    CHECK(row_key_columns(t) == std::vector<std::string>{"c", "b"});
    t.indexes.push_back(index(IndexKind::Primary, {"id"}));
    CHECK(row_key_columns(t) == std::vector<std::string>{"id"});
    t.indexes = {index(IndexKind::Unique, {"a"})};
    CHECK(row_key_columns(t).empty());
}
