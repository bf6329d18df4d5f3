#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>

#include "check/check.hpp"
#include "check_support.hpp"
#include "support/servers.hpp"

using m2pg::report::Severity;
using m2pg::test::MysqlScratch;
using namespace m2pg::test::check;

namespace {
const auto kSkip = doctest::skip(m2pg::test::skip_servers());
}

TEST_CASE("check counts raw NUL bytes per column and names the first keys" * kSkip) {
    MysqlScratch db;
    db.exec("CREATE TABLE t (id INT PRIMARY KEY, a TEXT, b VARCHAR(20))");
    db.exec("INSERT INTO t VALUES (1, CONCAT('x', CHAR(0), 'y'), 'ok'), (2, 'clean', CONCAT(CHAR(0))), "
            "(3, CONCAT(CHAR(0)), NULL), (4, 'clean', 'clean')");
    auto r = run(db);
    const auto* a = find(r, "nul_bytes", "t", "a");
    REQUIRE(a != nullptr);
    CHECK(a->severity == Severity::Error);
    CHECK(a->count == 2);
    CHECK(a->sample_keys == std::vector<std::string>{"1", "3"});
    const auto* b = find(r, "nul_bytes", "t", "b");
    REQUIRE(b != nullptr);
    CHECK(b->count == 1);
    CHECK(b->sample_keys == std::vector<std::string>{"2"});
    CHECK(r.report.row_counts.at("t") == 4);
    CHECK(m2pg::report::has_blockers(r.report));
}

TEST_CASE("check finds the JSON \\u0000 escape only behind an odd run of backslashes" * kSkip) {
    MysqlScratch db;
    db.exec("CREATE TABLE j (id INT PRIMARY KEY, doc JSON, plain TEXT)");
    // SQL '\\\\' is two backslash characters: row 2 holds an escaped backslash then "u0000".
    db.exec(R"(INSERT INTO j VALUES (1, '{"a":"x\\u0000y"}', 'x\\u0000'), (2, '{"a":"x\\\\u0000y"}', NULL), )"
            R"((3, '{"a":"x\\\\\\u0000"}', NULL), (4, '{"a":1}', NULL))");
    auto r = run(db);
    const auto* f = find(r, "json_nul_escape", "j", "doc");
    REQUIRE(f != nullptr);
    CHECK(f->count == 2);
    CHECK(f->sample_keys == std::vector<std::string>{"1", "3"});
    // In a text column \u0000 is just six characters, which Postgres text keeps.
    CHECK(find(r, "json_nul_escape", "j", "plain") == nullptr);
}

TEST_CASE("check counts lengths in characters: multibyte text that fits is not reported (migration-assist's LENGTH bug)" *
          kSkip) {
    MysqlScratch db;
    db.exec("CREATE TABLE p (id INT PRIMARY KEY, name TEXT)");
    // 5 characters, 10 bytes: fits varchar(5). 6 characters: does not.
    db.exec("INSERT INTO p VALUES (1, 'ééééé'), (2, 'abcdef'), (3, 'ab'), (4, 'ëëëëëë')");
    const auto dir = std::filesystem::temp_directory_path() / ("m2pg_chk_" + db.name());
    std::filesystem::create_directories(dir / "postgres");
    {
        std::ofstream(dir / "postgres" / "000001_p.up.sql") << "CREATE TABLE p (id integer PRIMARY KEY, name varchar(5));\n";
        std::ofstream(dir / "profile.toml") << "name = \"t\"\n[migrations]\npostgres_dir = \"postgres\"\n";
    }
    m2pg::check::CheckOptions o;
    o.profile = m2pg::profile::load_profile((dir / "profile.toml").string());
    auto r = run(db, o);
    std::filesystem::remove_all(dir);
    const auto* f = find(r, "value_too_long", "p", "name");
    REQUIRE(f != nullptr);
    CHECK(f->count == 2);
    CHECK(f->sample_keys == std::vector<std::string>{"2", "4"});
    CHECK(f->message.find("longer than 5 characters") != std::string::npos);
}

TEST_CASE("check flags latin1 columns holding double-encoded UTF-8 but not plain latin1 text" * kSkip) {
    MysqlScratch db;
    db.exec("CREATE TABLE l (id INT PRIMARY KEY, s VARCHAR(40) CHARACTER SET latin1)");
    // Row 1: the bytes C3 A9 (UTF-8 é) stored as latin1 "Ã©". Row 2: a real latin1 é (E9).
    db.exec("INSERT INTO l VALUES (1, CONVERT(_utf8mb4 'cafÃ©' USING latin1)), (2, CONVERT(_utf8mb4 'café' USING latin1)), (3, 'plain')");
    auto r = run(db);
    const auto* f = find(r, "double_encoded_utf8", "l", "s");
    REQUIRE(f != nullptr);
    CHECK(f->severity == Severity::Warning);
    CHECK(f->count == 1);
    CHECK(f->sample_keys == std::vector<std::string>{"1"});
    CHECK(find(r, "charset_latin1") != nullptr);
}

TEST_CASE("check counts zero and partial-zero dates, an error only where the column is NOT NULL" * kSkip) {
    MysqlScratch db;
    db.exec("SET SESSION sql_mode = ''; CREATE TABLE d (id INT PRIMARY KEY, a DATE NULL, b DATETIME NOT NULL)");
    db.exec("SET SESSION sql_mode = ''; INSERT INTO d VALUES (1, '0000-00-00', '2024-01-01 00:00:00'), "
            "(2, '2024-02-00', '0000-00-00 00:00:00'), (3, '2024-02-29', '2024-00-10 10:00:00'), (4, NULL, '0009-12-04 00:00:00')");
    auto r = run(db);
    const auto* a = find(r, "zero_date", "d", "a");
    REQUIRE(a != nullptr);
    CHECK(a->severity == Severity::Warning);
    CHECK(a->count == 2);
    CHECK(a->sample_keys == std::vector<std::string>{"1", "2"});
    const auto* b = find(r, "zero_date", "d", "b");
    REQUIRE(b != nullptr);
    CHECK(b->severity == Severity::Error);
    CHECK(b->count == 2);  // 0009-12-04 is a real date (pgloader nulled it)
    CHECK(b->sample_keys == std::vector<std::string>{"2", "3"});
}

TEST_CASE("check reports bigint unsigned values beyond bigint when the profile maps the column to bigint" * kSkip) {
    MysqlScratch db;
    db.exec("CREATE TABLE u (id INT PRIMARY KEY, n BIGINT UNSIGNED, f TINYINT(1))");
    db.exec("INSERT INTO u VALUES (1, 18446744073709551615, 1), (2, 9223372036854775807, 0), (3, 9223372036854775808, 2)");
    m2pg::check::CheckOptions o;
    auto plain = run(db, o);
    CHECK(find(plain, "value_out_of_range", "u", "n") == nullptr);  // numeric(20) holds them all
    const auto* flag = find(plain, "value_out_of_range", "u", "f");
    REQUIRE(flag != nullptr);  // tinyint(1) → boolean cannot hold 2
    CHECK(flag->sample_keys == std::vector<std::string>{"3"});
    o.types.bigint_unsigned = m2pg::convert::BigintUnsignedPolicy::Bigint;
    auto narrowed = run(db, o);
    const auto* f = find(narrowed, "value_out_of_range", "u", "n");
    REQUIRE(f != nullptr);
    CHECK(f->count == 2);
    CHECK(f->sample_keys == std::vector<std::string>{"1", "3"});
}

TEST_CASE("check suggests the key to add to a table without a primary key" * kSkip) {
    MysqlScratch db;
    db.exec("CREATE TABLE a (x INT NOT NULL, y INT NOT NULL, UNIQUE KEY ux (x, y)); CREATE TABLE b (v TEXT)");
    db.exec("INSERT INTO a VALUES (1, 1), (1, 2); INSERT INTO b VALUES ('a'), ('b'), ('c')");
    auto r = run(db);
    const auto* a = find(r, "no_primary_key", "a");
    REQUIRE(a != nullptr);
    CHECK(a->count == 2);
    CHECK(a->fix.find("ALTER TABLE `a` ADD PRIMARY KEY (`x`, `y`)") == 0);
    const auto* b = find(r, "no_primary_key", "b");
    REQUIRE(b != nullptr);
    CHECK(b->count == 3);
    CHECK(b->fix == "ALTER TABLE `b` ADD COLUMN m2pg_id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY");
}

TEST_CASE("check warns about case-insensitive unique keys and counts case variants under case-sensitive ones" * kSkip) {
    MysqlScratch db;
    db.exec("CREATE TABLE users (id INT PRIMARY KEY, email VARCHAR(50) COLLATE utf8mb4_general_ci, "
            "login VARCHAR(50) COLLATE utf8mb4_bin, UNIQUE KEY u_email (email), UNIQUE KEY u_login (login))");
    db.exec("INSERT INTO users VALUES (1, 'a@x', 'Bob'), (2, 'b@x', 'bob'), (3, 'c@x', 'alice'), (4, 'd@x', NULL), (5, 'e@x', NULL)");
    auto r = run(db);
    const auto* ci = find(r, "case_insensitive_unique", "users", "email");
    REQUIRE(ci != nullptr);
    CHECK(ci->severity == Severity::Warning);
    CHECK(find(r, "case_insensitive_unique", "users", "login") == nullptr);
    const auto* variants = find(r, "unique_case_variants", "users", "login");
    REQUIRE(variants != nullptr);
    CHECK(variants->count == 2);
    CHECK(variants->sample_keys == std::vector<std::string>{"1", "2"});
}

TEST_CASE("check lists FULLTEXT indexes, generated columns, views, triggers, routines and events" * kSkip) {
    MysqlScratch db;
    db.exec("CREATE TABLE t (id INT PRIMARY KEY, body TEXT, twice INT AS (id * 2) STORED, FULLTEXT KEY ft_body (body))");
    db.exec("CREATE VIEW v AS SELECT id FROM t");
    db.exec("CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW SET NEW.body = NEW.body");
    db.exec("CREATE PROCEDURE p() SELECT 1");
    db.exec("CREATE EVENT e ON SCHEDULE EVERY 1 DAY DISABLE DO SELECT 1");
    auto r = run(db);
    const auto* ft = find(r, "fulltext_index", "t");
    REQUIRE(ft != nullptr);
    CHECK(ft->message.find("ft_body") != std::string::npos);
    CHECK(find(r, "generated_column", "t", "twice") != nullptr);
    for (const char* code : {"views_not_migrated", "triggers_not_migrated", "routines_not_migrated", "events_not_migrated"}) {
        const auto* f = find(r, code);
        REQUIRE_MESSAGE(f != nullptr, code);
        CHECK(f->count == 1);
        CHECK(f->severity == Severity::Warning);
    }
    CHECK(find(r, "views_not_migrated")->message.find("v") != std::string::npos);
}

TEST_CASE("check reads server settings, the auth plugin, row counts and a copy estimate" * kSkip) {
    MysqlScratch db;
    db.exec("CREATE TABLE t (id INT PRIMARY KEY); INSERT INTO t VALUES (1), (2), (3)");
    auto r = run(db);
    CHECK(r.report.server.version.find("MariaDB") != std::string::npos);
    CHECK(r.report.server.user.find("m2pg@") == 0);
    CHECK(!r.report.server.auth_plugin.empty());
    CHECK(find(r, "auth_plugin") != nullptr);
    CHECK(find(r, "sql_mode") != nullptr);
    CHECK(find(r, "server_version") != nullptr);
    CHECK(r.report.estimate.rows == 3);
    const auto* e = find(r, "copy_estimate");
    REQUIRE(e != nullptr);
    CHECK(e->count == 3);
    CHECK(!m2pg::report::has_blockers(r.report));
}

TEST_CASE("check reads the applied migrations in ascending order, or reports the table missing" * kSkip) {
    MysqlScratch db;
    auto none = run(db);
    CHECK(none.report.applied_migrations.empty());
    CHECK(find(none, "no_migrations_table", "db_migrations") != nullptr);
    db.exec("CREATE TABLE db_migrations (Version BIGINT PRIMARY KEY, Name VARCHAR(64))");
    db.exec("INSERT INTO db_migrations VALUES (10, 'c'), (2, 'a'), (3, 'b')");
    auto some = run(db);
    CHECK(some.report.applied_migrations == std::vector<std::int64_t>{2, 3, 10});
    CHECK(find(some, "no_migrations_table") == nullptr);
}

TEST_CASE("check finds the profile's artifacts with their row and value counts" * kSkip) {
    MysqlScratch db;
    db.exec("CREATE TABLE schema_migrations (version BIGINT NOT NULL, dirty TINYINT(1) NOT NULL)");
    db.exec("INSERT INTO schema_migrations VALUES (1, 0), (2, 0)");
    db.exec("CREATE TABLE Users (Id VARCHAR(26) PRIMARY KEY, RemoteId VARCHAR(26))");
    db.exec("INSERT INTO Users VALUES ('a', 'r1'), ('b', NULL), ('c', 'r3')");
    m2pg::check::CheckOptions o;
    o.profile = m2pg::profile::load_profile("chat");
    auto r = run(db, o);
    const auto* t = find(r, "artifact", "schema_migrations");
    REQUIRE(t != nullptr);
    CHECK(t->count == 2);
    const auto* c = find(r, "artifact", "Users", "RemoteId");
    REQUIRE(c != nullptr);
    CHECK(c->count == 2);
    CHECK(c->severity == Severity::Error);
}

TEST_CASE("check warns about enum columns holding '', MySQL's invalid-value index 0, but not a declared ''" * kSkip) {
    MysqlScratch db;
    db.exec("CREATE TABLE e (id INT PRIMARY KEY, kind ENUM('a','b') NOT NULL, maybe ENUM('','x'))");
    db.exec("SET SESSION sql_mode = ''; INSERT INTO e VALUES (1, 'a', ''), (2, 'nope', 'x'), (3, 'b', 'bad'), "
            "(4, 'zzz', '')");
    auto r = run(db);
    const auto* kind = find(r, "invalid_enum_value", "e", "kind");
    REQUIRE(kind != nullptr);
    CHECK(kind->severity == Severity::Warning);
    CHECK(kind->count == 2);
    CHECK(kind->sample_keys == std::vector<std::string>{"2", "4"});
    CHECK(kind->message.find("''") != std::string::npos);
    // Row 3's 'bad' became the error value; rows 1 and 4 hold the declared member ''.
    const auto* maybe = find(r, "invalid_enum_value", "e", "maybe");
    REQUIRE(maybe != nullptr);
    CHECK(maybe->count == 1);
    CHECK(maybe->sample_keys == std::vector<std::string>{"3"});
    CHECK(!m2pg::report::has_blockers(r.report));
}
