#include <doctest/doctest.h>

#include "migrate/fetch.hpp"
#include "util/error.hpp"

using namespace m2pg::migrate;

TEST_CASE("a release is spelled as its tag: v stripped, missing parts .0, anything else refused") {
    CHECK(normalize_release("10.12") == "10.12.0");
    CHECK(normalize_release("v9.11.1") == "9.11.1");
    CHECK(normalize_release("10") == "10.0.0");
    CHECK(normalize_release("10.5.0-rc1") == "10.5.0-rc1");
    CHECK_THROWS_AS(normalize_release(""), m2pg::UsageError);
    CHECK_THROWS_WITH_AS(normalize_release("latest"), doctest::Contains("'latest' is not a release number"),
                         m2pg::UsageError);
    CHECK_THROWS_AS(normalize_release("1.2.3.4"), m2pg::UsageError);
}

TEST_CASE("the tag and folder of a release: Mattermost's migrations moved under server/channels in 8.0") {
    const auto mattermost = m2pg::profile::load_profile("mattermost");
    const auto& source = *mattermost.fetch;
    CHECK(release_tag(source, "10.12") == "v10.12.0");
    CHECK(release_path(source, "10.12") == "server/channels/db/migrations/postgres");
    CHECK(release_path(source, "8.0") == "server/channels/db/migrations/postgres");
    CHECK(release_path(source, "7.10.5") == "db/migrations/postgres");
    CHECK(release_path(source, "v6.3") == "db/migrations/postgres");

    m2pg::profile::FetchSource layered;
    layered.path = "now";
    layered.paths_before = {{"2.0", "older"}, {"5.0", "old"}};
    CHECK(release_path(layered, "1.9") == "older");
    CHECK(release_path(layered, "2.0") == "old");
    CHECK(release_path(layered, "4.10") == "old");
    CHECK(release_path(layered, "10.0") == "now");  // numbers, not text: 10 > 5
}
