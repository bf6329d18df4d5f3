// check against the target: the data of each MySQL column compared with the Postgres
// column it lands in, read from a live Postgres (--target) or from migrations played
// offline (--migrations-dir); both give the same findings.
#include <doctest/doctest.h>

#include <fstream>

#include "check/check.hpp"
#include "check_support.hpp"
#include "report/report_json.hpp"
#include "support/servers.hpp"
#include "support/temp_dir.hpp"

using m2pg::report::Severity;
using m2pg::test::Scratch;
using namespace m2pg::test::check;

namespace {

const auto kSkip = doctest::skip(m2pg::test::skip_servers());

// The same target twice: run on the scratch Postgres, and written as a migration.
struct Target {
    Target(const Scratch& db, const std::string& ddl) : dir("m2pg_chk_target") {
        db.pg.exec(ddl);
        std::ofstream(dir.path() / "000001_init.up.sql") << ddl;
    }
    m2pg::check::CheckOptions live(const Scratch& db) const {
        m2pg::check::CheckOptions o;
        o.target = db.pg.dsn();
        return o;
    }
    m2pg::check::CheckOptions offline() const {
        m2pg::check::CheckOptions o;
        o.migrations_dir = dir.path();
        return o;
    }
    m2pg::test::TempDir dir;
};

}  // namespace

TEST_CASE("check --target measures text against the live column's varchar(n) in characters, and --migrations-dir agrees" *
          kSkip) {
    Scratch db;
    db.mysql.exec("CREATE TABLE Posts (Id varchar(26) PRIMARY KEY, Message TEXT, Tags TEXT) DEFAULT CHARSET=utf8mb4");
    // 'ééééé' is 5 characters in 10 bytes: it fits varchar(5).
    db.mysql.exec("INSERT INTO Posts VALUES ('p1', 'ééééé', 'x'), ('p2', 'abcdef', 'long tags are fine'), "
                  "('p3', 'ab', NULL), ('p4', 'ëëëëëë', NULL)");
    const Target target(db, "CREATE TABLE posts (id varchar(26) PRIMARY KEY, message varchar(5), tags text)");

    const auto generated = run(db.mysql);
    CHECK(find(generated, "value_too_long") == nullptr);  // MySQL's TEXT becomes text
    CHECK(generated.target_source == "generated DDL");

    for (const auto& options : {target.live(db), target.offline()}) {
        const auto r = run(db.mysql, options);
        const auto* f = find(r, "value_too_long", "Posts", "Message");
        REQUIRE(f != nullptr);
        CHECK(f->severity == Severity::Error);
        CHECK(f->count == 2);
        CHECK(f->sample_keys == std::vector<std::string>{"p2", "p4"});
        CHECK(f->message.find("varchar(5) (from " + r.target_source) != std::string::npos);
        CHECK(find(r, "value_too_long", "Posts", "Tags") == nullptr);
        CHECK(count_code(r, "no_target_table") == 0);
    }
    CHECK(run(db.mysql, target.live(db)).target_source.find("the target database") == 0);
    CHECK(run(db.mysql, target.offline()).target_source == "migrations " + target.dir.path().string());
}

TEST_CASE("with a target, check names the tables and columns it lacks and the type pairs the copy cannot convert" *
          kSkip) {
    Scratch db;
    db.mysql.exec("CREATE TABLE Users (Id varchar(26) PRIMARY KEY, Name TEXT, Legacy INT, CreateAt DATETIME)");
    db.mysql.exec("CREATE TABLE schema_migrations (version bigint PRIMARY KEY)");
    db.mysql.exec("INSERT INTO Users VALUES ('u1', 'ann', 3, NULL)");
    const Target target(db, "CREATE TABLE users (id varchar(26) PRIMARY KEY, name text, createat bigint)");
    for (const auto& options : {target.live(db), target.offline()}) {
        const auto r = run(db.mysql, options);
        const auto* table = find(r, "no_target_table", "schema_migrations");
        REQUIRE(table != nullptr);
        CHECK(table->severity == Severity::Error);
        const auto* column = find(r, "no_target_column", "Users", "Legacy");
        REQUIRE(column != nullptr);
        CHECK(column->message.find("has no column Legacy") != std::string::npos);
        const auto* pair = find(r, "no_conversion", "Users", "CreateAt");
        REQUIRE(pair != nullptr);
        CHECK(pair->message.find("(bigint)") != std::string::npos);
        CHECK(count_code(r, "no_target_column") == 1);
        CHECK(count_code(r, "no_conversion") == 1);
    }
    // Without a target, the generated DDL fits every table by design.
    const auto generated = run(db.mysql);
    CHECK(count_code(generated, "no_target_table") + count_code(generated, "no_target_column") +
              count_code(generated, "no_conversion") ==
          0);
}

TEST_CASE("--fix-varchar cuts and deletes to the target's length, not MySQL's" * kSkip) {
    Scratch db;
    db.mysql.exec("CREATE TABLE Notes (Id INT PRIMARY KEY, Body VARCHAR(100)) DEFAULT CHARSET=utf8mb4");
    db.mysql.exec("INSERT INTO Notes VALUES (1, 'short'), (2, 'rather long text'), (3, 'ünïcödé!')");
    const Target target(db, "CREATE TABLE notes (id int PRIMARY KEY, body varchar(8))");
    auto options = target.live(db);
    options.fixes.varchar = true;
    options.fixes.varchar_mode = m2pg::check::VarcharFix::Truncate;
    const auto r = run(db.mysql, options);
    REQUIRE(r.planned.size() == 1);
    CHECK(r.planned[0].where == "CHAR_LENGTH(`Body`) > 8");
    CHECK(r.planned[0].new_value == "LEFT(`Body`, 8)");
    CHECK(r.planned[0].rows == 1);  // 'ünïcödé!' is 8 characters
    CHECK(db.mysql.scalar("SELECT Body FROM Notes WHERE Id = 2") == "rather long text");  // a dry run
}

TEST_CASE("m2pg check --target prints where the target came from, and refuses two targets or a dead one" * kSkip) {
    Scratch db;
    db.mysql.exec("CREATE TABLE t (id INT PRIMARY KEY, v TEXT)");
    db.mysql.exec("INSERT INTO t VALUES (1, 'abcdef')");
    const Target target(db, "CREATE TABLE t (id int PRIMARY KEY, v varchar(3))");
    m2pg::test::TempDir out("m2pg_chk_tool");
    const auto report = (out.path() / "mysql.output").string();
    auto r = m2pg::test::run_tool("m2pg", {"check", db.mysql.dsn_text(), "--target", db.pg.dsn_text(), "--output", report});
    CAPTURE(r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("target: the target database") != std::string::npos);
    CHECK(r.out.find("[value_too_long] t.v") != std::string::npos);
    CHECK(r.out.find("T3st") == std::string::npos);  // the password never shows
    CHECK(m2pg::report::read_report(report).target.find("the target database") == 0);  // the report says so too

    r = m2pg::test::run_tool("m2pg", {"check", db.mysql.dsn_text(), "--migrations-dir", target.dir.path().string()});
    CHECK(r.exit_code == 1);
    r = m2pg::test::run_tool("m2pg", {"check", db.mysql.dsn_text(), "--target", db.pg.dsn_text(), "--migrations-dir",
                                      target.dir.path().string()});
    CHECK(r.exit_code == 2);
    r = m2pg::test::run_tool("m2pg", {"check", db.mysql.dsn_text(), "--migrations-dir", "/nonexistent/dir"});
    CHECK(r.exit_code == 2);
    r = m2pg::test::run_tool("m2pg", {"check", db.mysql.dsn_text(), "--target", "postgresql://nobody@127.0.0.1:1/x"});
    CHECK(r.exit_code == 4);
}

TEST_CASE("check names NULLs that the target's NOT NULL columns refuse, a default notwithstanding" * kSkip) {
    Scratch db;
    db.mysql.exec("CREATE TABLE Fields (ID varchar(26) PRIMARY KEY, CreateAt bigint, Attrs TEXT, Name TEXT)");
    db.mysql.exec("INSERT INTO Fields VALUES ('a', 1, '{}', 'x'), ('b', NULL, NULL, NULL), ('c', NULL, '{}', 'y')");
    const Target target(db, "CREATE TABLE fields (id varchar(26) PRIMARY KEY, createat bigint NOT NULL DEFAULT 0, "
                            "attrs jsonb NOT NULL, name text)");
    for (const auto& options : {target.live(db), target.offline()}) {
        const auto r = run(db.mysql, options);
        const auto* at = find(r, "null_into_not_null", "Fields", "CreateAt");
        REQUIRE(at != nullptr);
        CHECK(at->severity == Severity::Error);
        CHECK(at->count == 2);
        CHECK(at->sample_keys == std::vector<std::string>{"b", "c"});
        CHECK(at->message.find("bigint NOT NULL") != std::string::npos);
        const auto* attrs = find(r, "null_into_not_null", "Fields", "Attrs");
        REQUIRE(attrs != nullptr);
        CHECK(attrs->sample_keys == std::vector<std::string>{"b"});
        CHECK(find(r, "null_into_not_null", "Fields", "Name") == nullptr);
    }
    CHECK(count_code(run(db.mysql), "null_into_not_null") == 0);
}

TEST_CASE("check names values outside the target's enum labels and CHECK lists, compared as Postgres compares" *
          kSkip) {
    Scratch db;
    db.mysql.exec("CREATE TABLE Conns (Id INT PRIMARY KEY, GrantType VARCHAR(64), Kind ENUM('D','O','X'), "
                  "Level INT, Note VARCHAR(10)) DEFAULT CHARSET=utf8mb4 COLLATE utf8mb4_general_ci");
    // 'nope' is stored as '' (index 0) outside strict mode.
    db.mysql.exec("SET SESSION sql_mode = ''; INSERT INTO Conns VALUES (1, 'password', 'D', 1, 'a'), (2, 'authorization_code', 'O', 2, 'b'), "
                  "(3, 'Password', 'X', 3, 'c'), (4, 'password ', 'nope', 1, NULL), (5, NULL, NULL, NULL, 'd')");
    const Target target(db, "CREATE TYPE grant_type AS ENUM ('client_credentials', 'password');\n"
                            "CREATE TABLE conns (id int PRIMARY KEY, granttype grant_type, "
                            "kind varchar(1) CONSTRAINT conns_kind_check CHECK (kind IN ('D', 'O')), "
                            "level int CHECK (level IN (1, 2)), note text CHECK (note IN ('a', 'b', 'c', 'd')))");
    for (const auto& options : {target.live(db), target.offline()}) {
        const auto r = run(db.mysql, options);
        const auto* grant = find(r, "invalid_enum_value", "Conns", "GrantType");
        REQUIRE(grant != nullptr);
        CHECK(grant->severity == Severity::Error);
        CHECK(grant->sample_keys == std::vector<std::string>{"2", "3", "4"});  // case and a trailing space count
        CHECK(grant->message.find("'client_credentials', 'password'") != std::string::npos);
        const auto* kind = find(r, "check_violation", "Conns", "Kind");
        REQUIRE(kind != nullptr);
        CHECK(kind->sample_keys == std::vector<std::string>{"3", "4"});  // 'X', and the '' MySQL stored
        CHECK(kind->message.find("conns_kind_check ('D', 'O')") != std::string::npos);
        const auto* level = find(r, "check_violation", "Conns", "Level");
        REQUIRE(level != nullptr);
        CHECK(level->sample_keys == std::vector<std::string>{"3"});
        CHECK(find(r, "check_violation", "Conns", "Note") == nullptr);
        CHECK(find(r, "invalid_enum_value", "Conns", "Kind") == nullptr);  // the target's list decides
    }
    // Generated: the CHECK m2pg writes admits '', so MySQL's '' is only a warning there.
    const auto generated = run(db.mysql);
    const auto* empty = find(generated, "invalid_enum_value", "Conns", "Kind");
    REQUIRE(empty != nullptr);
    CHECK(empty->severity == Severity::Warning);
    CHECK(count_code(generated, "check_violation") == 0);
}

TEST_CASE("check names text the target's json refuses, and values an array column cannot take element by element" *
          kSkip) {
    Scratch db;
    db.mysql.exec("CREATE TABLE Docs (Id INT PRIMARY KEY, Settings TEXT, Ids JSON, Nums TEXT) DEFAULT CHARSET=utf8mb4");
    // SQL '\\q' is a backslash then q: JSON has no such escape, and MariaDB's JSON_VALID lets it through.
    db.mysql.exec(R"(INSERT INTO Docs VALUES )"
                  R"((1, '{"a":1}', '["ab","abcdef"]', '[1,2]'), )"
                  R"((2, '', '{"a":"b"}', '{"n":1}'), )"
                  R"((3, '{"a":"x\\qy"}', '[["ab"]]', '[]'), )"
                  R"((4, 'not json', '"ab"', NULL), )"
                  R"((5, '{"path":"C:\\\\qdir"}', '["ééééé", null, 12]', '[3]'), )"
                  R"((6, NULL, NULL, '[4]'), )"
                  R"((7, NULL, '["x", true]', '[1.5, 2]'), (8, NULL, NULL, '[3000000000]'), )"
                  R"((9, NULL, NULL, '["3"]'), (10, NULL, NULL, '[1e2]'), (11, NULL, NULL, '[-7, null]'))");
    const Target target(db, "CREATE TABLE docs (id int PRIMARY KEY, settings json, ids varchar(5)[], nums int[])");
    for (const auto& options : {target.live(db), target.offline()}) {
        const auto r = run(db.mysql, options);
        const auto* json = find(r, "invalid_json", "Docs", "Settings");
        REQUIRE(json != nullptr);
        CHECK(json->severity == Severity::Error);
        CHECK(json->sample_keys == std::vector<std::string>{"2", "3", "4"});  // an escaped backslash (5) is fine
        const auto* shape = find(r, "json_not_array", "Docs", "Ids");
        REQUIRE(shape != nullptr);
        CHECK(shape->sample_keys == std::vector<std::string>{"2", "3", "4"});
        const auto* element = find(r, "array_element_too_long", "Docs", "Ids");
        REQUIRE(element != nullptr);
        CHECK(element->sample_keys == std::vector<std::string>{"1"});  // 'ééééé' is 5 characters
        CHECK(element->message.find("longer than 5 characters") != std::string::npos);
        const auto* nums = find(r, "json_not_array", "Docs", "Nums");
        REQUIRE(nums != nullptr);
        CHECK(nums->sample_keys == std::vector<std::string>{"2"});
        CHECK(find(r, "array_element_too_long", "Docs", "Nums") == nullptr);
        // The copy takes strings into varchar(n)[] and integers, written as such and in range, into int[].
        const auto* kinds = find(r, "array_element_refused", "Docs", "Ids");
        REQUIRE(kinds != nullptr);
        CHECK(kinds->sample_keys == std::vector<std::string>{"5", "7"});
        const auto* ints = find(r, "array_element_refused", "Docs", "Nums");
        REQUIRE(ints != nullptr);
        CHECK(ints->sample_keys == std::vector<std::string>{"7", "8", "9", "10"});
        CHECK(ints->message.find("integers from -2147483648 to 2147483647") != std::string::npos);
    }
    // Generated: TEXT stays text and JSON becomes jsonb, which takes every document MySQL holds.
    const auto generated = run(db.mysql);
    CHECK(count_code(generated, "invalid_json") + count_code(generated, "json_not_array") == 0);
}

TEST_CASE("check names text that the target's uuid and inet refuse, times beyond a time of day, and numbers beyond "
          "numeric(p,s), and warns about the fraction digits numeric rounds away" *
          kSkip) {
    Scratch db;
    db.mysql.exec("CREATE TABLE Devices (Id INT PRIMARY KEY, Uid CHAR(38), Addr VARCHAR(64), Slot TIME(1), "
                  "Price DECIMAL(10,4), Qty INT)");
    db.mysql.exec("INSERT INTO Devices VALUES "
                  "(1, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '192.168.1.5', '08:30:00', 12.5, 3), "
                  "(2, '{A0EEBC999C0B4EF8BB6D6BB9BD380A11}', '2001:db8::/32', '24:00:00', 9999.9949, 9999), "
                  "(3, '', 'localhost', '24:00:00.5', 9999.995, 10000), "
                  "(4, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1', '10.1.2.3/33', '-01:00:00', 1.2345, -10000), "
                  "(5, NULL, NULL, NULL, NULL, NULL)");
    const Target target(db, "CREATE TABLE devices (id int PRIMARY KEY, uid uuid, addr inet, slot time(1), "
                            "price numeric(6,2), qty numeric(4,0))");
    for (const auto& options : {target.live(db), target.offline()}) {
        const auto r = run(db.mysql, options);
        auto keys = [&](const std::string& code, const std::string& column) {
            const auto* f = find(r, code, "Devices", column);
            return f ? f->sample_keys : std::vector<std::string>{"(none)"};
        };
        CHECK(keys("invalid_value", "Uid") == std::vector<std::string>{"3", "4"});
        CHECK(keys("invalid_value", "Addr") == std::vector<std::string>{"3", "4"});
        CHECK(keys("invalid_value", "Slot") == std::vector<std::string>{"3", "4"});
        CHECK(keys("value_out_of_range", "Price") == std::vector<std::string>{"3"});  // 9999.995 rounds to 10000.00
        CHECK(keys("value_out_of_range", "Qty") == std::vector<std::string>{"3", "4"});
        const auto* rounded = find(r, "value_rounded", "Devices", "Price");
        REQUIRE(rounded != nullptr);
        CHECK(rounded->severity == Severity::Warning);
        CHECK(rounded->sample_keys == std::vector<std::string>{"2", "3", "4"});
    }
}

TEST_CASE("where the profile says '' means an empty object, check warns that the copy writes {} and still names other "
          "text json refuses" * kSkip) {
    Scratch db;
    db.mysql.exec("CREATE TABLE Blocks (Id INT PRIMARY KEY, Fields TEXT) DEFAULT CHARSET=utf8mb4");
    db.mysql.exec("INSERT INTO Blocks VALUES (1, '{}'), (2, ''), (3, 'oops'), (4, NULL)");
    const Target target(db, "CREATE TABLE blocks (id int PRIMARY KEY, fields json)");
    auto options = target.live(db);
    options.types.empty_json_as_object = {"blocks.fields"};  // patterns ignore case, as profiles write them
    const auto r = run(db.mysql, options);
    const auto* empty = find(r, "empty_json_as_object", "Blocks", "Fields");
    REQUIRE(empty != nullptr);
    CHECK(empty->severity == Severity::Warning);
    CHECK(empty->sample_keys == std::vector<std::string>{"2"});
    const auto* invalid = find(r, "invalid_json", "Blocks", "Fields");
    REQUIRE(invalid != nullptr);
    CHECK(invalid->sample_keys == std::vector<std::string>{"3"});
    // Without the profile's word, '' is refused like any other text that is not JSON.
    const auto plain = run(db.mysql, target.live(db));
    REQUIRE(find(plain, "invalid_json", "Blocks", "Fields") != nullptr);
    CHECK(find(plain, "invalid_json", "Blocks", "Fields")->sample_keys == std::vector<std::string>{"2", "3"});
    CHECK(find(plain, "empty_json_as_object") == nullptr);
}

TEST_CASE("check names a target column NOT NULL without a default that no MySQL column fills, when rows would go there" *
          kSkip) {
    Scratch db;
    db.mysql.exec("CREATE TABLE Acks (Id INT PRIMARY KEY, PostId VARCHAR(26))");
    db.mysql.exec("CREATE TABLE Empty (Id INT PRIMARY KEY)");
    db.mysql.exec("INSERT INTO Acks VALUES (1, 'p'), (2, 'q')");
    const Target target(db, "CREATE TABLE acks (id int PRIMARY KEY, postid varchar(26), remoteid varchar(26) NOT NULL, "
                            "channelid varchar(26) NOT NULL DEFAULT '', seq int GENERATED BY DEFAULT AS IDENTITY);\n"
                            "CREATE TABLE empty (id int PRIMARY KEY, must text NOT NULL)");
    for (const auto& options : {target.live(db), target.offline()}) {
        const auto r = run(db.mysql, options);
        const auto* f = find(r, "target_column_unfilled", "Acks");
        REQUIRE(f != nullptr);
        CHECK(f->count == 2);
        CHECK(f->message.find("acks.remoteid") != std::string::npos);
        CHECK(count_code(r, "target_column_unfilled") == 1);  // a default, an identity, an empty table: fine
    }
}
