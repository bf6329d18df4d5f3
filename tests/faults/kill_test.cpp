// kill -9 at random moments, several times in a row, then the same command again: the copy
// resumes exactly (no row lost or doubled: verify OK), index builds exactly what is missing,
// and m2pg run goes on from the target's record.
#include "faults/fault_support.hpp"

#include <csignal>

using namespace m2pg::test;
using namespace m2pg::test::faults;

namespace {
const auto kSkip = doctest::skip(skip_servers());
constexpr int kRows = 150000;
}  // namespace

TEST_CASE("kill -9 of m2pg copy at random points, three times, then --resume: verify finds the target exact" * kSkip) {
    Scratch db;
    seed(db, kRows);
    auto rng = random_source();
    int killed_with_state = 0;
    for (int round = 0; round < 3; ++round) {
        BackgroundTool copy("m2pg-copy", copy_args(db, {"--create-tables", "--resume"}));
        // Somewhere between planning and the last chunks.
        sleep_ms(std::uniform_int_distribution<int>(150, 1200)(rng));
        copy.signal_group(SIGKILL);
        auto r = copy.wait();
        CAPTURE(r.err);
        if (r.exit_code == 0) break;  // it finished first: nothing left to kill
        CHECK(r.exit_code == 128 + SIGKILL);
        wait_for_dead_sessions(db);
        killed_with_state += db.pg.scalar("SELECT to_regclass('m2pg_state.copy_chunks') IS NOT NULL") == "t";
        // What committed is whole chunks: each done chunk's rows are there, nothing else.
        if (db.pg.scalar("SELECT to_regclass('m2pg_state.copy_chunks') IS NOT NULL") == "t" &&
            db.pg.scalar("SELECT to_regclass('public.posts') IS NOT NULL") == "t")
            CHECK(db.pg.scalar("SELECT (SELECT count(*) FROM posts) = (SELECT coalesce(sum(rows), 0) FROM "
                               "m2pg_state.copy_chunks WHERE table_name = 'posts' AND done)") == "t");
    }
    MESSAGE(killed_with_state << " of the kills left a copy to resume");
    auto finish = run_tool("m2pg-copy", copy_args(db, {"--create-tables", "--resume"}));
    CAPTURE(finish.out);
    CAPTURE(finish.err);
    CHECK(finish.exit_code == 0);
    auto v = verify(db);
    CAPTURE(v.out);
    CHECK(v.exit_code == 0);
    CHECK(db.pg.scalar("SELECT count(*) FROM posts") == std::to_string(kRows));
    CHECK(db.pg.scalar("SELECT rows FROM m2pg_state.finished_jobs WHERE job = 'copy'") == std::to_string(kRows + 100 + 500));
}

TEST_CASE("kill -9 of m2pg index at random points, then again: the re-run builds exactly the missing indexes" * kSkip) {
    Scratch db;
    seed(db, kRows);
    REQUIRE(run_tool("m2pg-copy", copy_args(db, {"--create-tables"})).exit_code == 0);
    const std::vector<std::string> index_args = {db.pg.dsn_text(), "--from-mysql", db.mysql.dsn_text(),
                                                 "--create-indexes", "--jobs", "2"};
    auto rng = random_source();
    for (int round = 0; round < 3; ++round) {
        BackgroundTool index("m2pg-index", index_args);
        sleep_ms(std::uniform_int_distribution<int>(50, 900)(rng));
        index.signal_group(SIGKILL);
        auto r = index.wait();
        if (r.exit_code == 0) break;
        wait_for_dead_sessions(db);  // a build the kill orphaned runs to its end first
    }
    auto finish = run_tool("m2pg-index", index_args);
    CAPTURE(finish.out);
    CAPTURE(finish.err);
    CHECK(finish.exit_code == 0);
    CHECK(contains(finish.out, " 0 failed"));
    // Exactly the MySQL catalog's: three keys and three secondary indexes, one foreign key, all valid.
    CHECK(db.pg.scalar("SELECT count(*) FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid WHERE "
                       "t.relnamespace = 'public'::regnamespace") == "5");
    CHECK(db.pg.scalar("SELECT count(*) FROM pg_index WHERE NOT indisvalid") == "0");
    CHECK(db.pg.scalar("SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND convalidated") == "1");
    CHECK(db.pg.scalar("SELECT count(*) FROM pg_constraint WHERE contype = 'p' AND connamespace = "
                       "'public'::regnamespace") == "2");
    auto again = run_tool("m2pg-index", index_args);
    CHECK(contains(again.out, "0 built, 0 rebuilt, 0 finished"));
    auto v = verify(db);
    CAPTURE(v.out);
    CHECK(v.exit_code == 0);
}

TEST_CASE("kill -9 of m2pg run (and its step) at random points, then the same command: every step done, verified" *
          kSkip) {
    Scratch db;
    seed(db, kRows);
    TempDir work;
    const std::vector<std::string> args = {"--mysql", db.mysql.dsn_text(), "--postgres", db.pg.dsn_text(),
                                           "--work-dir", work.str(), "--yes", "--jobs", "2"};
    auto rng = random_source();
    for (int round = 0; round < 4; ++round) {
        BackgroundTool run("m2pg-run", args);
        sleep_ms(std::uniform_int_distribution<int>(200, 2500)(rng));
        run.signal_group(SIGKILL);  // the machine lost power, or the OOM killer took the group
        if (run.wait().exit_code == 0) break;
        wait_for_dead_sessions(db);
    }
    auto finish = run_tool("m2pg-run", args);
    CAPTURE(finish.out);
    CAPTURE(finish.err);
    CHECK(finish.exit_code == 0);
    CHECK(contains(finish.out, "verify: OK"));
    CHECK(db.pg.scalar("SELECT count(*) FROM posts") == std::to_string(kRows));
}
