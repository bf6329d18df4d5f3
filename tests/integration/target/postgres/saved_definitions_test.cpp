// m2pg's saved definitions in the target: saved with the drop in one transaction, marked
// done one by one, pending again when saved anew, and forgotten once none is pending.
#include <doctest/doctest.h>

#include "support/servers.hpp"
#include "target/postgres/connection.hpp"
#include "target/postgres/saved_definitions.hpp"
#include "util/error.hpp"

using namespace m2pg::target::postgres;

TEST_CASE("saved definitions are dropped with their save, counted until done, and forgotten when none is left" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::PgScratch db;
    db.exec("CREATE TABLE t (id int PRIMARY KEY, a int, CONSTRAINT t_a_check CHECK (a > 0));"
            "CREATE INDEX t_a ON t (a); CREATE MATERIALIZED VIEW v AS SELECT count(*) FROM t");
    PgConnection pg(db.dsn());
    AppSchemaDefinitions found;
    pg.in_transaction([&](PgConnection& tx) { found = read_app_schema_definitions(tx, "public", {"t"}); });
    REQUIRE(found.definitions.size() == 3);
    CHECK(found.definitions[0].name == "t_a_check");
    CHECK(found.definitions[1].name == "t_a");
    CHECK(found.definitions[2].kind == DefinitionKind::MaterializedView);

    // A failure later in the transaction keeps both the definitions and the save.
    CHECK_THROWS_AS(pg.in_transaction([&](PgConnection& tx) {
        save_and_drop_definitions(tx, found.definitions);
        tx.execute("SELECT 1/0");
    }),
                    m2pg::TargetError);
    CHECK(db.scalar("SELECT to_regclass('t_a') IS NOT NULL") == "t");
    CHECK(count_pending_definitions(pg).total() == 0);

    pg.in_transaction([&](PgConnection& tx) { save_and_drop_definitions(tx, found.definitions); });
    CHECK(db.scalar("SELECT to_regclass('t_a') IS NULL") == "t");
    CHECK(db.scalar("SELECT count(*) FROM pg_constraint WHERE conname = 't_a_check'") == "0");
    CHECK(count_pending_definitions(pg).definitions == 2);
    CHECK(count_pending_definitions(pg).views == 1);
    CHECK(load_pending_definitions(pg, "other").empty());
    auto loaded = load_pending_definitions(pg, "public");
    REQUIRE(loaded.size() == 3);
    CHECK(loaded[0].definition == "CHECK ((a > 0))");
    CHECK(loaded[0].check_clause == "(a > 0)");
    CHECK(loaded[1].definition == "CREATE INDEX t_a ON public.t USING btree (a)");

    mark_definition_done(pg, loaded[1]);
    CHECK(count_pending_definitions(pg).definitions == 1);
    forget_definitions_when_done(pg);
    CHECK(db.scalar("SELECT to_regclass('m2pg_state.saved_definitions') IS NOT NULL") == "t");

    // Put back and set aside again by a later copy: pending again, not lost as done.
    db.exec("CREATE INDEX t_a ON t (a)");
    pg.in_transaction([&](PgConnection& tx) { save_and_drop_definitions(tx, {loaded[1]}); });
    CHECK(count_pending_definitions(pg).definitions == 2);

    for (const auto& d : load_pending_definitions(pg, "public")) mark_definition_done(pg, d);
    forget_definitions_when_done(pg);
    CHECK(db.scalar("SELECT count(*) FROM pg_namespace WHERE nspname = 'm2pg_state'") == "0");
    CHECK(count_pending_definitions(pg).total() == 0);
}
