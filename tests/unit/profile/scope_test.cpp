#include "profile/scope.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "util/error.hpp"

using m2pg::profile::resolve_scope;
using m2pg::profile::ScopeRequest;

namespace {

m2pg::model::Catalog catalog_of(const std::vector<std::string>& names) {
    m2pg::model::Catalog catalog;
    catalog.database = "app";
    for (const auto& name : names) {
        m2pg::model::Table t;
        t.name = name;
        catalog.tables.push_back(t);
    }
    return catalog;
}

std::vector<std::string> names_of(const m2pg::profile::Scope& scope) {
    std::vector<std::string> out;
    for (const auto& t : scope.tables) out.push_back(t.source->name + (t.replace ? " (replace)" : ""));
    return out;
}

std::vector<std::string> left_out_of(const m2pg::profile::Scope& scope) {
    std::vector<std::string> out;
    for (const auto& l : scope.left_out) out.push_back(l.table + ": " + l.reason);
    return out;
}

// A Mattermost-like profile: the app's migrations table, a lock table never copied,
// configuration tables only on request, Systems replaced, two plugins.
m2pg::profile::Profile app_profile() {
    m2pg::profile::Profile p;
    p.name = "app";
    p.migrations_table = "db_migrations";
    p.skip_tables = {"db_lock"};
    p.optional_tables = {"Configurations"};
    p.replace_tables = {"Systems"};
    p.plugins["boards"] = {{"focalboard_*"}, "focalboard_schema_migrations", {}, std::nullopt};
    p.plugins["calls"] = {{"calls", "calls_?hannels"}, "db_migrations_calls", {}, std::nullopt};
    p.casts["Posts.Props"] = "json";
    return p;
}

const auto kAppCatalog = catalog_of({"Configurations", "Posts", "Systems", "calls", "calls_channels", "db_lock",
                                     "db_migrations", "db_migrations_calls", "focalboard_blocks",
                                     "focalboard_schema_migrations"});

}  // namespace

TEST_CASE("without a profile the scope is every table, or --tables, minus --exclude, in catalog order") {
    const auto catalog = catalog_of({"Posts", "comments", "users"});
    CHECK(names_of(resolve_scope(catalog, nullptr, {})) == std::vector<std::string>{"Posts", "comments", "users"});
    CHECK(names_of(resolve_scope(catalog, nullptr, {{"users", "POSTS"}, {}, ""})) ==
          std::vector<std::string>{"Posts", "users"});
    CHECK(names_of(resolve_scope(catalog, nullptr, {{}, {"Comments"}, ""})) == std::vector<std::string>{"Posts", "users"});
    CHECK(names_of(resolve_scope(catalog, nullptr, {{"users"}, {"users"}, ""})).empty());
    CHECK(resolve_scope(catalog, nullptr, {}).left_out.empty());
}

TEST_CASE("empty names are ignored, so an empty --tables means every table") {
    const auto catalog = catalog_of({"a", "b"});
    CHECK(names_of(resolve_scope(catalog, nullptr, {{""}, {""}, ""})) == std::vector<std::string>{"a", "b"});
}

TEST_CASE("every unknown --tables entry is named, lower-cased and sorted") {
    const auto catalog = catalog_of({"a"});
    CHECK_THROWS_WITH_AS(resolve_scope(catalog, nullptr, {{"Zed", "a", "Nope"}, {}, ""}),
                         "no such MySQL table in app: nope, zed", m2pg::UsageError);
}

TEST_CASE("the core of a profile leaves out its migrations table, skip_tables, optional and plugin tables") {
    const auto p = app_profile();
    const auto scope = resolve_scope(kAppCatalog, &p, {});
    CHECK(names_of(scope) == std::vector<std::string>{"Posts", "Systems (replace)"});
    CHECK(left_out_of(scope) ==
          std::vector<std::string>{"Configurations: optional_tables (name it in --tables to copy it)",
                                   "calls: plugin calls", "calls_channels: plugin calls", "db_lock: skip_tables",
                                   "db_migrations: the app's migrations table", "db_migrations_calls: plugin calls",
                                   "focalboard_blocks: plugin boards", "focalboard_schema_migrations: plugin boards"});
    CHECK(scope.contains("POSTS"));
    CHECK_FALSE(scope.contains("db_lock"));
}

TEST_CASE("--tables brings an optional table back but never a skipped or plugin table") {
    const auto p = app_profile();
    CHECK(names_of(resolve_scope(kAppCatalog, &p, {{"configurations", "Posts"}, {}, ""})) ==
          std::vector<std::string>{"Configurations", "Posts"});
    CHECK_THROWS_WITH_AS(resolve_scope(kAppCatalog, &p, {{"db_lock"}, {}, ""}),
                         "table db_lock is left out by profile app (skip_tables)", m2pg::UsageError);
    CHECK_THROWS_WITH_AS(resolve_scope(kAppCatalog, &p, {{"focalboard_blocks"}, {}, ""}),
                         "table focalboard_blocks is left out by profile app (plugin boards): use --plugin boards",
                         m2pg::UsageError);
}

TEST_CASE("--plugin is that plugin's tables by pattern plus its migrations table, replaced") {
    const auto p = app_profile();
    CHECK(names_of(resolve_scope(kAppCatalog, &p, {{}, {}, "calls"})) ==
          std::vector<std::string>{"calls", "calls_channels", "db_migrations_calls (replace)"});
    CHECK(names_of(resolve_scope(kAppCatalog, &p, {{}, {"CALLS"}, "calls"})) ==
          std::vector<std::string>{"calls_channels", "db_migrations_calls (replace)"});
    CHECK(names_of(resolve_scope(kAppCatalog, &p, {{}, {}, "boards"})) ==
          std::vector<std::string>{"focalboard_blocks", "focalboard_schema_migrations (replace)"});
}

TEST_CASE("--plugin needs a profile that has the plugin and no --tables") {
    const auto p = app_profile();
    CHECK_THROWS_WITH_AS(resolve_scope(kAppCatalog, nullptr, {{}, {}, "calls"}), doctest::Contains("needs --profile"),
                         m2pg::UsageError);
    CHECK_THROWS_WITH_AS(resolve_scope(kAppCatalog, &p, {{"calls"}, {}, "calls"}),
                         "--plugin and --tables cannot be combined", m2pg::UsageError);
    CHECK_THROWS_WITH_AS(resolve_scope(kAppCatalog, &p, {{}, {}, "jira"}), doctest::Contains("plugins: boards, calls"),
                         m2pg::UsageError);
}

TEST_CASE("with_casts adds the profile's casts as column overrides") {
    const auto p = app_profile();
    m2pg::convert::TypeConfig types;
    types.column_overrides["Users.Age"] = "smallint";
    const auto merged = m2pg::profile::with_casts(types, &p);
    CHECK(merged.column_overrides.at("Posts.Props") == "json");
    CHECK(merged.column_overrides.at("Users.Age") == "smallint");
    CHECK(m2pg::profile::with_casts(types, nullptr).column_overrides.size() == 1);
}

TEST_CASE("with_casts adds the profile's [empty_json] columns, matched with wildcards and case ignored") {
    auto p = app_profile();
    p.empty_json_columns = {"focalboard_*.fields"};
    const auto merged = m2pg::profile::with_casts({}, &p);
    CHECK(m2pg::convert::writes_empty_json_as_object(merged, "focalboard_blocks", "fields"));
    CHECK(m2pg::convert::writes_empty_json_as_object(merged, "Focalboard_Blocks", "Fields"));
    CHECK_FALSE(m2pg::convert::writes_empty_json_as_object(merged, "focalboard_blocks", "props"));
    CHECK_FALSE(m2pg::convert::writes_empty_json_as_object(m2pg::profile::with_casts({}, nullptr), "focalboard_blocks",
                                                           "fields"));
}
