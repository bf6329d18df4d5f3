#include <doctest/doctest.h>

#include "migrate/applied_list.hpp"
#include "util/error.hpp"

using namespace m2pg::migrate;
using Versions = std::vector<std::int64_t>;

TEST_CASE("migration-assist's mysql.output gives its versions") {
    CHECK(parse_applied_migrations("{\n    \"applied_migrations\": [\n        1,\n        2,\n        3\n    ]\n}",
                                   "mysql.output") == Versions{1, 2, 3});
}

TEST_CASE("an m2pg report gives its versions, sorted and without duplicates") {
    const std::string report = R"({"format": "m2pg-report", "version": 1, "server": {"version": "10.11"},
                                   "applied_migrations": [3, 1, 2, 2], "tables": []})";
    CHECK(parse_applied_migrations(report, "report.json") == Versions{1, 2, 3});
}

TEST_CASE("entries may be objects with a version") {
    CHECK(parse_applied_migrations(R"({"applied_migrations": [{"version": 5, "name": "x"}, {"Version": 4}]})", "f") ==
          Versions{4, 5});
}

TEST_CASE("an empty list is valid and applies nothing") {
    CHECK(parse_applied_migrations(R"({"applied_migrations": []})", "f").empty());
}

TEST_CASE("malformed applied-migrations files are usage errors naming the file") {
    CHECK_THROWS_WITH_AS(parse_applied_migrations("{", "mysql.output"), doctest::Contains("mysql.output is not valid JSON"),
                         m2pg::UsageError);
    CHECK_THROWS_WITH_AS(parse_applied_migrations("[1,2]", "f"), doctest::Contains("not a JSON object"),
                         m2pg::UsageError);
    CHECK_THROWS_WITH_AS(parse_applied_migrations("{}", "f"), doctest::Contains("no \"applied_migrations\""),
                         m2pg::UsageError);
    CHECK_THROWS_WITH_AS(parse_applied_migrations(R"({"applied_migrations": [1, "2"]})", "f"),
                         doctest::Contains("applied_migrations[1] is \"2\""), m2pg::UsageError);
    CHECK_THROWS_WITH_AS(parse_applied_migrations(R"({"applied_migrations": [-1]})", "f"),
                         doctest::Contains("applied_migrations[0] is -1"), m2pg::UsageError);
}

TEST_CASE("a report of another format or a newer version is refused") {
    CHECK_THROWS_WITH_AS(parse_applied_migrations(R"({"format": "other", "applied_migrations": []})", "f"),
                         doctest::Contains("unknown report format \"other\""), m2pg::UsageError);
    CHECK_THROWS_WITH_AS(
        parse_applied_migrations(R"({"format": "m2pg-report", "version": 2, "applied_migrations": []})", "f"),
        doctest::Contains("version 2; this m2pg reads version 1"), m2pg::UsageError);
}

TEST_CASE("an unreadable applied-migrations file is a usage error") {
    CHECK_THROWS_AS(read_applied_list("/nonexistent/mysql.output"), m2pg::UsageError);
}

TEST_CASE("a report naming the table its versions came from is taken only by the migrations recorded there") {
    const auto plugin = parse_applied_list(
        R"({"format": "m2pg-report", "version": 1, "applied_migrations": [1, 2], "applied_migrations_table": "db_migrations_calls"})",
        "calls.json");
    CHECK(plugin.versions == Versions{1, 2});
    CHECK(plugin.table == "db_migrations_calls");
    CHECK_NOTHROW(require_list_for(plugin, "DB_Migrations_Calls", "plugin calls of profile mattermost"));
    CHECK_THROWS_WITH_AS(require_list_for(plugin, "db_migrations", "profile mattermost"),
                         doctest::Contains("calls.json lists the migrations recorded in db_migrations_calls, and "
                                           "profile mattermost records its migrations in db_migrations"),
                         m2pg::UsageError);
    // migration-assist's file does not say: taken as it is.
    const auto theirs = parse_applied_list(R"({"applied_migrations": [3]})", "mysql.output");
    CHECK(theirs.table.empty());
    CHECK_NOTHROW(require_list_for(theirs, "db_migrations_calls", "plugin calls of profile mattermost"));
    CHECK_THROWS_WITH_AS(parse_applied_list(R"({"applied_migrations": [], "applied_migrations_table": 1})", "f"),
                         doctest::Contains("is not a string"), m2pg::UsageError);
}

TEST_CASE("version lists collapse consecutive runs") {
    CHECK(describe_versions({131, 132, 133, 134, 135}) == "000131..000135");
    CHECK(describe_versions({1, 3, 4, 7}) == "000001, 000003..000004, 000007");
    CHECK(describe_versions({}).empty());
}
