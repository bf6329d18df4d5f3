// copy into column types an app's own Postgres schema chose where MySQL has another type
// (Mattermost's: JSON into varchar(26)[], strings into enums, tinyint(4) into boolean,
// bigint into integer, text holding JSON into json): exact, verified, or refused naming the row.
#include <doctest/doctest.h>

#include <string>

#include "support/copy_support.hpp"
#include "util/error.hpp"
#include "verify/verify.hpp"

using namespace std::string_literals;

namespace {

m2pg::copy::CopyOptions into_existing(const m2pg::test::Scratch& db) {
    auto o = m2pg::test::copy_options(db);
    o.create_tables = false;
    return o;
}

// verify's verdict over the scratch pair, with each differing table's error for messages.
bool verify_ok(const m2pg::test::Scratch& db) {
    m2pg::verify::VerifyOptions o;
    o.mysql = db.mysql.dsn();
    o.postgres = db.pg.dsn();
    o.jobs = 2;
    auto r = m2pg::verify::run_verify(o);
    for (const auto& t : r.tables)
        CHECK_MESSAGE(t.status == m2pg::verify::TableStatus::Identical, t.table << " " << t.error);
    for (const auto& f : r.findings) FAIL_CHECK(f.message);
    return r.ok();
}

}  // namespace

TEST_CASE("JSON arrays go into varchar(n)[], text[] and integer[] exactly, and verify agrees" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    db.mysql.exec("CREATE TABLE RetentionIds (Id VARCHAR(26) PRIMARY KEY, Ids JSON, Names LONGTEXT, Nums JSON)");
    db.mysql.exec(
        "INSERT INTO RetentionIds VALUES "
        "('a', '[\"abcdefghijklmnopqrstuvwxyz\",\"x\"]', '[\"a,b\",\"{c}\",\"q\\\\\"t\",\"b\\\\\\\\s\",null,\"NULL\"]', "
        "'[1,-2,2147483647]'), "
        "('b', '[]', '[\"日本\",\"\\\\u00e9\",\"tab\\\\there\",\"\\\\ud83d\\\\ude00\"]', '[]'), "
        "('c', NULL, NULL, NULL), "
        "('d', '[ \"ok\" ]', '[\"\"]', '[null]')");
    db.pg.exec("CREATE TABLE retentionids (id varchar(26) PRIMARY KEY, ids varchar(26)[], names text[], nums integer[])");
    auto result = m2pg::test::copy_all(into_existing(db));
    for (const auto& t : result.tables) CHECK_MESSAGE(t.error.empty(), t.table << ": " << t.error);
    REQUIRE(result.finished());
    CHECK(db.pg.scalar("SELECT ids::text FROM retentionids WHERE id = 'a'") == "{abcdefghijklmnopqrstuvwxyz,x}");
    CHECK(db.pg.scalar("SELECT array_length(names, 1) || '|' || names[1] || '|' || names[2] || '|' || names[3] || '|' || "
                       "names[4] || '|' || (names[5] IS NULL) || '|' || names[6] FROM retentionids WHERE id = 'a'") ==
          "6|a,b|{c}|q\"t|b\\s|true|NULL");
    CHECK(db.pg.scalar("SELECT names[1] || names[2] || names[3] || names[4] FROM retentionids WHERE id = 'b'") ==
          "日本é" "tab\there" "\xF0\x9F\x98\x80");
    CHECK(db.pg.scalar("SELECT cardinality(ids) FROM retentionids WHERE id = 'b'") == "0");
    CHECK(db.pg.scalar("SELECT nums::text FROM retentionids WHERE id = 'a'") == "{1,-2,2147483647}");
    CHECK(db.pg.scalar("SELECT (ids IS NULL)::text FROM retentionids WHERE id = 'c'") == "true");
    CHECK(verify_ok(db));

    // verify compares the elements: one changed element is a difference.
    db.pg.exec("UPDATE retentionids SET names[1] = 'a;b' WHERE id = 'a'");
    m2pg::verify::VerifyOptions o;
    o.mysql = db.mysql.dsn();
    o.postgres = db.pg.dsn();
    CHECK_FALSE(m2pg::verify::run_verify(o).ok());
}

TEST_CASE("a JSON array element longer than varchar(n), or a value that is not an array of scalars, fails its "
          "table naming the row" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    db.mysql.exec("CREATE TABLE ids (id INT PRIMARY KEY, v JSON); CREATE TABLE nested (id INT PRIMARY KEY, v TEXT);"
                  "INSERT INTO ids VALUES (1, '[\"abc\"]'), (2, '[\"3f2b1c9e-8d4a-4b7e-9c21-5a6f0e1d2c3b\"]');"
                  "INSERT INTO nested VALUES (1, '[\"a\"]'), (7, '[[\"a\"]]')");
    db.pg.exec("CREATE TABLE ids (id int PRIMARY KEY, v varchar(26)[]); CREATE TABLE nested (id int PRIMARY KEY, v text[])");
    auto result = m2pg::test::copy_all(into_existing(db));
    CHECK_FALSE(result.finished());
    const auto ids_error = m2pg::test::table_result(result, "ids").error;
    CHECK(ids_error.find("ids.v row id=2") != std::string::npos);
    CHECK(ids_error.find("element 1 of the JSON array has 36 characters, more than the 26 an element of character "
                         "varying(26)[] holds") != std::string::npos);
    const auto nested_error = m2pg::test::table_result(result, "nested").error;
    CHECK(nested_error.find("nested.v row id=7") != std::string::npos);
    CHECK(nested_error.find("is an array; only scalars fit text[]") != std::string::npos);
    CHECK(db.pg.scalar("SELECT count(*) FROM ids") == "0");
}

TEST_CASE("an array whose elements JSON cannot fill exactly is refused before any row moves" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    db.mysql.exec("CREATE TABLE f (id INT PRIMARY KEY, v JSON)");
    db.pg.exec("CREATE TABLE f (id int PRIMARY KEY, v double precision[])");
    try {
        m2pg::copy::plan_copy(into_existing(db));
        FAIL("planned JSON into double precision[]");
    } catch (const m2pg::ConvertError& e) {
        CHECK(std::string(e.what()).find("f.v: no exact conversion from JSON array elements into Postgres double "
                                         "precision[]") != std::string::npos);
    }
}
