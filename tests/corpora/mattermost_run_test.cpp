// m2pg run --profile mattermost on the real Mattermost schema, seeded without the planted
// problems: every step in one command, ending with the app's next step.
#include <doctest/doctest.h>

#include "corpora/corpus_loader.hpp"
#include "support/mattermost_schema.hpp"
#include "support/mattermost_seed.hpp"
#include "support/temp_dir.hpp"
#include "util/dsn_password.hpp"

namespace {

namespace corpora = m2pg::test::corpora;
namespace mm = m2pg::test::mattermost;

}  // namespace

TEST_CASE("m2pg run --profile mattermost --migrations-dir moves the seeded real schema, verifies it and prints the "
          "config to switch to" * doctest::skip(corpora::skip_corpora())) {
    m2pg::test::Scratch db;
    const auto corpus = mm::corpus(M2PG_CORPORA_DIR);
    m2pg::test::MysqlSession session(db.mysql.dsn());
    mm::build_mysql_schema(session, corpus);
    mm::seed(session, mm::SeedOptions{60, 11, false, true});
    m2pg::test::TempDir work("m2pg_mm_run");

    const auto r = m2pg::test::run_tool(
        "m2pg", {"run", "--mysql", db.mysql.dsn_text(), "--postgres", db.pg.dsn_text(), "--profile", "mattermost",
                 "--migrations-dir", corpus.core_postgres.string(), "--work-dir", work.str(), "--yes"});
    CAPTURE(r.out);
    CAPTURE(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(corpora::contains(r.out, "verify: OK"));
    CHECK(db.pg.scalar("SELECT COUNT(*) FROM db_migrations") == std::to_string(mm::kCoreMysqlMigrations));
    CHECK(db.pg.scalar("SELECT COUNT(*) FROM posts") == db.mysql.scalar("SELECT COUNT(*) FROM Posts"));
    CHECK(db.pg.scalar("SELECT to_regclass('public.idx_posts_message_txt') IS NOT NULL") == "t");
    CHECK(corpora::contains(r.out, "  SqlSettings.DriverName = \"postgres\"\n"));
    const std::string target = m2pg::util::split_pg_password(db.pg.dsn_text()).text;
    CHECK(corpora::contains(r.out, "  SqlSettings.DataSource = \"" + target + "\"\n"));
    CHECK_FALSE(corpora::contains(r.out, std::getenv("M2PG_TEST_PASSWORD")));
}
