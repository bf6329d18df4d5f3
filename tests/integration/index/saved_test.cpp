// m2pg index puts back what m2pg copy set aside in an app-made schema: every kind of
// index and constraint, exactly as it was, the materialized views refreshed; a re-run
// after a kill builds only what is missing; duplicates are named and the rest is built.
#include <doctest/doctest.h>

#include <string>

#include "support/app_schema.hpp"
#include "support/copy_support.hpp"
#include "support/servers.hpp"

using m2pg::test::run_tool;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::size_t count_of(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++n;
    return n;
}

// Into the app's own tables: nothing is created, the copy sets their definitions aside.
void copy_into_app_schema(const m2pg::test::Scratch& db) {
    auto options = m2pg::test::copy_options(db);
    options.create_tables = false;
    auto result = m2pg::test::copy_all(options);
    REQUIRE(result.finished());
}

std::string pending(const m2pg::test::Scratch& db) {
    return db.pg
        .scalar("SELECT string_agg(kind || ' ' || name, ', ' ORDER BY kind, name) FROM m2pg_state.saved_definitions "
                "WHERE done_at IS NULL")
        .value_or("");
}

m2pg::test::ToolResult index(const m2pg::test::Scratch& db) { return run_tool("m2pg", {"index", db.pg.dsn_text()}); }

m2pg::test::ToolResult verify(const m2pg::test::Scratch& db) {
    return run_tool("m2pg", {"verify", "--mysql", db.mysql.dsn_text(), "--postgres", db.pg.dsn_text()});
}

}  // namespace

TEST_CASE("m2pg index puts back every index and constraint copy set aside exactly as it was, refreshes the "
          "materialized views and ANALYZEs, and verify fails until it has" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::ScratchTablespace tablespace;
    m2pg::test::Scratch db;
    m2pg::test::load_app_schema(db, tablespace.name());
    const std::string before = m2pg::test::definitions_snapshot(db.pg);
    REQUIRE(count_of(before, "\n") + 1 == 21);  // 11 indexes, 10 constraints

    copy_into_app_schema(db);
    CHECK(db.pg.scalar("SELECT count(*) FROM posts") == "5");
    // Only the primary keys and what a table outside the copy leans on are left.
    CHECK(db.pg.scalar("SELECT string_agg(indexrelid::regclass::text, ', ' ORDER BY indexrelid::regclass::text) FROM pg_index "
                       "WHERE indrelid IN ('posts'::regclass, 'teams'::regclass)") ==
          "posts_pkey, teams_name_key, teams_pkey");
    CHECK(db.pg.scalar("SELECT string_agg(conname, ', ' ORDER BY conname) FROM pg_constraint "
                       "WHERE conrelid IN ('posts'::regclass, 'teams'::regclass)") ==
          "posts_pkey, teams_name_key, teams_pkey");
    CHECK(pending(db) ==
          "check posts_deleteat_check, check posts_score_check, foreign key fk_posts_team, foreign key "
          "fk_posts_team_unchecked, index idx_posts_message_txt, index idx_posts_slug_live, index idx_posts_teamid, "
          "index idx_teams_email_lower, materialized view poststats, materialized view teamstats, unique constraint "
          "posts_team_slug_key");
    CHECK(db.pg.scalar("SELECT count(*) FROM poststats") == "0");

    auto early = verify(db);
    CHECK(early.exit_code == 1);
    CHECK(contains(early.out, "9 indexes/constraints saved by copy are not rebuilt yet and 2 materialized view(s) "
                              "not refreshed: run m2pg index PG_DSN"));

    auto run = index(db);
    INFO(run.out, run.err);
    REQUIRE(run.exit_code == 0);
    CHECK(contains(run.out, "done     posts.idx_posts_message_txt (full-text)"));
    CHECK(contains(run.out, "done     posts.posts_team_slug_key (attach unique constraint)"));
    CHECK(contains(run.out, "done     posts.fk_posts_team (validate foreign key)"));
    CHECK(contains(run.out, "done     posts.fk_posts_team_unchecked (add foreign key)"));
    CHECK(contains(run.out, "done     teamstats (refresh materialized view)"));
    CHECK(run.out.find("done     poststats (refresh") < run.out.find("done     teamstats (refresh"));
    CHECK(contains(run.out, "m2pg index: 11 built, 0 rebuilt, 0 finished, 0 skipped, 0 failed; 0 sequence(s) moved "
                            "past max id; 3 table(s) analyzed"));

    CHECK(m2pg::test::definitions_snapshot(db.pg) == before);
    CHECK(db.pg.scalar("SELECT string_agg(teamid || ':' || posts, ' ' ORDER BY teamid) FROM poststats") ==
          "1:2 2:1 3:2");
    CHECK(db.pg.scalar("SELECT teams || ' ' || posts FROM teamstats") == "3 5");
    CHECK(db.pg.scalar("SELECT relispopulated FROM pg_class WHERE relname = 'later'") == "f");
    CHECK(db.pg.scalar("SELECT count(*) FROM pg_stat_user_tables WHERE relname IN ('posts', 'teams') "
                       "AND last_analyze IS NOT NULL") == "2");
    // Everything is back: m2pg leaves only its record of the finished copy and index.
    CHECK(db.pg.scalar("SELECT string_agg(tablename, ' ') FROM pg_tables WHERE schemaname = 'm2pg_state'") == "finished_jobs");
    CHECK(db.pg.scalar("SELECT string_agg(job, ' ' ORDER BY id) FROM m2pg_state.finished_jobs") == "copy index");

    auto late = verify(db);
    INFO(late.out, late.err);
    CHECK(late.exit_code == 0);
}

TEST_CASE("after a kill m2pg index builds exactly the definitions still missing and rebuilds an INVALID index" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::ScratchTablespace tablespace;
    m2pg::test::Scratch db;
    m2pg::test::load_app_schema(db, tablespace.name());
    const std::string before = m2pg::test::definitions_snapshot(db.pg);
    copy_into_app_schema(db);

    // As a killed run leaves it: one index built and marked done, one built but killed
    // before its mark, one check added NOT VALID, one CREATE INDEX CONCURRENTLY killed
    // (here: failed on a row deleted since), leaving an INVALID index.
    db.pg.exec("CREATE INDEX idx_teams_email_lower ON public.teams USING btree (lower((email)::text));"
               "UPDATE m2pg_state.saved_definitions SET done_at = now() WHERE name = 'idx_teams_email_lower';"
               "CREATE INDEX idx_posts_message_txt ON public.posts USING gin "
               "(to_tsvector('english'::regconfig, message));"
               "ALTER TABLE posts ADD CONSTRAINT posts_score_check CHECK (score >= 0) NOT VALID;"
               "INSERT INTO posts (id, slug, deleteat) VALUES (99, 'elephant', 0)");
    CHECK_THROWS(db.pg.exec("CREATE UNIQUE INDEX CONCURRENTLY idx_posts_slug_live ON public.posts USING btree "
                            "(slug) WHERE (deleteat = 0)"));
    db.pg.exec("DELETE FROM posts WHERE id = 99");
    REQUIRE(db.pg.scalar("SELECT indisvalid FROM pg_index WHERE indexrelid = 'idx_posts_slug_live'::regclass") ==
            "f");

    auto run = index(db);
    INFO(run.out, run.err);
    REQUIRE(run.exit_code == 0);
    CHECK_FALSE(contains(run.out, "idx_teams_email_lower"));  // done: not even looked at
    CHECK(contains(run.out, "skip     posts.idx_posts_message_txt (full-text): exists"));
    CHECK(contains(run.out, "start    posts.idx_posts_slug_live (unique index): INVALID index left by an "
                            "interrupted build: rebuilding"));
    CHECK(contains(run.out, "done     posts.posts_score_check (validate check)"));
    CHECK(contains(run.out, "m2pg index: 7 built, 1 rebuilt, 1 finished, 1 skipped, 0 failed"));
    CHECK(m2pg::test::definitions_snapshot(db.pg) == before);
    CHECK(db.pg.scalar("SELECT string_agg(tablename, ' ') FROM pg_tables WHERE schemaname = 'm2pg_state'") == "finished_jobs");

    // Nothing left to do: a second run has nothing to index from.
    auto again = index(db);
    CHECK(again.exit_code == 2);
    CHECK(contains(again.err, "m2pg copy set nothing aside in schema public"));
}

TEST_CASE("duplicates under a unique index the app made are named with their values and rows, the rest is built, "
          "and the next run builds only that index" * doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::ScratchTablespace tablespace;
    m2pg::test::Scratch db;
    m2pg::test::load_app_schema(db, tablespace.name());
    db.mysql.exec("UPDATE Posts SET DeleteAt = 0 WHERE Id = 4");  // a second live 'harbour'
    copy_into_app_schema(db);

    auto run = index(db);
    INFO(run.out, run.err);
    CHECK(run.exit_code == 4);
    CHECK(contains(run.out, "FAILED   posts.idx_posts_slug_live (unique index): "));
    CHECK(contains(run.out, "1 duplicated key value(s) in (slug), e.g. harbour ×2 (rows 3, 4)"));
    CHECK(contains(run.out, "m2pg index: 10 built, 0 rebuilt, 0 finished, 0 skipped, 1 failed"));
    CHECK(contains(run.err, "1 of 11 failed (posts.idx_posts_slug_live)"));
    CHECK(pending(db) == "index idx_posts_slug_live");
    auto early = verify(db);
    CHECK(early.exit_code == 1);
    CHECK(contains(early.out, "1 indexes/constraints saved by copy are not rebuilt yet: run m2pg index"));

    db.pg.exec("UPDATE posts SET slug = 'harbour-old' WHERE id = 4");
    auto again = index(db);
    INFO(again.out, again.err);
    CHECK(again.exit_code == 0);
    CHECK(contains(again.out, "m2pg index: 1 built, 0 rebuilt, 0 finished, 0 skipped, 0 failed"));
    CHECK(db.pg.scalar("SELECT pg_get_indexdef('idx_posts_slug_live'::regclass)") ==
          "CREATE UNIQUE INDEX idx_posts_slug_live ON public.posts USING btree (slug) WHERE (deleteat = 0)");
    CHECK(db.pg.scalar("SELECT string_agg(tablename, ' ') FROM pg_tables WHERE schemaname = 'm2pg_state'") == "finished_jobs");
}
