// m2pg copy into tables an app's migrations made: their indexes and constraints (not the
// primary keys) are saved in the target and dropped in the transaction that saves the
// copy's plan, once; tables the copy does not write keep theirs.
#include <doctest/doctest.h>

#include <string>

#include "support/app_schema.hpp"
#include "support/copy_support.hpp"
#include "support/servers.hpp"

namespace {

m2pg::copy::CopyOptions app_options(const m2pg::test::Scratch& db) {
    auto options = m2pg::test::copy_options(db);
    options.create_tables = false;
    return options;
}

std::string saved(const m2pg::test::Scratch& db) {
    return db.pg
        .scalar("SELECT string_agg(name || ' ' || position || ' ' || saved_at, ', ' ORDER BY name) "
                "FROM m2pg_state.saved_definitions")
        .value_or("");
}

}  // namespace

TEST_CASE("copy saves the definitions it drops with their exact SQL, keeps what other tables lean on, and leaves "
          "tables it does not write alone" * doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::ScratchTablespace tablespace;
    m2pg::test::Scratch db;
    m2pg::test::load_app_schema(db, tablespace.name());

    const auto options = app_options(db);
    auto plan = m2pg::copy::plan_copy(options);
    // The plan says what will happen before anyone says yes, and changes nothing.
    auto note = [&](const std::string& start) {
        for (const auto& n : plan.notes)
            if (n.rfind(start, 0) == 0) return n;
        return std::string("(no note)");
    };
    CHECK(note("the target tables'") ==
          "the target tables' 4 index(es) and 5 constraint(s) other than primary keys are saved in "
          "m2pg_state.saved_definitions and dropped before the first row, and 2 materialized view(s) reading them await a "
          "refresh: m2pg index puts them back");
    CHECK(note("teams.teams_name_key") == "teams.teams_name_key is kept: foreign key audits_teamname_fkey of audits (a "
                                          "table the copy does not write) uses it");
    CHECK(db.pg.scalar("SELECT count(*) FROM pg_index WHERE indrelid = 'posts'::regclass") == "5");
    CHECK(db.pg.scalar("SELECT count(*) FROM pg_namespace WHERE nspname = 'm2pg_state'") == "0");

    auto result = m2pg::copy::run_copy(options, plan);
    REQUIRE(result.finished());
    CHECK(result.set_aside.indexes == 4);
    CHECK(result.set_aside.constraints == 5);
    CHECK(result.set_aside.views == 2);
    CHECK(result.definitions_pending == 11);
    REQUIRE(result.set_aside.kept.size() == 1);
    CHECK(result.set_aside.kept[0].name == "teams_name_key");
    CHECK(result.set_aside.kept[0].reason == "kept: foreign key audits_teamname_fkey of audits (a table the copy does "
                                             "not write) uses it");
    // The copy's chunk state is gone, the saved definitions stay for m2pg index.
    CHECK(db.pg.scalar("SELECT to_regclass('m2pg_state.copy_chunks') IS NULL") == "t");

    auto row = [&](const std::string& name, const std::string& columns) {
        return db.pg.scalar("SELECT " + columns + " FROM m2pg_state.saved_definitions WHERE name = '" + name + "'")
            .value_or("(none)");
    };
    CHECK(row("idx_posts_teamid", "definition || ' | ' || tablespace") ==
          "CREATE INDEX idx_posts_teamid ON public.posts USING btree (teamid) WITH (fillfactor='70') | " +
              tablespace.name());
    CHECK(row("posts_team_slug_key", "definition || ' | ' || index_definition || ' | ' || is_deferred") ==
          "UNIQUE (teamid, slug) DEFERRABLE INITIALLY DEFERRED | CREATE UNIQUE INDEX posts_team_slug_key ON "
          "public.posts USING btree (teamid, slug) WITH (fillfactor='80') | true");
    // Saved with search_path = pg_catalog: the referenced table comes qualified.
    CHECK(row("fk_posts_team_unchecked", "definition || ' | ' || is_validated") ==
          "FOREIGN KEY (teamid) REFERENCES public.teams(id) NOT VALID | false");
    CHECK(row("idx_posts_slug_live", "key_sql || ' | ' || predicate") == "slug | (deleteat = 0)");
    CHECK(row("teamstats", "definition || ' | ' || depth") == "public.teamstats | 2");
    CHECK(row("later", "1") == "(none)");  // made WITH NO DATA: left as the app made it
    // Foreign keys were saved (and dropped) before anything they lean on.
    CHECK(db.pg.scalar("SELECT bool_and(f.position < o.position) FROM m2pg_state.saved_definitions f, "
                       "m2pg_state.saved_definitions o WHERE f.kind = 'foreign key' AND o.kind <> 'foreign key'") == "t");

    // audits is not copied: its index and foreign key stay, and with them teams_name_key.
    CHECK(db.pg.scalar("SELECT string_agg(indexrelid::regclass::text, ', ' ORDER BY indexrelid::regclass::text) FROM pg_index "
                       "WHERE indrelid = 'audits'::regclass") == "audits_pkey, idx_audits_teamname");
    CHECK(db.pg.scalar("SELECT count(*) FROM pg_constraint WHERE conname IN ('audits_teamname_fkey', "
                       "'teams_name_key')") == "2");
}

TEST_CASE("a resumed copy does not set anything aside again" * doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::ScratchTablespace tablespace;
    m2pg::test::Scratch db;
    m2pg::test::load_app_schema(db, tablespace.name());
    // A domain's CHECK is not the table's: it stays and stops Posts at row 3.
    db.pg.exec("CREATE DOMAIN post_score AS integer CHECK (VALUE <> 7); ALTER TABLE posts ALTER score TYPE post_score");
    auto options = app_options(db);
    auto first = m2pg::test::copy_all(options);
    CHECK_FALSE(first.finished());
    CHECK(first.set_aside.indexes == 4);
    const std::string after_first = saved(db);
    REQUIRE_FALSE(after_first.empty());

    // Made after the first run: a resume that set things aside again would drop it.
    db.pg.exec("CREATE INDEX idx_posts_score ON posts (score); ALTER DOMAIN post_score DROP CONSTRAINT post_score_check");
    options.resume = true;
    auto plan = m2pg::copy::plan_copy(options);
    auto second = m2pg::copy::run_copy(options, plan);
    REQUIRE(second.finished());
    CHECK(second.set_aside.indexes + second.set_aside.constraints + second.set_aside.views == 0);
    CHECK(second.definitions_pending == 11);
    CHECK(saved(db) == after_first);
    CHECK(db.pg.scalar("SELECT to_regclass('idx_posts_score') IS NOT NULL") == "t");
}
