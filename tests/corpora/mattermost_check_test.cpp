// m2pg check against the target on the REAL Mattermost schema, seeded with the planted
// problems: every problem of the manifest is named with its target-side reason and its
// row key, and no decoy is. The target is read live (--target: the schema m2pg schema
// --run-migrations made from Mattermost's own Postgres migrations) and offline
// (--migrations-dir over the same corpus), and both must say the same.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <map>
#include <set>

#include "corpora/corpus_loader.hpp"
#include "support/mattermost_schema.hpp"
#include "support/mattermost_seed.hpp"
#include "support/temp_dir.hpp"

namespace {

namespace corpora = m2pg::test::corpora;
namespace mm = m2pg::test::mattermost;

// The finding code that names each planted kind (mattermost_seed_problems.cpp lists them).
const std::map<std::string, std::string> kCodeOf = {
    {"nul_byte", "nul_bytes"},
    {"json_nul_escape", "json_nul_escape"},
    {"invalid_utf8", "invalid_utf8"},
    {"too_long", "value_too_long"},
    {"null_into_not_null", "null_into_not_null"},
    {"invalid_enum", "invalid_enum_value"},
    {"enum_empty_string", "invalid_enum_value"},
    {"boolean_out_of_range", "value_out_of_range"},
    {"integer_out_of_range", "value_out_of_range"},
    {"array_element_too_long", "array_element_too_long"},
    {"artifact_table", "no_target_table"},
    {"artifact_column", "no_target_column"},
    {"empty_string_json", "invalid_json"},
};

// The report of `m2pg check ARGS --output FILE`, which must exit 1 (errors remain).
nlohmann::json check_report(const std::vector<std::string>& args) {
    m2pg::test::TempDir dir("m2pg_mm_target");
    const auto file = (dir.path() / "mysql.output").string();
    std::vector<std::string> all = {"check"};
    all.insert(all.end(), args.begin(), args.end());
    all.insert(all.end(), {"--output", file});
    const auto r = m2pg::test::run_tool("m2pg", all);
    CAPTURE(r.out);
    CAPTURE(r.err);
    CHECK(r.exit_code == 1);
    return nlohmann::json::parse(corpora::read_file(file));
}

const nlohmann::json* finding(const nlohmann::json& report, const std::string& code, const std::string& table,
                              const std::string& column) {
    for (const auto& f : report["findings"])
        if (f["code"] == code && f["table"] == table && f["column"] == column) return &f;
    return nullptr;
}

bool has_key(const nlohmann::json& f, const std::string& key) {
    for (const auto& k : f["sample_keys"])
        if (k == key) return true;
    return false;
}

// Every planted problem of `tables` named (code, table, column, key, and the target in the
// message for what only the target decides), and no decoy's key in any finding.
void expect_manifest(const nlohmann::json& report, const mm::SeedResult& seeded,
                     const std::function<bool(const mm::Planted&)>& in_scope, bool with_profile = false) {
    std::size_t named = 0;
    for (const auto& p : seeded.planted) {
        if (!in_scope(p)) continue;
        CAPTURE(p.table + "." + p.column + " " + p.kind + " " + p.key + ": " + p.detail);
        if (!p.problem) {
            for (const auto& f : report["findings"])
                if (f["table"] == p.table && f["column"] == p.column) CHECK_FALSE(has_key(f, p.key));
            continue;
        }
        const auto code = kCodeOf.find(p.kind);
        REQUIRE(code != kCodeOf.end());
        // With the profile, its artifact list names the leftovers (and skips the table), and
        // its [empty_json] columns turn '' into {}.
        const bool artifact = p.kind == "artifact_table" || p.kind == "artifact_column";
        std::string wanted = code->second;
        if (with_profile && artifact) wanted = "artifact";
        if (with_profile && p.kind == "empty_string_json") wanted = "empty_json_as_object";
        const auto* f = finding(report, wanted, p.table, p.column);
        CHECK(f != nullptr);
        if (!f) continue;
        CHECK((*f)["severity"] == (f->at("code") == "empty_json_as_object" ? "warning" : "error"));
        if (!p.key.empty()) CHECK(has_key(*f, p.key));
        if (p.limit) CHECK(corpora::contains((*f)["message"].get<std::string>(), std::to_string(p.limit)));
        ++named;
    }
    CHECK(named > 0);
}

// "code table.column count" of each finding whose table is not one of Calls'.
std::set<std::string> findings_outside_calls(const nlohmann::json& report) {
    std::set<std::string> out;
    for (const auto& f : report["findings"]) {
        const auto table = f["table"].get<std::string>();
        if (table.rfind("calls", 0) == 0 || table == mm::kCallsMigrationsTable) continue;
        out.insert(f["code"].get<std::string>() + " " + table + "." + f["column"].get<std::string>() + " " +
                   std::to_string(f["count"].get<std::uint64_t>()));
    }
    return out;
}

bool is_boards(const mm::Planted& p) { return p.table.rfind("focalboard_", 0) == 0; }

}  // namespace

TEST_CASE("on the seeded real Mattermost schema, check --target names every planted problem by the target's reason "
          "and key, and no decoy, and --migrations-dir agrees" *
          doctest::skip(corpora::skip_corpora())) {
    m2pg::test::Scratch db;
    const auto corpus = mm::corpus(M2PG_CORPORA_DIR);
    mm::build_schemas(db, corpus, M2PG_TOOLS_DIR "/m2pg");
    m2pg::test::MysqlSession session(db.mysql.dsn());
    const auto seeded = mm::seed(session, mm::SeedOptions{200, 5, true, true});

    const auto live = check_report({db.mysql.dsn_text(), "--target", db.pg.dsn_text()});
    // Boards keeps JSON in TEXT; only a target that has the column as json refuses '' (below).
    expect_manifest(live, seeded, [](const mm::Planted& p) { return !is_boards(p); });
    // The planted reasons come from the target: Postgres' varchar(256) where MySQL has text,
    // its enum type, its NOT NULL, its boolean where MySQL has tinyint(4).
    const auto* mime = finding(live, "value_too_long", "FileInfo", "MimeType");
    REQUIRE(mime != nullptr);
    CHECK(corpora::contains((*mime)["message"].get<std::string>(), "the target database"));

    // Offline, from the same migrations the live schema was made of (core only: the Calls
    // tables are then missing from the target, and say so).
    const auto offline = check_report({db.mysql.dsn_text(), "--migrations-dir", corpus.core_postgres.string()});
    expect_manifest(offline, seeded, [](const mm::Planted& p) { return !is_boards(p); });
    CHECK(finding(offline, "no_target_table", "calls", "") != nullptr);
    // Apart from Calls (absent offline), both targets give the same findings with the same counts.
    const auto live_findings = findings_outside_calls(live), offline_findings = findings_outside_calls(offline);
    std::string only_live, only_offline;
    for (const auto& f : live_findings)
        if (!offline_findings.count(f)) only_live += f + "\n";
    for (const auto& f : offline_findings)
        if (!live_findings.count(f)) only_offline += f + "\n";
    CHECK(only_live == "");
    CHECK(only_offline == "");
}

TEST_CASE("on the seeded real Mattermost schema, check --profile mattermost --migrations-dir (the documented first "
          "step) names every planted core problem" *
          doctest::skip(corpora::skip_corpora())) {
    m2pg::test::MysqlScratch db;
    m2pg::test::MysqlSession session(db.dsn());
    const auto corpus = mm::corpus(M2PG_CORPORA_DIR);
    mm::build_mysql_schema(session, corpus);
    const auto seeded = mm::seed(session, mm::SeedOptions{200, 7, true, true});
    const auto report =
        check_report({db.dsn_text(), "--profile", "mattermost", "--migrations-dir", corpus.core_postgres.string()});
    // The profile leaves the plugins' tables to --plugin runs.
    expect_manifest(report, seeded, [](const mm::Planted& p) { return !is_boards(p); }, true);
    // db_migrations is the profile's migrations table: never copied, so only said to be skipped.
    for (const auto& f : report["findings"]) {
        CAPTURE(f["code"].get<std::string>());
        if (f["table"] == "db_migrations") CHECK(f["code"] == "skipped_table");
    }
}

TEST_CASE("on the seeded real Mattermost schema, check --profile mattermost --plugin boards names the '' in Boards' "
          "JSON columns, which the copy writes as {}" *
          doctest::skip(corpora::skip_corpora())) {
    m2pg::test::MysqlScratch db;
    m2pg::test::MysqlSession session(db.dsn());
    mm::build_mysql_schema(session, mm::corpus(M2PG_CORPORA_DIR));
    const auto seeded = mm::seed(session, mm::SeedOptions{200, 5, true, true});
    const auto report = check_report({db.dsn_text(), "--profile", "mattermost", "--plugin", "boards"});
    // The profile's [empty_json] columns: the copy writes {} for '', so the finding is a warning.
    expect_manifest(report, seeded, is_boards, true);
}
