#include <doctest/doctest.h>

#include "migrate/source.hpp"
#include "util/error.hpp"

using m2pg::migrate::resolve_source;

TEST_CASE("the app's migrations: the profile's folder and table, or --migrations-dir, up to --app-version") {
    const auto chat = m2pg::profile::load_profile("chat");
    const auto own = resolve_source(&chat, {"", "", "2.0", "app"});
    CHECK(own.directory == chat.postgres_migrations);
    CHECK(own.history.table == "db_migrations");
    CHECK(own.history.schema == "app");
    CHECK(own.target_version == 5);
    CHECK(own.table_patterns.empty());
    CHECK(resolve_source(&chat, {"", "/srv/pg", "", "public"}).directory == "/srv/pg");

    const auto mattermost = m2pg::profile::load_profile("mattermost");
    CHECK_THROWS_WITH_AS(resolve_source(&mattermost, {}), doctest::Contains("give the app's own with --migrations-dir"),
                         m2pg::UsageError);
    CHECK_THROWS_WITH_AS(resolve_source(nullptr, {}), doctest::Contains("needs --profile NAME or --migrations-dir"),
                         m2pg::UsageError);
}

TEST_CASE("--plugin: the plugin's migrations into its own table, the pre-check on its tables") {
    const auto mattermost = m2pg::profile::load_profile("mattermost");
    const auto calls = resolve_source(&mattermost, {"calls", "/srv/calls/pg", "", "public"});
    CHECK(calls.directory == "/srv/calls/pg");
    CHECK(calls.history.table == "db_migrations_calls");
    CHECK(calls.history.version_column == "version");
    CHECK(calls.table_patterns == std::vector<std::string>{"calls", "calls_channels", "calls_sessions", "calls_jobs"});
    CHECK_THROWS_WITH_AS(resolve_source(&mattermost, {"calls", "", "", "public"}),
                         doctest::Contains("server/db/migrations/postgres of https://github.com/mattermost/mattermost-plugin-calls"),
                         m2pg::UsageError);
    CHECK_THROWS_WITH_AS(resolve_source(nullptr, {"calls", "/srv", "", "public"}), doctest::Contains("--plugin needs --profile"),
                         m2pg::UsageError);
}
