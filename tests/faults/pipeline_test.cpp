// copy --with-indexes interrupted while an index builds (kill -9, Ctrl-C), then resumed with
// the same command and --resume: every index of the catalog is there exactly once and
// valid, the foreign key validated, and the copy verifies.
#include "faults/fault_support.hpp"

#include <csignal>

using namespace m2pg::test;
using namespace m2pg::test::faults;

namespace {

const auto kSkip = doctest::skip(skip_servers());
constexpr int kRows = 150000;

// seed()'s tables, a FULLTEXT index on posts (a GIN build long enough to be caught) and
// archive, smaller than posts so copied after it: posts' builds run while archive copies.
void seed_with_fulltext(const Scratch& db) {
    seed(db, kRows);
    db.mysql.exec("ALTER TABLE posts ADD FULLTEXT KEY ft_message (message)");
    db.mysql.exec("CREATE TABLE archive (id BIGINT PRIMARY KEY, note VARCHAR(40), KEY (note));"
                  "SET SESSION max_recursive_iterations = 10000000; INSERT INTO archive WITH RECURSIVE s(n) AS "
                  "(SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 200000) SELECT n, CONCAT('note ', n) FROM s");
}

std::string indexes_in_progress(const Scratch& db) {
    return "SELECT count(*) FROM pg_stat_progress_create_index WHERE datname = '" + db.pg.name() + "'";
}

void check_every_index_once(const Scratch& db) {
    // users: key and (name); posts: key, (user_id), (created), the full-text GIN; archive: key
    // and (note); no_key: none.
    const std::string in_public = "JOIN pg_class t ON t.oid = i.indrelid WHERE t.relnamespace = 'public'::regnamespace";
    CHECK(db.pg.scalar("SELECT count(*) FROM pg_index i " + in_public) == "8");
    CHECK(db.pg.scalar("SELECT count(DISTINCT (i.indrelid, i.indkey::text, coalesce(pg_get_expr(i.indexprs, "
                       "i.indrelid), ''))) FROM pg_index i " + in_public) == "8");
    CHECK(db.pg.scalar("SELECT count(*) FROM pg_index WHERE NOT indisvalid OR NOT indisready") == "0");
    CHECK(db.pg.scalar("SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid "
                       "= c.relam WHERE a.amname = 'gin' AND i.indrelid = 'posts'::regclass") == "1");
    CHECK(db.pg.scalar("SELECT count(*) FROM pg_constraint WHERE contype = 'p' AND connamespace = "
                       "'public'::regnamespace") == "3");
    CHECK(db.pg.scalar("SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND convalidated") == "1");
    CHECK(db.pg.scalar("SELECT count(*) > 0 FROM m2pg_state.finished_jobs WHERE job = 'index'") == "t");
}

void interrupt_pipeline(int sig) {
    Scratch db;
    seed_with_fulltext(db);
    const auto args = copy_args(db, {"--create-tables", "--with-indexes", "--index-jobs", "2"});
    {
        BackgroundTool copy("m2pg-copy", args);
        // A table's builds start once its copy committed: wait for one in progress.
        REQUIRE(wait_for_pg(db, indexes_in_progress(db), "0", std::chrono::seconds(60)));
        bool copying = false;
        try {
            copying = db.pg.scalar("SELECT count(*) FROM m2pg_state.copy_chunks WHERE NOT done") != "0";
        } catch (const std::exception&) {
            // the copy finished: its chunk state is gone
        }
        copy.signal_group(sig);
        const std::string when = copying ? "other tables still copied" : "the copy was over";
        MESSAGE("interrupted while " << when);
        auto r = copy.wait(std::chrono::seconds(60));
        CAPTURE(r.out);
        CAPTURE(r.err);
        CHECK(r.exit_code == (sig == SIGKILL ? 128 + SIGKILL : 130));
    }
    wait_for_dead_sessions(db);  // a build the kill orphaned is rolled back when its session ends
    CHECK(db.pg.scalar("SELECT count(*) FROM pg_index WHERE NOT indisvalid") == "0");

    auto resumed = run_tool("m2pg-copy", copy_args(db, {"--create-tables", "--with-indexes", "--resume"}));
    CAPTURE(resumed.out);
    CAPTURE(resumed.err);
    CHECK(resumed.exit_code == 0);
    CHECK(contains(resumed.out, " 0 failed; "));
    check_every_index_once(db);
    auto v = verify(db);
    CAPTURE(v.out);
    CHECK(v.exit_code == 0);
    CHECK(db.pg.scalar("SELECT count(*) FROM posts") == std::to_string(kRows));
    CHECK(db.pg.scalar("SELECT count(*) FROM archive") == "200000");

    // Once more: nothing is left to build.
    auto again = run_tool("m2pg-copy", copy_args(db, {"--create-tables", "--with-indexes", "--resume"}));
    CAPTURE(again.out);
    CHECK(again.exit_code == 0);
    CHECK(contains(again.out, "indexes 0 built, 0 rebuilt, 0 finished, "));
    check_every_index_once(db);
}

}  // namespace

TEST_CASE("kill -9 of copy --with-indexes during an index build, then --resume: every index once, valid, verified" *
          kSkip) {
    interrupt_pipeline(SIGKILL);
}

TEST_CASE("Ctrl-C of copy --with-indexes during an index build: exit 130, then --resume builds the rest" * kSkip) {
    interrupt_pipeline(SIGINT);
}
