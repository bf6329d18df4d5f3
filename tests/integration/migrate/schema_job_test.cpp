// m2pg schema --from-mysql is a job recorded with its DDL in one transaction: a rerun (m2pg run
// killed after the schema committed, before it noted the step) does nothing instead of failing
// on "already exists"; a rerun after a table is gone, or for other phases, is not skipped.
#include <doctest/doctest.h>

#include <string>

#include "support/servers.hpp"

using m2pg::test::run_tool;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("schema --from-mysql run twice: the second finds the recorded schema and does nothing" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    db.mysql.exec("CREATE TABLE a (id INT PRIMARY KEY, v VARCHAR(10)); CREATE TABLE b (id INT PRIMARY KEY)");
    const std::vector<std::string> args = {"schema", db.pg.dsn_text(), "--from-mysql", db.mysql.dsn_text()};

    auto first = run_tool("m2pg", args);
    CAPTURE(first.err);
    REQUIRE(first.exit_code == 0);
    CHECK(contains(first.out, "created"));
    CHECK(db.pg.scalar("SELECT count(*) FROM m2pg_state.finished_jobs WHERE job = 'schema'") == "1");

    auto second = run_tool("m2pg", args);
    CAPTURE(second.err);
    CHECK(second.exit_code == 0);
    CHECK(contains(second.out, "nothing to do"));

    SUBCASE("other phases are new work") {
        auto indexes = run_tool("m2pg", {"schema", db.pg.dsn_text(), "--from-mysql", db.mysql.dsn_text(), "--phases",
                                         "indexes"});
        CAPTURE(indexes.err);
        CHECK_FALSE(contains(indexes.out, "nothing to do"));
    }
    SUBCASE("a table dropped since: not skipped, and the error names the table that exists") {
        db.pg.exec("DROP TABLE b");
        auto again = run_tool("m2pg", args);
        CHECK(again.exit_code != 0);
        CHECK(contains(again.err, "already exists"));
    }
}
