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

TEST_CASE("--app-version of a profile that fetches: the release's migrations, from the app's or the plugin's repository") {
    const auto mattermost = m2pg::profile::load_profile("mattermost");
    const auto core = resolve_source(&mattermost, {"", "", "10.12", "public"});
    CHECK(core.directory.empty());
    REQUIRE(core.fetch);
    CHECK(core.fetch->version == "10.12");
    CHECK(core.fetch->source.repository == "https://github.com/mattermost/mattermost");
    CHECK_FALSE(core.target_version);
    const auto calls = resolve_source(&mattermost, {"calls", "", "1.0.0", "public"});
    REQUIRE(calls.fetch);
    CHECK(calls.fetch->source.repository == "https://github.com/mattermost/mattermost-plugin-calls");
    CHECK(calls.history.table == "db_migrations_calls");
    CHECK_THROWS_WITH_AS(resolve_source(&mattermost, {"boards", "", "9.0", "public"}),
                         doctest::Contains("nowhere to fetch"), m2pg::UsageError);
    CHECK_THROWS_WITH_AS(resolve_source(&mattermost, {"", "/srv/pg", "10.12", "public"}),
                         doctest::Contains("give one"), m2pg::UsageError);
    // A profile that maps its releases keeps doing so.
    const auto chat = m2pg::profile::load_profile("chat");
    CHECK_FALSE(resolve_source(&chat, {"", "", "2.1", "public"}).fetch);
}
