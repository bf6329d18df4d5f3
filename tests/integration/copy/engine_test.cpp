#include <doctest/doctest.h>

#include <algorithm>
#include <string>

using namespace std::string_literals;

#include "copy/output.hpp"
#include "support/copy_support.hpp"
#include "target/postgres/connection.hpp"
#include "util/error.hpp"

namespace {

std::string hex(const std::string& s) {
    static const char* digits = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

// Strings that break naive escaping, encoding or protocol handling.
const std::vector<std::string> kHostile = {
    "",
    " ",
    "\\",
    "\\\\N",
    "\\N",
    "\\.",
    "a\tb\nc\rd",
    "'; DROP TABLE users; --",
    "\"quoted\" and 'single'",
    "emoji 🐘🦭👩‍👩‍👧‍👦 flags 🇩🇪",
    "RTL: مرحبا بالعالم שלום",
    "combining: e\xCC\x81 a\xCC\x8A Z\xCD\x91\xCD\x92",
    "zero width: a\xE2\x80\x8B" "b \xEF\xBB\xBF bom",
    "math 𝕏𝔸 ∀x∈ℝ",
    "NUL\0inside"s,
    "\0leading"s,
    "trailing\0"s,
    "\x01\x02\x1F control \x7F",
    "CJK 日本語 中文 한국어",
    "surrogate-free max \xF4\x8F\xBF\xBF",
    std::string(70000, 'x') + "end",
    "中" + std::string(20000, '\\') + "文",
};

}  // namespace

TEST_CASE("copy keeps hostile text exactly, with NUL bytes stripped and counted" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    db.mysql.exec("CREATE TABLE texts (id INT PRIMARY KEY, t LONGTEXT, v VARCHAR(100), j JSON)");
    std::uint64_t nuls = 0;
    for (std::size_t i = 0; i < kHostile.size(); ++i) {
        const auto& s = kHostile[i];
        nuls += static_cast<std::uint64_t>(std::count(s.begin(), s.end(), '\0'));
        std::string literal = "CONVERT(X'" + hex(s) + "' USING utf8mb4)";
        db.mysql.exec("INSERT INTO texts VALUES (" + std::to_string(i) + ", " + literal + ", LEFT(" + literal +
                      ", 100), JSON_OBJECT('s', " + literal + "))");
    }
    auto result = m2pg::test::copy_all(m2pg::test::copy_options(db));
    REQUIRE(result.finished());
    const auto& t = m2pg::test::table_result(result, "texts");
    CHECK(t.rows_written == kHostile.size());

    for (std::size_t i = 0; i < kHostile.size(); ++i) {
        CAPTURE(i);
        std::string expected = kHostile[i];
        expected.erase(std::remove(expected.begin(), expected.end(), '\0'), expected.end());
        auto id = std::to_string(i);
        CHECK(db.pg.scalar("SELECT upper(encode(convert_to(t, 'UTF8'), 'hex')) FROM texts WHERE id = " + id) ==
              hex(expected));
        CHECK(db.mysql.scalar("SELECT HEX(REPLACE(v, CHAR(0), '')) FROM texts WHERE id = " + id) ==
              db.pg.scalar("SELECT upper(encode(convert_to(v, 'UTF8'), 'hex')) FROM texts WHERE id = " + id));
        // JSON escapes NUL as \u0000, which jsonb rejects: copy removes the escape, keeping the rest.
        CHECK(db.pg.scalar("SELECT upper(encode(convert_to(j->>'s', 'UTF8'), 'hex')) FROM texts WHERE id = " + id) ==
              hex(expected));
    }
    std::uint64_t counted = 0, escapes = 0;
    for (const auto& c : t.columns) {
        if (c.column == "t") counted = c.stats.nuls_stripped;
        if (c.column == "j") escapes = c.stats.json_nul_escapes_stripped;
    }
    CHECK(counted == nuls);
    CHECK(escapes == nuls);
}

TEST_CASE("a million rows copied with --jobs 2 in chunks equal the --jobs 1 copy" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::MysqlScratch mysql;
    mysql.exec("CREATE TABLE big (id INT PRIMARY KEY, name VARCHAR(40), amount DECIMAL(12,2), at DATETIME(3)) "
               "SELECT seq AS id, CONCAT('name-', seq, '-ü') AS name, seq / 100 AS amount, "
               "'2024-01-01' + INTERVAL seq SECOND AS at FROM seq_1_to_1000000");
    mysql.exec("ANALYZE TABLE big");
    const std::string fingerprint =
        "SELECT count(*) || ':' || md5(string_agg(id || '|' || name || '|' || amount || '|' || at, ',' ORDER BY id)) "
        "FROM big";

    std::string results[2];
    int chunks[2] = {0, 0};
    for (int jobs : {1, 2}) {
        m2pg::test::PgScratch pg;
        m2pg::copy::CopyOptions options;
        options.mysql = mysql.dsn();
        options.postgres = pg.dsn();
        options.create_tables = true;
        options.jobs = jobs;
        options.chunk_rows = 100000;
        auto result = m2pg::test::copy_all(options);
        REQUIRE(result.finished());
        CHECK(result.rows_written() == 1000000);
        chunks[jobs - 1] = m2pg::test::table_result(result, "big").chunks;
        results[jobs - 1] = *pg.scalar(fingerprint);
    }
    CHECK(chunks[1] >= 9);  // split by primary-key ranges, ~100000 rows each
    CHECK(results[0] == results[1]);
    CHECK(results[0].rfind("1000000:", 0) == 0);
}

TEST_CASE("a copy that stopped part-way resumes with no row lost or doubled" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    db.mysql.exec("CREATE TABLE items (id INT PRIMARY KEY, label VARCHAR(20) NOT NULL) "
                  "SELECT seq AS id, CONCAT('item ', seq) AS label FROM seq_1_to_50000");
    db.mysql.exec("ANALYZE TABLE items");
    // The target refuses one row in the middle, at row 30000: a domain's CHECK, since copy
    // sets the table's own constraints aside until m2pg index.
    db.pg.exec("CREATE DOMAIN item_label AS varchar(20) CHECK (VALUE <> 'item 30000');"
               "CREATE TABLE items (id integer PRIMARY KEY, label item_label NOT NULL)");
    auto options = m2pg::test::copy_options(db);
    options.jobs = 1;
    options.chunk_rows = 10000;

    // One job copies the chunks in key order: those before the one holding id 30000 commit.
    auto first_plan = m2pg::copy::plan_copy(options);
    const auto& chunks = first_plan.tables.at(0).chunks;
    int failing = 0;
    std::uint64_t rows_before = 0;
    for (; failing < static_cast<int>(chunks.size()); ++failing) {
        const std::string where = " FROM items WHERE " + m2pg::source::mysql::mysql_condition(chunks[failing]);
        if (db.mysql.scalar("SELECT COUNT(*)" + where + " AND id = 30000") == "1") break;
        rows_before += std::stoull(*db.mysql.scalar("SELECT COUNT(*)" + where));
    }
    REQUIRE(failing >= 2);
    REQUIRE(failing + 1 < static_cast<int>(chunks.size()));
    auto first = m2pg::copy::run_copy(options, first_plan);
    CHECK_FALSE(first.finished());
    const auto& failed = m2pg::test::table_result(first, "items");
    CHECK(failed.error.find("MySQL row id=30000") != std::string::npos);
    CHECK(std::stoull(*db.pg.scalar("SELECT count(*) FROM items")) == rows_before);  // the failing chunk rolled back

    // Without --resume the saved state refuses a fresh start.
    CHECK_THROWS_AS(m2pg::copy::plan_copy(options), m2pg::StateError);

    db.pg.exec("ALTER DOMAIN item_label DROP CONSTRAINT item_label_check");
    options.resume = true;
    auto plan = m2pg::copy::plan_copy(options);
    CHECK(plan.chunks_pending() == chunks.size() - static_cast<std::size_t>(failing));
    auto second = m2pg::copy::run_copy(options, plan);
    REQUIRE(second.finished());
    CHECK(m2pg::test::table_result(second, "items").chunks_skipped == failing);
    CHECK(db.pg.scalar("SELECT count(*) || ' ' || count(DISTINCT id) || ' ' || sum(id) FROM items") ==
          "50000 50000 1250025000");
    // Finished: the state is gone, so the next copy starts clean.
    CHECK(db.pg.scalar("SELECT to_regclass('m2pg_state.copy_chunks') IS NULL") == "t");
}

TEST_CASE("copy refuses non-empty target tables and names them" * doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    db.mysql.exec("CREATE TABLE a (id INT PRIMARY KEY); CREATE TABLE b (id INT PRIMARY KEY); INSERT INTO a VALUES (1)");
    db.pg.exec("CREATE TABLE a (id int PRIMARY KEY); CREATE TABLE b (id int PRIMARY KEY); INSERT INTO b VALUES (5)");
    CHECK_THROWS_WITH_AS(m2pg::copy::plan_copy(m2pg::test::copy_options(db)),
                         doctest::Contains("target tables are not empty: b"), m2pg::StateError);
}

TEST_CASE("a second copy into the same target is stopped by the advisory lock" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    db.mysql.exec("CREATE TABLE a (id INT PRIMARY KEY); INSERT INTO a VALUES (1)");
    m2pg::target::postgres::PgConnection other(db.pg.dsn());
    other.execute("SELECT pg_advisory_lock(1832022119)");
    auto options = m2pg::test::copy_options(db);
    auto plan = m2pg::copy::plan_copy(options);
    CHECK_THROWS_WITH_AS(m2pg::copy::run_copy(options, plan), doctest::Contains("another m2pg copy"),
                         m2pg::StateError);
}

TEST_CASE("a column pair without an exact conversion stops the copy before any row moves" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    db.mysql.exec("CREATE TABLE a (id INT PRIMARY KEY, payload BLOB, note TEXT); INSERT INTO a VALUES (1, 'x', 'y')");
    db.pg.exec("CREATE TABLE a (id int PRIMARY KEY, payload integer, note text)");
    db.pg.exec("ALTER TABLE a DROP COLUMN note");
    try {
        m2pg::copy::plan_copy(m2pg::test::copy_options(db));
        FAIL("planned a copy that cannot be exact");
    } catch (const m2pg::ConvertError& e) {
        std::string msg = e.what();
        CHECK(msg.find("a.payload: no exact conversion") != std::string::npos);
        CHECK(msg.find("a.note: the target table a has no such column") != std::string::npos);
    }
    CHECK(db.pg.scalar("SELECT to_regclass('m2pg_state.copy_chunks') IS NULL") == "t");
}

TEST_CASE("tables are matched case-insensitively and tinyint becomes the target's boolean" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    db.mysql.exec("CREATE TABLE Posts (Id INT PRIMARY KEY, IsPinned TINYINT, Kind VARCHAR(5));"
                  "INSERT INTO Posts VALUES (1, 1, 'O'), (2, 0, 'P'), (3, NULL, 'O')");
    db.pg.exec("CREATE TYPE kind AS ENUM ('O', 'P'); CREATE TABLE posts (id int PRIMARY KEY, ispinned boolean, kind kind)");
    auto result = m2pg::test::copy_all(m2pg::test::copy_options(db));
    REQUIRE(result.finished());
    CHECK(db.pg.scalar("SELECT string_agg(id || ':' || coalesce(ispinned::text, 'null') || ':' || kind, ',' ORDER BY id) "
                       "FROM posts") == "1:true:O,2:false:P,3:null:O");

    // A value that is neither 0 nor 1 cannot become a boolean: the copy refuses before the
    // first row, naming the row (tests/integration/copy/target_types_test.cpp has more).
    m2pg::test::Scratch db2;
    db2.mysql.exec("CREATE TABLE flags (id INT PRIMARY KEY, f TINYINT); INSERT INTO flags VALUES (1, 0), (2, 5)");
    db2.pg.exec("CREATE TABLE flags (id int PRIMARY KEY, f boolean)");
    try {
        m2pg::copy::plan_copy(m2pg::test::copy_options(db2));
        FAIL("planned 5 into boolean");
    } catch (const m2pg::ConvertError& e) {
        CHECK(std::string(e.what()).find("flags.f: 1 row holds a value other than 0 and 1, which boolean cannot hold: "
                                         "'5' (1 row); rows id=2") != std::string::npos);
    }
}

TEST_CASE("large values are compressed with lz4 unless pglz or the server's own default is asked for" *
          doctest::skip(m2pg::test::skip_servers())) {
    // REPEAT compresses well, so Postgres stores it compressed: pg_column_compression says how.
    const std::string create = "CREATE TABLE docs (id INT PRIMARY KEY, body LONGTEXT); "
                               "INSERT INTO docs VALUES (1, REPEAT('compress me ', 2000))";
    const std::pair<std::string, std::string> cases[] = {{"lz4", "lz4"}, {"pglz", "pglz"}, {"server", "pglz"}};
    for (const auto& [wanted, stored] : cases) {
        CAPTURE(wanted);
        m2pg::test::Scratch db;
        db.mysql.exec(create);
        if (wanted == "pglz") db.pg.exec("ALTER DATABASE " + db.pg.name() + " SET default_toast_compression = lz4");
        auto options = m2pg::test::copy_options(db);
        options.toast_compression = wanted;
        REQUIRE(m2pg::test::copy_all(options).finished());
        CHECK(db.pg.scalar("SELECT pg_column_compression(body) FROM docs") == stored);
        // Only the copy's sessions: the column keeps no method of its own, so the
        // application's later writes use the server's default.
        CHECK(db.pg.scalar("SELECT attcompression = '' FROM pg_attribute "
                           "WHERE attrelid = 'docs'::regclass AND attname = 'body'") == "t");
        CHECK(db.pg.scalar("SELECT md5(body) FROM docs") == db.mysql.scalar("SELECT MD5(body) FROM docs"));
    }

    // A method the server lacks is not an error: the copy uses the server's default and says so.
    m2pg::test::Scratch db;
    db.mysql.exec(create);
    auto options = m2pg::test::copy_options(db);
    options.toast_compression = "zstd";  // not in PostgreSQL 15
    auto plan = m2pg::copy::plan_copy(options);
    CHECK(plan.toast_compression.empty());
    CHECK(std::any_of(plan.notes.begin(), plan.notes.end(), [](const std::string& note) {
        return note.find("cannot compress large values with zstd") != std::string::npos;
    }));
    REQUIRE(m2pg::copy::run_copy(options, plan).finished());
    CHECK(db.pg.scalar("SELECT pg_column_compression(body) FROM docs") == "pglz");
}

TEST_CASE("a connection lost mid-chunk is retried on new sessions, nothing doubled, and the retry is reported" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    db.mysql.exec("CREATE TABLE items (id INT PRIMARY KEY, label VARCHAR(20) NOT NULL) "
                  "SELECT seq AS id, CONCAT('item ', seq) AS label FROM seq_1_to_30000");
    db.mysql.exec("ANALYZE TABLE items");
    // The server drops the copying session once, at row 15000 (in chunk 1): a sequence is
    // not rolled back with the chunk, so the second attempt goes through.
    db.pg.exec("CREATE TABLE items (id integer, label varchar(20) NOT NULL);"
               "CREATE SEQUENCE drops;"
               "CREATE FUNCTION drop_once() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
               "  IF nextval('drops') = 1 THEN PERFORM pg_terminate_backend(pg_backend_pid()); END IF; "
               "  RETURN NEW; END $$;"
               "CREATE TRIGGER drop_once BEFORE INSERT ON items FOR EACH ROW WHEN (NEW.id = 15000) "
               "EXECUTE FUNCTION drop_once();"
               // Fires under session_replication_role = replica too (a superuser's copy).
               "ALTER TABLE items ENABLE ALWAYS TRIGGER drop_once");
    auto options = m2pg::test::copy_options(db);
    options.jobs = 1;
    options.chunk_rows = 10000;
    auto result = m2pg::test::copy_all(options);
    REQUIRE(result.finished());
    CHECK(db.pg.scalar("SELECT count(*) || ' ' || count(DISTINCT id) || ' ' || sum(id) FROM items") ==
          "30000 30000 450015000");
    REQUIRE(result.retries.size() == 1);
    CHECK(result.retries[0].find("items chunk 1 (attempt 2)") == 0);
    CHECK(m2pg::copy::format_summary(result).find("retried after a lost connection") != std::string::npos);
}

TEST_CASE("a row a trigger of the target rejects fails only its table, naming the MySQL row" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    db.mysql.exec("CREATE TABLE guarded (id INT PRIMARY KEY, v INT); INSERT INTO guarded VALUES (1, 1), (2, -5), (3, 3);"
                  "CREATE TABLE plain (id INT PRIMARY KEY); INSERT INTO plain VALUES (1), (2)");
    db.pg.exec("CREATE TABLE guarded (id integer, v integer); CREATE TABLE plain (id integer);"
               "CREATE FUNCTION no_negatives() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
               "  IF NEW.v < 0 THEN RAISE EXCEPTION 'negative v %', NEW.v; END IF; RETURN NEW; END $$;"
               "CREATE TRIGGER no_negatives BEFORE INSERT ON guarded FOR EACH ROW EXECUTE FUNCTION no_negatives();"
               "ALTER TABLE guarded ENABLE ALWAYS TRIGGER no_negatives");
    auto result = m2pg::test::copy_all(m2pg::test::copy_options(db));
    CHECK_FALSE(result.finished());
    const auto& guarded = m2pg::test::table_result(result, "guarded");
    CHECK(guarded.error.find("negative v -5") != std::string::npos);
    CHECK(guarded.error.find("MySQL row id=2") != std::string::npos);
    CHECK(m2pg::test::table_result(result, "plain").error.empty());
    CHECK(db.pg.scalar("SELECT count(*) FROM plain") == "2");
    CHECK(db.pg.scalar("SELECT count(*) FROM guarded") == "0");
}

TEST_CASE("a row Postgres refuses is named by its own key where a secondary index orders the keys otherwise" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    // A SELECT of the key alone is served from the index on k (it holds the key), in k's
    // order: the 700th key by k is id 301, not the 700th row copy read.
    db.mysql.exec("CREATE TABLE t (id INT PRIMARY KEY, k INT NOT NULL, s VARCHAR(10), KEY (k));"
                  "INSERT INTO t SELECT seq, 1001 - seq, 'x' FROM seq_1_to_1000; UPDATE t SET s = 'too long' WHERE id = 700");
    REQUIRE(db.mysql.scalar("SELECT id FROM t LIMIT 1 OFFSET 699") != "700");
    db.pg.exec("CREATE TABLE t (id integer PRIMARY KEY, k integer, s varchar(1))");
    auto result = m2pg::test::copy_all(m2pg::test::copy_options(db));
    CHECK_FALSE(result.finished());
    const auto error = m2pg::test::table_result(result, "t").error;
    CAPTURE(error);
    CHECK(error.find("MySQL row id=700:") != std::string::npos);
}

TEST_CASE("copy keeps the '' MySQL stores for an invalid enum value outside strict mode" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    db.mysql.exec("CREATE TABLE e (id INT PRIMARY KEY, kind ENUM('a','b') NOT NULL, maybe ENUM('','x'))");
    // Non-strict: 'nope' is stored as '' (index 0), a value no member spells.
    db.mysql.exec("SET SESSION sql_mode = ''; INSERT INTO e VALUES (1, 'a', 'x'), (2, 'nope', ''), (3, 'b', 'bad'), "
                  "(4, 'b', NULL)");
    REQUIRE(db.mysql.scalar("SELECT COUNT(*) FROM e WHERE kind = 0") == "1");
    auto result = m2pg::test::copy_all(m2pg::test::copy_options(db));
    REQUIRE(result.finished());
    CHECK(db.pg.query("SELECT id::text, kind, coalesce(maybe, 'NULL') FROM e ORDER BY id") ==
          std::vector<m2pg::test::Row>{{"1", "a", "x"}, {"2", "", ""}, {"3", "b", ""}, {"4", "b", "NULL"}});
    // The CHECK still refuses a value MySQL would not store.
    CHECK_THROWS(db.pg.exec("INSERT INTO e VALUES (5, 'c', NULL)"));
}
