#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "check_support.hpp"
#include "profile/profile.hpp"
#include "report/report_json.hpp"
#include "schema/ddl.hpp"
#include "source/mysql/catalog.hpp"
#include "support/servers.hpp"

using m2pg::test::MysqlScratch;
using m2pg::test::run_tool;

// `m2pg check` as users run it: the report on stdout when redirected, the summary on
// stderr, exit 1 while blockers remain, and a report file that is never silently replaced.
namespace {

const auto kSkip = doctest::skip(m2pg::test::skip_servers());

std::string read_text(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// What scripts/load-sample.sh does, into a scratch database: the chat app's MySQL
// migrations, recorded in db_migrations, then its sample data.
void load_chat_sample(const MysqlScratch& db) {
    const auto dir = m2pg::profile::profiles_root() / "chat";
    db.exec("CREATE TABLE db_migrations (Version bigint NOT NULL PRIMARY KEY, Name varchar(64) NOT NULL)");
    std::vector<std::filesystem::path> ups;
    for (const auto& e : std::filesystem::directory_iterator(dir / "mysql"))
        if (e.path().string().ends_with(".up.sql")) ups.push_back(e.path());
    std::sort(ups.begin(), ups.end());
    for (const auto& up : ups) {
        db.exec(read_text(up));
        const std::string file = up.filename().string();
        db.exec("INSERT INTO db_migrations VALUES (" + std::to_string(std::stoi(file.substr(0, 6))) + ", '" +
                file.substr(7, file.size() - 7 - 7) + "')");
    }
    db.exec(read_text(dir / "sample-data.sql"));
}

}  // namespace

TEST_CASE("m2pg check DSN > mysql.output on the sample database writes a report the schema step can generate DDL from" *
          kSkip) {
    MysqlScratch db;
    load_chat_sample(db);
    auto r = run_tool("m2pg", {"check", db.dsn_text(), "--profile", "chat"});
    CHECK(r.exit_code == 1);  // the sample has artifacts and NULs on purpose
    CHECK(r.err.find("NOT ready") != std::string::npos);
    auto report = m2pg::report::parse_report(r.out, "stdout");
    CHECK(report.applied_migrations == std::vector<std::int64_t>{1, 2, 3, 4, 5, 6});
    CHECK(report.profile == "chat");
    CHECK(report.catalog.database == db.name());
    CHECK(report.catalog.find_table("Posts") != nullptr);
    CHECK(m2pg::report::has_blockers(report));
    CHECK(r.out.find("\"format\": \"m2pg-report\"") != std::string::npos);
    // The catalog in the file is enough for the schema step: the same DDL as from the server.
    m2pg::source::mysql::MysqlConnection c(db.dsn());
    const auto live = m2pg::source::mysql::read_catalog(c, db.name());
    m2pg::schema::DdlOptions options;
    CHECK(m2pg::schema::full_script(report.catalog, options) == m2pg::schema::full_script(live, options));
}

TEST_CASE("m2pg check exits 0 on a clean database and 1 while an error finding remains" * kSkip) {
    MysqlScratch db;
    db.exec("CREATE TABLE t (id INT PRIMARY KEY, s TEXT); INSERT INTO t VALUES (1, 'ok')");
    auto clean = run_tool("m2pg", {"check", db.dsn_text()});
    CHECK(clean.exit_code == 0);
    CHECK(clean.err.find("ready") != std::string::npos);
    db.exec("INSERT INTO t VALUES (2, CONCAT('a', CHAR(0)))");
    auto dirty = run_tool("m2pg", {"check", db.dsn_text()});
    CHECK(dirty.exit_code == 1);
    CHECK(dirty.err.find("[nul_bytes] t.s") != std::string::npos);
}

TEST_CASE("m2pg check never overwrites an existing --output file without --force" * kSkip) {
    MysqlScratch db;
    db.exec("CREATE TABLE t (id INT PRIMARY KEY)");
    const auto path = std::filesystem::temp_directory_path() / (db.name() + ".output");
    std::ofstream(path) << "precious";
    auto refused = run_tool("m2pg", {"check", db.dsn_text(), "--output", path.string()});
    CHECK(refused.exit_code == 2);
    CHECK(refused.err.find("already exists") != std::string::npos);
    CHECK(read_text(path) == "precious");
    auto forced = run_tool("m2pg", {"check", db.dsn_text(), "--output", path.string(), "--force"});
    CHECK(forced.exit_code == 0);
    CHECK(forced.out.find("report written to") != std::string::npos);
    const auto report = m2pg::report::read_report(path);
    CHECK(report.catalog.tables.size() == 1);
    std::filesystem::remove(path);
}

TEST_CASE("m2pg check --fix-unicode --apply fixes, and --restore-archive puts the rows back" * kSkip) {
    MysqlScratch db;
    m2pg::test::check::ArchiveDb archive(db);
    db.exec("CREATE TABLE t (id INT PRIMARY KEY, s TEXT); INSERT INTO t VALUES (1, CONCAT('a', CHAR(0), 'b'))");
    const auto out = std::filesystem::temp_directory_path() / (db.name() + ".output");
    auto dry = run_tool("m2pg", {"check", db.dsn_text(), "--fix-unicode", "--archive-database", archive.name});
    CHECK(dry.exit_code == 1);
    CHECK(dry.err.find("dry run") != std::string::npos);
    CHECK(db.scalar("SELECT HEX(s) FROM t") == "610062");
    auto fixed = run_tool("m2pg", {"check", db.dsn_text(), "--fix-unicode", "--apply", "--archive-database", archive.name,
                                   "--output", out.string()});
    CHECK(fixed.exit_code == 0);
    CHECK(db.scalar("SELECT HEX(s) FROM t") == "6162");
    CHECK(std::filesystem::exists(out.string() + ".archive.jsonl"));
    CHECK(m2pg::report::read_report(out).fixes_applied.size() == 1);
    auto restored = run_tool("m2pg", {"check", db.dsn_text(), "--restore-archive", "--archive-database", archive.name});
    CHECK(restored.exit_code == 0);
    CHECK(db.scalar("SELECT HEX(s) FROM t") == "610062");
    std::filesystem::remove(out);
    std::filesystem::remove(out.string() + ".archive.jsonl");
}

TEST_CASE("m2pg check rejects --truncate without --fix-varchar with exit 2" * kSkip) {
    MysqlScratch db;
    auto r = run_tool("m2pg", {"check", db.dsn_text(), "--truncate"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--truncate") != std::string::npos);
}
