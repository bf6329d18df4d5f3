// Ctrl-C and SIGTERM: the tool stops taking work, rolls back what is in flight, keeps what
// committed, says how to continue and exits 130 (143 for SIGTERM); the next run finishes
// exactly. A second Ctrl-C exits at once.
#include "faults/fault_support.hpp"

#include <csignal>

using namespace m2pg::test;
using namespace m2pg::test::faults;

namespace {
const auto kSkip = doctest::skip(skip_servers());
constexpr int kRows = 150000;

void interrupt_copy(int signal, int expected_exit) {
    Scratch db;
    seed(db, kRows);
    BackgroundTool copy("m2pg-copy", copy_args(db, {"--create-tables"}));
    REQUIRE(wait_for_pg(db, "SELECT count(*) >= 2 FROM m2pg_state.copy_chunks WHERE done", "f"));
    const auto start = std::chrono::steady_clock::now();
    copy.signal_group(signal);  // a terminal's Ctrl-C goes to the whole group
    auto r = copy.wait(std::chrono::seconds(60));
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CAPTURE(r.out);
    CAPTURE(r.err);
    CHECK(r.exit_code == expected_exit);
    CHECK(seconds < 10);
    CHECK(contains(r.err, "with --resume to continue"));
    // Only whole chunks, each with its done mark: the chunks in flight rolled back.
    CHECK(db.pg.scalar("SELECT (SELECT count(*) FROM posts) = (SELECT coalesce(sum(rows), 0) FROM m2pg_state.copy_chunks "
                       "WHERE table_name = 'posts' AND done)") == "t");
    CHECK(db.pg.scalar("SELECT count(*) < " + std::to_string(kRows) + " FROM posts") == "t");
    auto resumed = run_tool("m2pg-copy", copy_args(db, {"--resume"}));
    CAPTURE(resumed.err);
    CHECK(resumed.exit_code == 0);
    auto v = verify(db);
    CAPTURE(v.out);
    CHECK(v.exit_code == 0);
}
}  // namespace

TEST_CASE("Ctrl-C during m2pg copy: in-flight chunks roll back, exit 130 with how to resume, --resume is exact" * kSkip) {
    interrupt_copy(SIGINT, 130);
}

TEST_CASE("SIGTERM during m2pg copy: the same, exit 143" * kSkip) { interrupt_copy(SIGTERM, 143); }

TEST_CASE("Ctrl-C during m2pg index cancels the builds in flight, exits 130, and the next run builds the rest" * kSkip) {
    Scratch db;
    seed(db, kRows);
    REQUIRE(run_tool("m2pg-copy", copy_args(db, {"--create-tables"})).exit_code == 0);
    const std::vector<std::string> args = {db.pg.dsn_text(), "--from-mysql", db.mysql.dsn_text(), "--create-indexes"};
    BackgroundTool index("m2pg-index", args);
    REQUIRE(wait_for_pg(db, "SELECT count(*) FROM pg_stat_activity WHERE query ILIKE 'CREATE%INDEX%' AND state = 'active'",
                        "0", std::chrono::seconds(30)));
    index.signal_group(SIGINT);
    auto r = index.wait(std::chrono::seconds(60));
    CAPTURE(r.out);
    CAPTURE(r.err);
    CHECK(r.exit_code == 130);
    CHECK(contains(r.err, "run the same command again to build exactly what is missing"));
    CHECK(db.pg.scalar("SELECT count(*) FROM pg_index WHERE NOT indisvalid") == "0");
    auto again = run_tool("m2pg-index", args);
    CAPTURE(again.err);
    CHECK(again.exit_code == 0);
    CHECK(db.pg.scalar("SELECT count(*) FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid WHERE "
                       "t.relnamespace = 'public'::regnamespace") == "5");
}

TEST_CASE("a second Ctrl-C exits at once" * kSkip) {
    Scratch db;
    seed(db, kRows);
    BackgroundTool copy("m2pg-copy", copy_args(db, {"--create-tables"}));
    REQUIRE(wait_for_pg(db, "SELECT count(*) >= 1 FROM m2pg_state.copy_chunks WHERE done", "f"));
    copy.signal(SIGINT);
    sleep_ms(20);  // two signals sent at once may arrive as one
    copy.signal(SIGINT);
    auto r = copy.wait(std::chrono::seconds(10));
    MESSAGE(r.err);
    CHECK(r.exit_code == 130);
    CHECK(contains(r.err, "asked again: exiting now"));
    auto resumed = run_tool("m2pg-copy", copy_args(db, {"--resume"}));
    CHECK(resumed.exit_code == 0);
    CHECK(verify(db).exit_code == 0);
}

TEST_CASE("Ctrl-C during m2pg run: the step stops with 130, the run says so, and the same command continues" * kSkip) {
    Scratch db;
    seed(db, kRows);
    TempDir work;
    const std::vector<std::string> args = {"--mysql", db.mysql.dsn_text(), "--postgres", db.pg.dsn_text(),
                                           "--work-dir", work.str(), "--yes", "--jobs", "2"};
    BackgroundTool run("m2pg-run", args);
    REQUIRE(wait_for_pg(db, "SELECT count(*) >= 2 FROM m2pg_state.copy_chunks WHERE done", "f"));
    run.signal_group(SIGINT);
    auto r = run.wait(std::chrono::seconds(60));
    CAPTURE(r.out);
    CAPTURE(r.err);
    CHECK(r.exit_code == 130);
    CHECK(contains(r.err, "[3/5 copy] failed"));
    CHECK(contains(r.err, "the next run continues from this step"));
    auto again = run_tool("m2pg-run", args);
    CAPTURE(again.out);
    CHECK(again.exit_code == 0);
    CHECK(contains(again.out, "--resume"));
    CHECK(contains(again.out, "verify: OK"));
}
