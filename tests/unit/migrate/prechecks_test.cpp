#include <doctest/doctest.h>

#include "migrate/prechecks.hpp"
#include "util/error.hpp"

using namespace m2pg::migrate;

namespace {

SchemaAccess access(bool usage, bool create) {
    SchemaAccess a;
    a.role = "mmuser";
    a.database = "chat";
    a.owner = "pg_database_owner";
    a.schema_exists = true;
    a.has_usage = usage;
    a.has_create = create;
    return a;
}

}  // namespace

TEST_CASE("the schema check passes on the privilege to create, whoever owns the schema") {
    CHECK_NOTHROW(check_schema_access(access(true, true), "public"));
}

TEST_CASE("the schema check fails without CREATE and prints the GRANT and ALTER SCHEMA to run") {
    CHECK_THROWS_WITH_AS(check_schema_access(access(true, false), "public"),
                         doctest::Contains("GRANT USAGE, CREATE ON SCHEMA public TO mmuser;"), m2pg::StateError);
    CHECK_THROWS_WITH_AS(check_schema_access(access(false, true), "public"),
                         doctest::Contains("ALTER SCHEMA public OWNER TO mmuser;"), m2pg::StateError);
    CHECK_THROWS_WITH_AS(check_schema_access(access(true, false), "public"),
                         doctest::Contains("--check-schema-owner=false"), m2pg::StateError);
}

TEST_CASE("the schema check quotes names that need it in the statements it prints") {
    auto a = access(true, false);
    a.role = "Mixed Case";
    CHECK_THROWS_WITH_AS(check_schema_access(a, "App"), doctest::Contains("GRANT USAGE, CREATE ON SCHEMA \"App\" TO \"Mixed Case\";"),
                         m2pg::StateError);
}

TEST_CASE("a missing schema passes when the role may create it, else prints CREATE SCHEMA") {
    SchemaAccess a;
    a.role = "mmuser";
    a.database = "chat";
    a.can_create_schema = true;
    CHECK_NOTHROW(check_schema_access(a, "app"));
    a.can_create_schema = false;
    CHECK_THROWS_WITH_AS(check_schema_access(a, "app"), doctest::Contains("CREATE SCHEMA app AUTHORIZATION mmuser;"),
                         m2pg::StateError);
}

TEST_CASE("the tables-empty check lists the tables with rows and fails") {
    CHECK_NOTHROW(check_tables_empty({}, "public"));
    CHECK_THROWS_WITH_AS(check_tables_empty({"posts", "users"}, "public"),
                         doctest::Contains("2 table(s) of schema public already hold rows: posts, users"),
                         m2pg::StateError);
}

TEST_CASE("a search_path setting reads as Postgres reads it: quoted names kept, others folded, $user the role") {
    CHECK(search_path_entries("\"$user\", public", "mmuser") == std::vector<std::string>{"mmuser", "public"});
    CHECK(search_path_entries("App, \"Mixed \"\"q\"\", x\" ,  other ", "r") ==
          std::vector<std::string>{"app", "Mixed \"q\", x", "other"});
    CHECK(search_path_entries("", "r").empty());
    CHECK(search_path_entries("$user", "Role").size() == 1);
}

TEST_CASE("the search-path check: the first entry that is the target or an existing schema decides") {
    SearchPath path{"mmuser", "mattermost", "\"$user\", public", {"public"}};
    CHECK(resolved_schema(path, "public") == "public");
    CHECK_FALSE(search_path_problem(path, "public"));
    // A schema named after the role comes first: the app would work in it.
    path.effective = {"mmuser", "public"};
    CHECK(resolved_schema(path, "public") == "mmuser");
    const auto other = search_path_problem(path, "public");
    REQUIRE(other);
    CHECK(other->find("resolve to schema mmuser, not public") != std::string::npos);
    CHECK(other->find("ALTER ROLE mmuser IN DATABASE mattermost SET search_path TO public;") != std::string::npos);
    // Only "$user", no such schema: CURRENT_SCHEMA() is NULL, what migration-assist's users met.
    SearchPath only_user{"mmuser", "mattermost", "\"$user\"", {}};
    const auto none = search_path_problem(only_user, "public");
    REQUIRE(none);
    CHECK(none->find("resolve to no schema (CURRENT_SCHEMA() is NULL), not public") != std::string::npos);
    // A target schema the run will create counts where the setting names it.
    SearchPath named{"mmuser", "mattermost", "app, public", {"public"}};
    CHECK_FALSE(search_path_problem(named, "app"));
    CHECK(search_path_problem(SearchPath{"mmuser", "mattermost", "\"$user\", public", {"public"}}, "app"));
}

TEST_CASE("m2pg's own state schema does not count: it is gone once the migration is done") {
    // A role named m2pg no longer meets it ("$user" is m2pg, the state schema m2pg_state) ...
    CHECK(resolved_schema(SearchPath{"m2pg", "chat", "\"$user\", public", {"m2pg_state", "public"}}, "public") ==
          "public");
    // ... and a search_path that names it still resolves past it.
    CHECK(resolved_schema(SearchPath{"mmuser", "chat", "m2pg_state, public", {"m2pg_state", "public"}}, "public") ==
          "public");
}
