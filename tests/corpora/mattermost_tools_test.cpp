// m2pg's tools on the real Mattermost schema, seeded with the planted problems, without the
// mattermost profile: what check finds from the MySQL side alone, and what copy refuses.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <set>

#include "corpora/corpus_loader.hpp"
#include "support/mattermost_schema.hpp"
#include "support/mattermost_seed.hpp"
#include "support/temp_dir.hpp"

namespace {

namespace corpora = m2pg::test::corpora;
namespace mm = m2pg::test::mattermost;

// The planted entry of `kind` in table.column; fails the test when there is none.
const mm::Planted& planted(const mm::SeedResult& result, const std::string& table, const std::string& column,
                           const std::string& kind) {
    for (const auto& p : result.planted)
        if (p.table == table && p.column == column && p.kind == kind) return p;
    FAIL("the seeder planted no " << kind << " in " << table << "." << column);
    throw std::logic_error("unreachable");
}

// The sample keys of check's findings with `code` on table.column.
std::set<std::string> finding_keys(const nlohmann::json& report, const std::string& code, const std::string& table,
                                   const std::string& column) {
    std::set<std::string> keys;
    for (const auto& f : report["findings"])
        if (f["code"] == code && f["table"] == table && f["column"] == column)
            for (const auto& k : f["sample_keys"]) keys.insert(k.get<std::string>());
    return keys;
}

}  // namespace

TEST_CASE("on the seeded real Mattermost schema, check names the NUL bytes and \\u0000 escapes by their planted keys" *
          doctest::skip(corpora::skip_corpora())) {
    m2pg::test::MysqlScratch db;
    m2pg::test::MysqlSession session(db.dsn());
    mm::build_mysql_schema(session, mm::corpus(M2PG_CORPORA_DIR));
    const auto seeded = mm::seed(session, mm::SeedOptions{200, 3, true, true});
    m2pg::test::TempDir dir("m2pg_mm_check");
    const auto report_file = (dir.path() / "mysql.output").string();

    const auto r = m2pg::test::run_tool("m2pg", {"check", db.dsn_text(), "--output", report_file});
    CAPTURE(r.err);
    CHECK(r.exit_code == 1);  // errors remain
    const auto report = nlohmann::json::parse(corpora::read_file(report_file));
    CHECK(report["applied_migrations"].size() == mm::kCoreMysqlMigrations);

    CHECK(finding_keys(report, "nul_bytes", "Posts", "Message") ==
          std::set<std::string>{planted(seeded, "Posts", "Message", "nul_byte").key});
    CHECK(finding_keys(report, "json_nul_escape", "Posts", "Props") ==
          std::set<std::string>{planted(seeded, "Posts", "Props", "json_nul_escape").key});
    CHECK(finding_keys(report, "json_nul_escape", "Users", "Props") ==
          std::set<std::string>{planted(seeded, "Users", "Props", "json_nul_escape").key});
    // "\\u0000" is an escaped backslash: the decoy is not among them.
    CHECK(finding_keys(report, "json_nul_escape", "Posts", "Props")
              .count(planted(seeded, "Posts", "Props", "ok_escaped_backslash").key) == 0);
}

TEST_CASE("on the seeded real Mattermost schema, copy refuses the leftover columns the app's Postgres schema lacks" *
          doctest::skip(corpora::skip_corpora())) {
    m2pg::test::Scratch db;
    mm::build_schemas(db, mm::corpus(M2PG_CORPORA_DIR), M2PG_TOOLS_DIR "/m2pg");
    m2pg::test::MysqlSession session(db.mysql.dsn());
    mm::seed(session, mm::SeedOptions{200, 3, true, false});

    // Without the mattermost profile, the artifact table and the app's own rows are left out by hand.
    const auto r = m2pg::test::run_tool(
        "m2pg", {"copy", "--mysql", db.mysql.dsn_text(), "--postgres", db.pg.dsn_text(), "--dry-run", "--yes",
                 "--exclude", "schema_migrations,Systems,db_migrations,db_migrations_calls,RetentionIdsForDeletion"});
    CAPTURE(r.err);
    CHECK(r.exit_code == 5);
    for (const auto& [column, target] : std::vector<std::pair<std::string, std::string>>{
             {"Threads.TeamId", "threads"},
             {"SharedChannelRemotes.Description", "sharedchannelremotes"},
             {"SharedChannelRemotes.NextSyncAt", "sharedchannelremotes"}}) {
        CAPTURE(column);
        CHECK(corpora::contains(r.err, column + ": the target table " + target +
                                           " has no such column; its data would be lost"));
    }
    CHECK(db.pg.scalar("SELECT COUNT(*) FROM posts") == "0");
}
