// m2pg copy --with-indexes: copy and index as one pipeline, on the chat sample. The result
// is the step-by-step flow's (copy --create-tables, then index --from-mysql --create-indexes):
// the same indexes, keys and constraints, valid, verified; a second run builds nothing.
#include <doctest/doctest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "support/servers.hpp"

using m2pg::test::run_tool;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

void load_sample(const m2pg::test::Scratch& db) {
    const std::string load = std::string(M2PG_SOURCE_DIR) + "/scripts/load-sample.sh chat " + db.mysql.name() +
                             " >/dev/null";
    REQUIRE(std::system(load.c_str()) == 0);
    // An id past bigint leaves a sequence no value can pass: verify's finding, not this test's.
    db.mysql.exec("DELETE FROM LegacyImports WHERE ImportId > 9223372036854775807");
}

std::vector<std::string> copy_args(const m2pg::test::Scratch& db, std::vector<std::string> more) {
    std::vector<std::string> args = {"copy", "--mysql", db.mysql.dsn_text(), "--postgres", db.pg.dsn_text(),
                                     "--create-tables", "--yes", "--chunk-rows", "3"};
    args.insert(args.end(), more.begin(), more.end());
    return args;
}

// Every index and constraint of the public schema, as Postgres prints their definitions.
std::string definitions(const m2pg::test::Scratch& db) {
    return db.pg
        .scalar("SELECT string_agg(d, E'\\n' ORDER BY d) FROM ("
                "  SELECT tablename || ' ' || indexdef AS d FROM pg_indexes WHERE schemaname = 'public'"
                "  UNION ALL SELECT conrelid::regclass || ' ' || conname || ' ' || contype::text || ' ' || convalidated::text || ' ' ||"
                "    pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace) s")
        .value_or("");
}

}  // namespace

TEST_CASE("copy --with-indexes builds the same indexes, keys and constraints as copy then index, and verifies" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch steps;
    load_sample(steps);
    auto copied = run_tool("m2pg", copy_args(steps, {}));
    REQUIRE(copied.exit_code == 0);
    auto indexed = run_tool("m2pg", {"index", steps.pg.dsn_text(), "--from-mysql", steps.mysql.dsn_text(),
                                     "--create-indexes"});
    INFO(indexed.out, indexed.err);
    REQUIRE(indexed.exit_code == 0);
    const std::string expected = definitions(steps);
    REQUIRE(contains(expected, "USING gin"));  // the FULLTEXT indexes are in the comparison

    m2pg::test::Scratch db;
    load_sample(db);
    auto run = run_tool("m2pg", copy_args(db, {"--with-indexes", "--index-jobs", "2"}));
    INFO(run.out, run.err);
    REQUIRE(run.exit_code == 0);
    CHECK(contains(run.out, "done     posts.posts_pkey (attach primary key)"));
    CHECK(contains(run.out, "done     posts (analyze)"));
    CHECK(contains(run.out, "(validate foreign key)"));
    CHECK(contains(run.out, " 0 failed; "));
    CHECK(contains(run.out, "next: m2pg verify"));
    CHECK(definitions(db) == expected);
    CHECK(db.pg.scalar("SELECT count(*) FROM pg_index WHERE NOT indisvalid") == "0");
    // The GIN indexes were made before the copy, which filled them, and their pending lists
    // were merged before ANALYZE: merging again finds no page.
    const std::string gin = " FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam"
                            " WHERE a.amname = 'gin' AND c.relnamespace = 'public'::regnamespace";
    const std::string gins = db.pg.scalar("SELECT count(*)" + gin).value_or("");
    CHECK(gins != "0");
    std::size_t filled = 0;
    for (auto at = run.out.find("created before the copy, which fills it"); at != std::string::npos;
         at = run.out.find("created before the copy, which fills it", at + 1))
        ++filled;
    CHECK(std::to_string(filled) == gins);
    CHECK(db.pg.scalar("SELECT sum(gin_clean_pending_list(i.indexrelid))" + gin) == "0");
    // Every table analyzed once, by the pipeline (none left for the last pass).
    CHECK(db.pg.scalar("SELECT count(*) FROM pg_stat_user_tables WHERE schemaname = 'public' AND analyze_count = 0 "
                       "AND last_analyze IS NULL") == "0");
    CHECK(db.pg.scalar("SELECT count(*) FROM m2pg_state.finished_jobs WHERE job = 'index'") == "1");

    auto verify = run_tool("m2pg", {"verify", "--mysql", db.mysql.dsn_text(), "--postgres", db.pg.dsn_text()});
    INFO(verify.out);
    CHECK(verify.exit_code == 0);

    // Again: the copy is complete, the indexes are there: nothing is built twice.
    auto again = run_tool("m2pg", copy_args(db, {"--with-indexes", "--resume"}));
    INFO(again.out, again.err);
    CHECK(again.exit_code == 0);
    CHECK(contains(again.out, "the copy is complete"));
    CHECK(contains(again.out, "indexes 0 built, 0 rebuilt, 0 finished, "));
    CHECK(definitions(db) == expected);
}

TEST_CASE("copy flags of the index pipeline need --with-indexes" * doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    auto r = run_tool("m2pg", copy_args(db, {"--index-jobs", "2"}));
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "only apply with --with-indexes"));
}
