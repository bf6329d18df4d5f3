// copy --with-indexes interrupted (kill -9, Ctrl-C) while an index builds, or while the copy
// fills a full-text index made before it (pipeline/gin_first), then resumed with the same
// command and --resume: every index of the catalog is there exactly once and valid, the
// full-text index finds every row, the foreign key is validated, and the copy verifies.
#include "faults/fault_support.hpp"

#include <csignal>

using namespace m2pg::test;
using namespace m2pg::test::faults;

namespace {

const auto kSkip = doctest::skip(skip_servers());
constexpr int kRows = 150000;

// seed()'s tables, a FULLTEXT index on posts (made before posts' copy, which fills it) and
// archive, larger than posts so copied first: its (note) build, long enough to be caught,
// runs while posts still copies.
void seed_with_fulltext(const Scratch& db) {
    seed(db, kRows);
    db.mysql.exec("ALTER TABLE posts ADD FULLTEXT KEY ft_message (message)");
    db.mysql.exec("CREATE TABLE archive (id BIGINT PRIMARY KEY, note VARCHAR(400), KEY (note));"
                  "SET SESSION max_recursive_iterations = 10000000; INSERT INTO archive WITH RECURSIVE s(n) AS "
                  "(SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 200000) "
                  "SELECT n, CONCAT('note ', n, ' ', REPEAT('x', 300)) FROM s");
}

enum class Moment { BuildingIndex, FillingFulltext };

// A query whose value is no longer "0" once the moment to interrupt has come.
std::string moment_reached(const Scratch& db, Moment moment) {
    if (moment == Moment::BuildingIndex)
        return "SELECT count(*) FROM pg_stat_progress_create_index WHERE datname = '" + db.pg.name() +
               "' AND relid = 'archive'::regclass";
    return "SELECT count(*) FROM posts WHERE EXISTS (SELECT FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
           "JOIN pg_am a ON a.oid = c.relam WHERE a.amname = 'gin' AND i.indrelid = 'posts'::regclass)";
}

// The full-text index holds every row: searched through it (no sequential scan), every post
// has the word "post", and post n alone the token n.
void check_fulltext_complete(const Scratch& db) {
    const std::string expr = *db.pg.scalar(
        "SELECT pg_get_expr(i.indexprs, i.indrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN "
        "pg_am a ON a.oid = c.relam WHERE a.amname = 'gin' AND i.indrelid = 'posts'::regclass");
    auto search = [&](const std::string& token) {
        return "SELECT count(*) FROM posts WHERE " + expr + " @@ to_tsquery('simple', '" + token + "')";
    };
    const std::string no_seqscan = "SET enable_seqscan = off; ";
    CHECK(contains(*db.pg.scalar(no_seqscan + "EXPLAIN (FORMAT JSON) " + search("post")), "Bitmap Index Scan"));
    CHECK(db.pg.scalar(no_seqscan + search("post")) == std::to_string(kRows));
    for (int n : {1, kRows / 2, kRows - 1, kRows}) CHECK(db.pg.scalar(no_seqscan + search(std::to_string(n))) == "1");
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

void interrupt_pipeline(int sig, Moment moment) {
    Scratch db;
    seed_with_fulltext(db);
    const auto args = copy_args(db, {"--create-tables", "--with-indexes", "--index-jobs", "2"});
    {
        BackgroundTool copy("m2pg-copy", args);
        REQUIRE(wait_for_pg(db, moment_reached(db, moment), "0", std::chrono::seconds(60)));
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
    check_fulltext_complete(db);
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
    interrupt_pipeline(SIGKILL, Moment::BuildingIndex);
}

TEST_CASE("Ctrl-C of copy --with-indexes during an index build: exit 130, then --resume builds the rest" * kSkip) {
    interrupt_pipeline(SIGINT, Moment::BuildingIndex);
}

TEST_CASE("kill -9 of copy --with-indexes while it fills a full-text index, then --resume: the index has every row" *
          kSkip) {
    interrupt_pipeline(SIGKILL, Moment::FillingFulltext);
}

TEST_CASE("Ctrl-C of copy --with-indexes while it fills a full-text index: exit 130, then --resume completes it" *
          kSkip) {
    interrupt_pipeline(SIGINT, Moment::FillingFulltext);
}
