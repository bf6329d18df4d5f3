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

TEST_CASE("strings into Postgres enums, tinyint(4) into boolean and bigint into integer copy exactly, and verify "
          "agrees" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    db.mysql.exec("CREATE TABLE Channels (Id VARCHAR(26) PRIMARY KEY, Type ENUM('D','O','G','P'), "
                  "Grant_Type VARCHAR(32), SchemeUser TINYINT(4), SortOrder BIGINT NOT NULL, DeleteAt BIGINT)");
    db.mysql.exec("INSERT INTO Channels VALUES ('a', 'O', 'password', 1, 2147483647, 0), "
                  "('b', 'P', 'client_credentials', 0, -2147483648, 5), ('c', NULL, NULL, NULL, 0, 7)");
    db.pg.exec("CREATE TYPE channel_type AS ENUM ('P', 'G', 'O', 'D');"
               "CREATE TYPE grant_type AS ENUM ('client_credentials', 'password');"
               "CREATE TABLE channels (id varchar(26) PRIMARY KEY, type channel_type, grant_type grant_type, "
               "schemeuser boolean, sortorder integer NOT NULL, deleteat bigint NOT NULL)");
    auto result = m2pg::test::copy_all(into_existing(db));
    for (const auto& t : result.tables) CHECK_MESSAGE(t.error.empty(), t.table << ": " << t.error);
    REQUIRE(result.finished());
    CHECK(db.pg.scalar("SELECT string_agg(concat_ws(':', id, type, grant_type, schemeuser, sortorder), ',' ORDER BY id) "
                       "FROM channels") == "a:O:password:t:2147483647,b:P:client_credentials:f:-2147483648,c:0");
    CHECK(verify_ok(db));
}

TEST_CASE("values the target columns refuse stop the copy before the first row, with values, counts and row keys" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    db.mysql.exec("CREATE TABLE Channels (Id VARCHAR(26) PRIMARY KEY, Type VARCHAR(5), SchemeUser TINYINT(4), "
                  "SortOrder BIGINT, CreateAt BIGINT)");
    db.mysql.exec("INSERT INTO Channels VALUES ('a', 'O', 1, 1, 1), ('b', 'x', 2, 3000000000, NULL), "
                  "('c', 'x', -1, -3000000000, NULL), ('d', 'o', 0, 0, 1), ('e', 'O ', 1, 0, 1), ('f', 'P', 1, 0, 1)");
    db.mysql.exec("CREATE TABLE Members (ChannelId VARCHAR(26), UserId VARCHAR(26), Admin TINYINT(4), "
                  "PRIMARY KEY (ChannelId, UserId)); INSERT INTO Members VALUES ('a', 'u1', 7), ('a', 'u2', 1)");
    db.pg.exec("CREATE TYPE channel_type AS ENUM ('P', 'O');"
               "CREATE TABLE channels (id varchar(26) PRIMARY KEY, type channel_type, schemeuser boolean, "
               "sortorder integer, createat bigint NOT NULL);"
               "CREATE TABLE members (channelid varchar(26), userid varchar(26), admin boolean, "
               "PRIMARY KEY (channelid, userid))");
    try {
        m2pg::copy::plan_copy(into_existing(db));
        FAIL("planned a copy of values the target refuses");
    } catch (const m2pg::ConvertError& e) {
        const std::string msg = e.what();
        CAPTURE(msg);
        CHECK(msg.find("nothing was copied") != std::string::npos);
        // Case and trailing spaces matter, as in Postgres: 'o' and 'O ' are not 'O'.
        CHECK(msg.find("Channels.Type: 4 rows hold a value that is not a label of the enum channel_type ('P', 'O'): "
                       "'x' (2 rows), 'O ' (1 row), 'o' (1 row); rows Id=b; Id=c; Id=d; Id=e") != std::string::npos);
        CHECK(msg.find("Channels.SchemeUser: 2 rows hold a value other than 0 and 1, which boolean cannot hold: "
                       "'-1' (1 row), '2' (1 row); rows Id=b; Id=c") != std::string::npos);
        CHECK(msg.find("Channels.SortOrder: 2 rows hold a value outside integer (-2147483648..2147483647): "
                       "'-3000000000' (1 row), '3000000000' (1 row); rows Id=b; Id=c") != std::string::npos);
        CHECK(msg.find("Channels.CreateAt: 2 rows hold NULL, but the column createat bigint is NOT NULL; rows Id=b; "
                       "Id=c") != std::string::npos);
        CHECK(msg.find("Members.Admin: 1 row holds a value other than 0 and 1, which boolean cannot hold: '7' (1 row); "
                       "rows (ChannelId, UserId)=(a, u1)") != std::string::npos);
    }
    CHECK(db.pg.scalar("SELECT to_regclass('m2pg_state.copy_chunks') IS NULL") == "t");

    // The tool says the same and exits 5, also on a dry run.
    auto tool = m2pg::test::run_tool("m2pg", {"copy", "--mysql", db.mysql.dsn_text(), "--postgres", db.pg.dsn_text(),
                                              "--dry-run", "--yes"});
    CHECK(tool.exit_code == 5);
    CHECK(tool.err.find("Members.Admin: 1 row holds") != std::string::npos);
}

TEST_CASE("text holding JSON goes into json and jsonb; '' is refused before the first row unless the profile's "
          "[empty_json] makes it {}, counted, and verify agrees" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    db.mysql.exec("CREATE TABLE focalboard_blocks (id VARCHAR(36) PRIMARY KEY, fields TEXT, props LONGTEXT)");
    db.mysql.exec("INSERT INTO focalboard_blocks VALUES ('a', '{\"b\": [1, 2], \"a\": \"x\"}', '{}'), "
                  "('b', '', '[]'), ('c', NULL, '\"s\"'), ('d', '', '{\"k\":null}')");
    db.pg.exec("CREATE TABLE focalboard_blocks (id varchar(36) PRIMARY KEY, fields json, props jsonb)");
    try {
        m2pg::copy::plan_copy(into_existing(db));
        FAIL("planned '' into json");
    } catch (const m2pg::ConvertError& e) {
        CAPTURE(std::string(e.what()));
        CHECK(std::string(e.what()).find("focalboard_blocks.fields: 2 rows hold '', which json refuses (if the app "
                                         "means an empty object there, the profile's [empty_json] columns makes it "
                                         "{}); rows id=b; id=d") != std::string::npos);
    }

    auto options = into_existing(db);
    options.types.empty_json_as_object = {"focalboard_*.fields"};
    auto result = m2pg::test::copy_all(options);
    for (const auto& t : result.tables) CHECK_MESSAGE(t.error.empty(), t.table << ": " << t.error);
    REQUIRE(result.finished());
    const auto& table = m2pg::test::table_result(result, "focalboard_blocks");
    REQUIRE(table.columns.size() == 1);
    CHECK(table.columns[0].column == "fields");
    CHECK(table.columns[0].stats.empty_json_as_object == 2);
    CHECK(db.pg.scalar("SELECT string_agg(id || '=' || coalesce(fields::text, 'NULL'), ' ' ORDER BY id) "
                       "FROM focalboard_blocks") == "a={\"b\": [1, 2], \"a\": \"x\"} b={} c=NULL d={}");

    // verify reads '' as {} only where copy wrote it: with the same profile setting.
    m2pg::verify::VerifyOptions o;
    o.mysql = db.mysql.dsn();
    o.postgres = db.pg.dsn();
    o.types.empty_json_as_object = {"focalboard_*.fields"};
    auto verified = m2pg::verify::run_verify(o);
    for (const auto& t : verified.tables)
        CHECK_MESSAGE(t.status == m2pg::verify::TableStatus::Identical, t.table << " " << t.error);
    CHECK(verified.ok());
    o.types.empty_json_as_object.clear();
    CHECK_FALSE(m2pg::verify::run_verify(o).ok());
}
