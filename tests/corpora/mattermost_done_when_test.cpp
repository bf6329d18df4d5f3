// Issue 11's "Done when", as an admin runs it on the real Mattermost v10.12 schema seeded with
// the real-world problems: check --profile mattermost names every planted problem against the
// target's columns; after the admin fixes what no --fix flag can, m2pg run --profile
// mattermost --fix-unicode --fix-varchar ends with verify OK and the app's own indexes.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <iterator>
#include <set>
#include <string>

#include "corpora/corpus_loader.hpp"
#include "support/mattermost_schema.hpp"
#include "support/mattermost_seed.hpp"
#include "support/temp_dir.hpp"
#include "util/text.hpp"

namespace {

namespace corpora = m2pg::test::corpora;
namespace mm = m2pg::test::mattermost;

bool row_level(const mm::Planted& p) { return !p.key.empty(); }

// Where `p` stands among the report's findings: same table and column (any code), and for a
// row-level problem its key among the sample keys.
bool reported(const nlohmann::json& report, const mm::Planted& p) {
    for (const auto& f : report["findings"]) {
        if (f.value("table", "") != p.table) continue;
        if (!p.column.empty() && f.value("column", "") != p.column) continue;
        if (!row_level(p)) return true;
        for (const auto& k : f.value("sample_keys", nlohmann::json::array()))
            if (k.get<std::string>() == p.key) return true;
    }
    return false;
}

// The kinds no --fix flag repairs: the admin decides each row (the test deletes it).
const std::set<std::string> kFixedByHand = {"null_into_not_null",   "invalid_enum",           "enum_empty_string",
                                            "boolean_out_of_range", "integer_out_of_range",   "array_element_too_long"};

// Every index and constraint of the app's schema, as Postgres prints their definitions.
std::set<std::string> index_definitions(m2pg::test::PgScratch& pg) {
    std::set<std::string> out;
    for (const auto& row : pg.query("SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' UNION ALL "
                                    "SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) "
                                    "FROM pg_constraint WHERE connamespace = 'public'::regnamespace"))
        out.insert(*row[0]);
    return out;
}

}  // namespace

TEST_CASE("check --profile mattermost names every planted problem of the real schema by its key, and no decoy" *
          doctest::skip(corpora::skip_corpora())) {
    m2pg::test::MysqlScratch db;
    m2pg::test::MysqlSession session(db.dsn());
    const auto corpus = mm::corpus(M2PG_CORPORA_DIR);
    mm::build_mysql_schema(session, corpus);
    const auto seeded = mm::seed(session, mm::SeedOptions{300, 5, true, true});
    m2pg::test::TempDir dir("m2pg_mm_done");
    const auto report_file = (dir.path() / "mysql.output").string();

    for (const std::string plugin : {"", "boards", "playbooks", "calls"}) {
        CAPTURE(plugin);
        std::vector<std::string> args = {"check", db.dsn_text(), "--profile", "mattermost", "--migrations-dir",
                                         corpus.core_postgres.string(), "--output", report_file, "--force"};
        if (!plugin.empty()) args = {"check", db.dsn_text(), "--profile", "mattermost", "--plugin", plugin, "--output",
                                     report_file, "--force"};
        const auto r = m2pg::test::run_tool("m2pg", args);
        CAPTURE(r.err);
        REQUIRE((r.exit_code == 0 || r.exit_code == 1));
        const auto report = nlohmann::json::parse(corpora::read_file(report_file));
        for (const auto& p : seeded.planted) {
            const bool in_scope = plugin.empty() ? p.table.rfind("focalboard_", 0) != 0 && p.table.rfind("IR_", 0) != 0
                                                 : (plugin == "boards" && p.table.rfind("focalboard_", 0) == 0) ||
                                                       (plugin == "playbooks" && p.table.rfind("IR_", 0) == 0);
            if (!in_scope) continue;
            CAPTURE(p.table);
            CAPTURE(p.column);
            CAPTURE(p.key);
            CAPTURE(p.kind);
            CHECK(reported(report, p) == p.problem);
        }
    }
}

TEST_CASE("m2pg run --profile mattermost --fix-unicode --fix-varchar on the seeded real schema ends with verify OK "
          "and exactly the app's indexes and constraints" *
          doctest::skip(corpora::skip_corpora())) {
    m2pg::test::Scratch db;
    m2pg::test::MysqlSession session(db.mysql.dsn());
    const auto corpus = mm::corpus(M2PG_CORPORA_DIR);
    mm::build_mysql_schema(session, corpus);
    const auto seeded = mm::seed(session, mm::SeedOptions{300, 7, true, true});
    for (const auto& p : seeded.planted)
        if (p.problem && kFixedByHand.count(p.kind)) session.run("DELETE FROM `" + p.table + "` WHERE " + mm::where_key(session, p));

    m2pg::test::TempDir dir("m2pg_mm_run");
    const auto r = m2pg::test::run_tool(
        "m2pg", {"run", "--mysql", db.mysql.dsn_text(), "--postgres", db.pg.dsn_text(), "--profile", "mattermost",
                 "--migrations-dir", corpus.core_postgres.string(), "--fix-artifacts", "--fix-unicode", "--fix-varchar",
                 "--work-dir", (dir.path() / "work").string(), "--yes"});
    CAPTURE(r.out);
    CAPTURE(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(corpora::contains(r.out + r.err, "verify: OK"));
    CHECK(corpora::contains(r.out + r.err, "SqlSettings.DriverName"));

    // What the app's migrations alone make at the source's version (the run applied those the
    // MySQL side had, as check's report lists them): the indexes the copy must end with.
    m2pg::test::PgScratch reference;
    const auto schema = m2pg::test::run_tool(
        "m2pg", {"schema", reference.dsn_text(), "--run-migrations", "--profile", "mattermost", "--migrations-dir",
                 corpus.core_postgres.string(), "--applied-migrations", (dir.path() / "work" / "check-report.json").string()});
    CAPTURE(schema.err);
    REQUIRE(schema.exit_code == 0);
    const auto app_indexes = index_definitions(reference);
    const auto copied_indexes = index_definitions(db.pg);
    std::vector<std::string> missing, extra;
    std::set_difference(app_indexes.begin(), app_indexes.end(), copied_indexes.begin(), copied_indexes.end(),
                        std::back_inserter(missing));
    std::set_difference(copied_indexes.begin(), copied_indexes.end(), app_indexes.begin(), app_indexes.end(),
                        std::back_inserter(extra));
    CHECK_MESSAGE(missing.empty(), "indexes and constraints the app has and the copy lacks: " << m2pg::util::join(missing, "; "));
    CHECK_MESSAGE(extra.empty(), "indexes and constraints the copy has and the app does not: " << m2pg::util::join(extra, "; "));
    CHECK(db.pg.scalar("SELECT count(*) FROM pg_indexes WHERE indexname IN ('idx_posts_message_txt', "
                       "'idx_fileinfo_content_txt')") == "2");
    CHECK(db.pg.scalar("SELECT count(*) FROM posts") == session.scalar("SELECT COUNT(*) FROM Posts"));
}
