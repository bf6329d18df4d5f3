#include "copy/selection.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "util/error.hpp"

using m2pg::copy::select_tables;

namespace {

m2pg::schema::Catalog catalog_of(const std::vector<std::string>& names) {
    m2pg::schema::Catalog catalog;
    catalog.database = "app";
    for (const auto& name : names) {
        m2pg::schema::Table t;
        t.name = name;
        catalog.tables.push_back(t);
    }
    return catalog;
}

std::vector<std::string> names_of(const std::vector<const m2pg::schema::Table*>& tables) {
    std::vector<std::string> out;
    for (const auto* t : tables) out.push_back(t->name);
    return out;
}

}  // namespace

TEST_CASE("select_tables keeps catalog order, matches names ignoring case and drops the excluded") {
    const auto catalog = catalog_of({"Posts", "comments", "users"});
    CHECK(names_of(select_tables(catalog, {}, {})) == std::vector<std::string>{"Posts", "comments", "users"});
    CHECK(names_of(select_tables(catalog, {"users", "POSTS"}, {})) == std::vector<std::string>{"Posts", "users"});
    CHECK(names_of(select_tables(catalog, {}, {"Comments"})) == std::vector<std::string>{"Posts", "users"});
    CHECK(names_of(select_tables(catalog, {"users"}, {"users"})).empty());
}

TEST_CASE("select_tables ignores empty names, so an empty --tables means every table") {
    const auto catalog = catalog_of({"a", "b"});
    CHECK(names_of(select_tables(catalog, {""}, {""})) == std::vector<std::string>{"a", "b"});
}

TEST_CASE("select_tables names every unknown --tables entry, lower-cased and sorted") {
    const auto catalog = catalog_of({"a"});
    try {
        select_tables(catalog, {"Zed", "a", "Nope"}, {});
        FAIL("no UsageError");
    } catch (const m2pg::UsageError& e) {
        CHECK(std::string(e.what()) == "no such MySQL table in app: nope, zed");
    }
}
