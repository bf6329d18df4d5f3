#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "run/locate.hpp"
#include "support/servers.hpp"

namespace fs = std::filesystem;

namespace {

// Runs pgloader (under timeout(1), in case it hangs) with the passwords in its environment
// only, as the generated file tells its users to.
m2pg::test::ToolResult run_pgloader(const fs::path& command_file, const fs::path& log_dir) {
    const std::string password = *m2pg::test::mysql_dsn().password;
    const auto timeout = m2pg::run::find_tool("timeout");
    REQUIRE_MESSAGE(timeout.has_value(), "timeout(1) is not on PATH");
    return m2pg::test::run_program(timeout->string(),
                                   {"300", "pgloader", "--root-dir=" + log_dir.string(), command_file.string()},
                                   {{"MYSQL_PWD", password}, {"PGPASSWORD", password}});
}

}  // namespace

TEST_CASE("the generated command file makes the real pgloader keep values as m2pg copy does" *
          doctest::skip(m2pg::test::skip_servers())) {
    REQUIRE_MESSAGE(m2pg::run::find_tool("pgloader").has_value(),
                    "pgloader is not installed: scripts/install-deps.sh installs it");
    m2pg::test::Scratch db;
    // Zero dates are only accepted when the session sql_mode allows them.
    db.mysql.exec(
        "SET SESSION sql_mode = '';"
        "CREATE TABLE Items (id INT PRIMARY KEY, flag TINYINT(1), small TINYINT, big BIGINT UNSIGNED,"
        " d DATE, doc JSON, body TEXT);"
        "INSERT INTO Items VALUES"
        " (1, 1, 5, 18446744073709551615, '0000-00-00', '{\"a\": 1}', CONCAT('a', CHAR(0), 'b')),"
        " (2, 0, -128, 0, '2024-02-29', '{\"b\": [1, 2]}', 'plain')");

    auto generated = m2pg::test::run_tool("m2pg", {"pgloader", "--mysql", db.mysql.dsn_text(), "--postgres", db.pg.dsn_text()});
    CAPTURE(generated.err);
    REQUIRE(generated.exit_code == 0);
    const std::string& text = generated.out;
    const std::string password = *m2pg::test::mysql_dsn().password;
    // Neither the password nor its percent-encoded form (both begin alike).
    CHECK(text.find(password.substr(0, 6)) == std::string::npos);
    CHECK(text.find("column Items.doc to jsonb") != std::string::npos);  // MariaDB's JSON is longtext to pgloader

    const fs::path dir = fs::temp_directory_path() / ("m2pg-pgloader-" + db.pg.name());
    fs::create_directories(dir);
    const fs::path file = dir / "migration.load";
    std::ofstream(file) << text;
    const auto run = run_pgloader(file, dir / "logs");
    // pgloader exits 0 even when it dropped a table, so the data decides, not the exit code.
    INFO("pgloader said:\n" << run.out << run.err << "\ncommand file:\n" << text);
    CHECK(run.exit_code == 0);

    REQUIRE(db.pg.scalar("SELECT count(*) FROM public.items") == "2");
    auto type_of = [&](const std::string& column) {
        return db.pg.scalar("SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
                            "WHERE attrelid = 'public.items'::regclass AND attname = '" + column + "'");
    };
    // tinyint(1) only is boolean; a tinyint keeps its numbers.
    CHECK(type_of("flag") == "boolean");
    CHECK(db.pg.scalar("SELECT flag::text FROM items WHERE id = 1") == "true");
    CHECK(db.pg.scalar("SELECT flag::text FROM items WHERE id = 2") == "false");
    CHECK(type_of("small") == "smallint");
    CHECK(db.pg.scalar("SELECT small FROM items WHERE id = 1") == "5");
    CHECK(db.pg.scalar("SELECT small FROM items WHERE id = 2") == "-128");
    // bigint unsigned's maximum exactly, in numeric(20).
    CHECK(type_of("big") == "numeric(20,0)");
    CHECK(db.pg.scalar("SELECT big FROM items WHERE id = 1") == "18446744073709551615");
    // The zero date is NULL, a real one kept.
    CHECK(type_of("d") == "date");
    CHECK(db.pg.scalar("SELECT d IS NULL FROM items WHERE id = 1") == "t");
    CHECK(db.pg.scalar("SELECT d FROM items WHERE id = 2") == "2024-02-29");
    // JSON is jsonb, object and all.
    CHECK(type_of("doc") == "jsonb");
    CHECK(db.pg.scalar("SELECT doc->>'a' FROM items WHERE id = 1") == "1");
    CHECK(db.pg.scalar("SELECT doc FROM items WHERE id = 2") == "{\"b\": [1, 2]}");
    // The NUL byte is stripped, the bytes after it kept.
    CHECK(db.pg.scalar("SELECT body FROM items WHERE id = 1") == "ab");
    CHECK(db.pg.scalar("SELECT body FROM items WHERE id = 2") == "plain");

    fs::remove_all(dir);
}
