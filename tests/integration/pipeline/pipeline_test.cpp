#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "support/sample.hpp"
#include "support/servers.hpp"

// The steps together, through the tools, as an admin runs them.
namespace {

namespace fs = std::filesystem;
using m2pg::test::run_tool;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

struct TempFile {
    fs::path path;
    explicit TempFile(const std::string& name)
        : path(fs::temp_directory_path() / (name + "-" + std::to_string(::getpid()) + "-" + std::to_string(std::rand()))) {}
    ~TempFile() {
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
};

}  // namespace

TEST_CASE("the chat sample goes through check, fixes, schema from the report, copy, index and verify" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    m2pg::test::load_sample(db.mysql);
    const auto mysql = db.mysql.dsn_text();
    const auto pg = db.pg.dsn_text();

    // 1. check finds the blockers and exits 1; with stdout redirected the report goes there.
    auto check = run_tool("m2pg", {"check", mysql, "--profile", "chat"});
    CHECK(check.exit_code == 1);
    CHECK(contains(check.out, "\"format\": \"m2pg-report\""));
    CHECK(contains(check.err, "NOT ready"));

    // 1b. the fixes, archived; the report of the fixed database is what schema consumes.
    TempFile report("m2pg-report");
    auto fix = run_tool("m2pg", {"check", mysql, "--profile", "chat", "--fix-artifacts", "--fix-unicode", "--apply",
                                 "--output", report.path.string()});
    CAPTURE(fix.err);
    CAPTURE(fix.out);
    CHECK(fix.exit_code == 0);

    // 2. air-gapped schema: exactly the migrations the MySQL side had, no MySQL connection.
    auto schema = run_tool("m2pg", {"schema", pg, "--run-migrations", "--profile", "chat", "--applied-migrations",
                                    report.path.string()});
    CAPTURE(schema.err);
    CHECK(schema.exit_code == 0);
    CHECK(db.pg.scalar("SELECT string_agg(version::text, ',' ORDER BY version) FROM db_migrations") == "1,2,3,4,5,6");

    // 3. copy into the app's own tables (enum types, booleans, jsonb, numeric(20)).
    auto copy = run_tool("m2pg", {"copy", "--mysql", mysql, "--postgres", pg, "--profile", "chat", "--yes"});
    CAPTURE(copy.err);
    CAPTURE(copy.out);
    CHECK(copy.exit_code == 0);
    CHECK(contains(copy.out, "LegacyImports.ImportedAt: 2 zero dates -> NULL"));

    // 4. the profile's full-text indexes and the rest.
    auto index = run_tool("m2pg", {"index", pg, "--profile", "chat", "--create-indexes"});
    CAPTURE(index.err);
    CHECK(index.exit_code == 0);
    CHECK(db.pg.scalar("SELECT count(*) FROM pg_indexes WHERE indexname = 'idx_posts_message_txt'") == "1");

    // 5. verify: every row identical.
    auto verify = run_tool("m2pg", {"verify", "--mysql", mysql, "--postgres", pg, "--profile", "chat"});
    CAPTURE(verify.out);
    CAPTURE(verify.err);
    CHECK(verify.exit_code == 0);
    CHECK(contains(verify.out, "verify: OK"));

    // And the archive gives the original rows back.
    auto restore = run_tool("m2pg", {"check", mysql, "--restore-archive"});
    CAPTURE(restore.err);
    CHECK(restore.exit_code == 0);
    CHECK(db.mysql.scalar("SELECT LOCATE(CHAR(0), Message) > 0 FROM Posts WHERE Id = 'post0000000000000000000002'") == "1");
}

TEST_CASE("without a profile: generated migrations at version 1, copy fills them, index and verify finish" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    db.mysql.exec("CREATE TABLE parent (id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, name VARCHAR(50))");
    db.mysql.exec(m2pg::test::read_fixture("every_type.sql"));
    db.mysql.exec(m2pg::test::read_fixture("every_type_rows.sql"));
    // The 2^64-1 id cannot stay behind a bigint sequence; this test is about the other steps.
    db.mysql.exec("DELETE FROM every_type WHERE id > 1000");
    const auto mysql = db.mysql.dsn_text();
    const auto pg = db.pg.dsn_text();

    TempFile dir("m2pg-generated");
    auto gen = run_tool("m2pg", {"schema", "generate", "--from-mysql", mysql, "--out", dir.path.string()});
    CAPTURE(gen.err);
    REQUIRE(gen.exit_code == 0);
    CHECK(fs::exists(dir.path / "000001_tables.up.sql"));
    CHECK(fs::exists(dir.path / "000004_fulltext.up.sql"));

    auto bare = run_tool("m2pg", {"schema", pg, "--run-migrations", "--migrations-dir", dir.path.string(),
                                  "--target-version", "1"});
    CAPTURE(bare.err);
    REQUIRE(bare.exit_code == 0);
    CHECK(db.pg.scalar("SELECT count(*) FROM pg_indexes WHERE tablename = 'every_type' AND indexname LIKE '%ft_text%'") ==
          "0");

    auto copy = run_tool("m2pg", {"copy", "--mysql", mysql, "--postgres", pg, "--yes", "--exclude", "db_migrations"});
    CAPTURE(copy.err);
    CAPTURE(copy.out);
    REQUIRE(copy.exit_code == 0);
    CHECK(db.pg.scalar("SELECT count(*) FROM every_type") == "2");

    auto rest = run_tool("m2pg", {"schema", pg, "--run-migrations", "--migrations-dir", dir.path.string(),
                                  "--check-tables-empty=false"});
    CAPTURE(rest.err);
    CHECK(rest.exit_code == 0);
    CHECK(db.pg.scalar("SELECT count(*) FROM pg_indexes WHERE tablename = 'every_type' AND indexname LIKE '%ft_text%'") ==
          "1");

    auto index = run_tool("m2pg", {"index", pg, "--from-mysql", mysql, "--create-indexes"});
    CAPTURE(index.err);
    CHECK(index.exit_code == 0);

    auto verify = run_tool("m2pg", {"verify", "--mysql", mysql, "--postgres", pg});
    CAPTURE(verify.out);
    CAPTURE(verify.err);
    CHECK(verify.exit_code == 0);
}

TEST_CASE("schema generate --from-report (air-gapped) prints the same DDL as --from-mysql" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    db.mysql.exec("CREATE TABLE parent (id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, name VARCHAR(50))");
    db.mysql.exec(m2pg::test::read_fixture("every_type.sql"));
    const auto mysql = db.mysql.dsn_text();

    TempFile report("m2pg-report");
    auto check = run_tool("m2pg", {"check", mysql, "--output", report.path.string()});
    CAPTURE(check.err);
    REQUIRE(fs::exists(report.path));

    auto live = run_tool("m2pg", {"schema", "generate", "--from-mysql", mysql});
    auto offline = run_tool("m2pg", {"schema", "generate", "--from-report", report.path.string()});
    CAPTURE(offline.err);
    CHECK(live.exit_code == 0);
    CHECK(offline.exit_code == 0);
    CHECK(contains(offline.out, "CREATE TABLE public.every_type"));
    CHECK(offline.out == live.out);

    auto both = run_tool("m2pg", {"schema", "generate", "--from-mysql", mysql, "--from-report", report.path.string()});
    CHECK(both.exit_code == 2);
}
