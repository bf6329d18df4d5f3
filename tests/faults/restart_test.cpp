// A server restarted in the middle of a copy: the chunks in flight roll back, the workers
// wait for the server and copy them again (or a later --resume does), and the target is exact.
#include "faults/fault_support.hpp"

using namespace m2pg::test;
using namespace m2pg::test::faults;

namespace {
const auto kSkip = doctest::skip(skip_servers());
constexpr int kRows = 150000;

void restart_mid_copy(const std::string& server) {
    Scratch db;
    seed(db, kRows);
    BackgroundTool copy("m2pg-copy", copy_args(db, {"--create-tables"}));
    // Once a few chunks are in: the copy is well under way.
    REQUIRE(wait_for_pg(db, "SELECT count(*) >= 3 FROM m2pg_state.copy_chunks WHERE done", "f"));
    restart_server(server);
    auto r = copy.wait(std::chrono::seconds(180));
    CAPTURE(r.out);
    CAPTURE(r.err);
    if (r.exit_code != 0) {
        // The restart outlasted the retries, or took the session that holds the run's lock:
        // the copy says so, and --resume finishes it.
        CHECK((r.exit_code == 3 || r.exit_code == 4));
        auto resumed = run_tool("m2pg-copy", copy_args(db, {"--create-tables", "--resume"}));
        CAPTURE(resumed.err);
        CHECK(resumed.exit_code == 0);
    } else {
        CHECK(contains(r.out, "(attempt 2)"));  // the summary lists the chunks copied again
    }
    auto v = verify(db);
    CAPTURE(v.out);
    CHECK(v.exit_code == 0);
    CHECK(db.pg.scalar("SELECT count(*) FROM posts") == std::to_string(kRows));
}
}  // namespace

TEST_CASE("MariaDB restarted mid-copy: the copy retries or resumes, and the target is exact" * kSkip) {
    restart_mid_copy("mariadb");
}

TEST_CASE("PostgreSQL restarted mid-copy: the copy retries or resumes, and the target is exact" * kSkip) {
    restart_mid_copy("postgres");
}
