#include <doctest/doctest.h>

#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "verify/canonical.hpp"
#include "verify/checksum.hpp"
#include "verify/jsonb_text.hpp"
#include "verify_support.hpp"

// The heart of verify: for every column type, the MySQL and the Postgres canonical
// expressions render every copied value byte for byte alike, so equal rows hash alike.
namespace {

using m2pg::test::Paired;
using m2pg::test::Scratch;

using Values = std::vector<std::optional<std::string>>;

std::string show(const std::optional<std::string>& v) { return v ? "'" + *v + "'" : "NULL"; }

Values mysql_column(Paired& p, const std::string& table, const std::string& expr) {
    Values out;
    for (const auto& r : p.mysql.query("SELECT " + expr + " FROM `" + table + "` ORDER BY `" + table + "`.id").rows) out.push_back(r[0]);
    return out;
}

Values pg_column(Paired& p, const std::string& table, const std::string& expr) {
    Values out;
    for (const auto& r : p.pg.query("SELECT " + expr + " FROM " + table + " ORDER BY " + table + ".id")) out.push_back(r[0]);
    return out;
}

// Checks every column's text and hash expressions, then the whole row digests.
void check_table(Paired& p, const std::string& table, std::size_t rows) {
    const auto pair = p.pair(table);
    const auto canon = m2pg::verify::canonical_table(pair);
    for (const auto& c : canon.columns) {
        CAPTURE(c.column);
        auto mysql = mysql_column(p, table, c.mysql_text);
        auto pg = pg_column(p, table, c.pg_text);
        REQUIRE(mysql.size() == rows);
        REQUIRE(pg.size() == rows);
        for (std::size_t i = 0; i < rows; ++i) {
            CAPTURE(i);
            if (c.client_side) {
                REQUIRE(mysql[i].has_value() == pg[i].has_value());
                if (mysql[i]) CHECK(m2pg::verify::jsonb_text(*mysql[i]) == pg[i]);
            } else {
                CHECK(show(mysql[i]) == show(pg[i]));
            }
        }
        if (!c.client_side) CHECK(mysql_column(p, table, c.mysql_hash) == pg_column(p, table, c.pg_hash));
    }
    m2pg::verify::RowSet all{"`" + table + "`", table, "", ""};
    auto mysql_rows = m2pg::verify::mysql_row_hashes(p.mysql, canon, all);
    auto pg_rows = m2pg::verify::pg_row_hashes(p.pg, canon, all);
    CHECK(mysql_rows.size() == rows);
    CHECK(mysql_rows == pg_rows);
    CHECK(m2pg::verify::mysql_checksum(p.mysql, canon, all) == m2pg::verify::pg_checksum(p.pg, canon, all));
}

std::string hex(const std::string& s) {
    static const char* digits = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

}  // namespace

TEST_CASE("every MySQL type renders identically on both servers after copy, value by value" *
          doctest::skip(m2pg::test::skip_servers())) {
    Scratch db;
    db.mysql.exec("CREATE TABLE parent (id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, name VARCHAR(50))");
    db.mysql.exec(m2pg::test::read_fixture("every_type.sql"));
    db.mysql.exec(m2pg::test::read_fixture("every_type_rows.sql"));
    // More rows with JSON whose jsonb text differs from MySQL's: key order, duplicates,
    // number forms, escapes, \u0000.
    db.mysql.exec(
        "INSERT INTO every_type (id, c_varchar, c_json, c_point, c_float, c_double, c_decimal, c_time6, c_bit12) VALUES "
        "(10, 'j1', '{\"bb\": 1, \"a\": [1.50, 1e2, -0], \"a\": \"dup\", \"u\": \"\\\\u00e9\\\\n\\\\u0000x\"}', "
        "ST_GeomFromText('POINT(0 0)'), 1e-7, -1.5e-300, 0.5, '-00:00:00.000001', b'0'),"
        "(11, 'j2', '\"just a string\"', ST_GeomFromText('POINT(0 0)'), 3.4e38, 123456789012345678, 100, "
        "'00:00:00', b'100000000000')");
    auto result = m2pg::test::copy_all(m2pg::test::copy_options(db));
    for (const auto& t : result.tables) CHECK_MESSAGE(t.error.empty(), t.table << ": " << t.error);
    REQUIRE(result.finished());
    Paired p(db);
    check_table(p, "every_type", 5);
    check_table(p, "parent", 2);
}

TEST_CASE("hostile text and JSON render identically on both servers after copy" *
          doctest::skip(m2pg::test::skip_servers())) {
    using namespace std::string_literals;
    const std::vector<std::string> hostile = {
        "", " ", "trailing  ", "\\", "\\\\N", "\\N", "\\.", "a\tb\nc\rd", "'; DROP TABLE users; --",
        "\"quoted\" and 'single'", "emoji 🐘🦭👩‍👩‍👧‍👦 flags 🇩🇪", "RTL: مرحبا بالعالم שלום",
        "combining: e\xCC\x81 a\xCC\x8A", "NUL\0inside"s, "\0leading"s, "trailing\0"s, "\x01\x02\x1F control \x7F",
        "1:N", "N", std::string(70000, 'x') + "end", "中" + std::string(20000, '\\') + "文"};
    Scratch db;
    db.mysql.exec("CREATE TABLE texts (id INT PRIMARY KEY, t LONGTEXT, v VARCHAR(100), j JSON, "
                  "l VARCHAR(40) CHARACTER SET latin1, c CHAR(12), b MEDIUMBLOB)");
    for (std::size_t i = 0; i < hostile.size(); ++i) {
        const std::string literal = "CONVERT(X'" + hex(hostile[i]) + "' USING utf8mb4)";
        db.mysql.exec("INSERT INTO texts VALUES (" + std::to_string(i) + ", " + literal + ", LEFT(" + literal +
                      ", 100), JSON_OBJECT('s', " + literal + ", 'n', " + std::to_string(i) + "), 'crème brûlée', LEFT(" +
                      literal + ", 12), X'" + hex(hostile[i]) + "')");
    }
    auto result = m2pg::test::copy_all(m2pg::test::copy_options(db));
    for (const auto& t : result.tables) CHECK_MESSAGE(t.error.empty(), t.table << ": " << t.error);
    REQUIRE(result.finished());
    Paired p(db);
    check_table(p, "texts", hostile.size());
}

TEST_CASE("doubles and floats of every magnitude render the same digits and exponent on both servers" *
          doctest::skip(m2pg::test::skip_servers())) {
    Scratch db;
    db.mysql.exec("CREATE TABLE floats (id INT PRIMARY KEY, d DOUBLE, f FLOAT)");
    std::vector<double> doubles = {0.0, -0.0, 1, -1, 0.1, 1.0 / 3, 1e14, 1e15, 1e16, 123456789012345678.0, 1e-4,
                                   1e-5, 1e-7, 1e21, 1.7976931348623157e308, 5e-324, 2.2250738585072014e-308,
                                   1234567890123456.8, 100, 2.5, -1.25e-30};
    // Deterministic bit patterns across the whole range (xorshift), NaN and infinity left out.
    std::uint64_t x = 0x9E3779B97F4A7C15ull;
    while (doubles.size() < 1500) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        double d;
        std::memcpy(&d, &x, sizeof d);
        if (std::isfinite(d)) doubles.push_back(d);
    }
    std::string insert;
    for (std::size_t i = 0; i < doubles.size(); ++i) {
        float f;
        const auto bits = static_cast<std::uint32_t>(x >> 17) ^ static_cast<std::uint32_t>(i * 2654435761u);
        std::memcpy(&f, &bits, sizeof f);
        if (!std::isfinite(f)) f = 1.5f;
        char row[128];
        std::snprintf(row, sizeof row, "(%zu, %.17g, %.9g)", i, doubles[i], static_cast<double>(f));
        insert += (insert.empty() ? "" : ",") + std::string(row);
        x = x * 6364136223846793005ull + 1442695040888963407ull;
    }
    db.mysql.exec("INSERT INTO floats VALUES " + insert);
    auto result = m2pg::test::copy_all(m2pg::test::copy_options(db));
    REQUIRE(result.finished());
    Paired p(db);
    check_table(p, "floats", doubles.size());
}

// The canonical SQL itself, without copy in between: each column pair gets the same values
// written by hand on each server (as copy writes them), and a near miss on the Postgres
// side — one a wrong rule would let pass — must render differently.
namespace {

struct TypeCase {
    const char* mysql_type;
    const char* pg_type;
    const char* mysql_values[2];  // SQL literals for rows 1 and 2 (row 3 is NULL everywhere)
    const char* pg_values[2];
    const char* pg_near_miss;  // replaces row 1's value in Postgres: must not compare equal
};

const TypeCase kTypeCases[] = {
    {"INT", "numeric(20,2)", {"42", "-7"}, {"42.00", "-7"}, "42.01"},
    {"BIGINT UNSIGNED", "numeric(20,0)", {"18446744073709551615", "0"}, {"18446744073709551615", "0"},
     "18446744073709551614"},
    {"SMALLINT", "smallint", {"-32768", "5"}, {"-32768", "5"}, "6"},
    {"TINYINT(1)", "boolean", {"1", "0"}, {"true", "false"}, "false"},
    {"YEAR", "smallint", {"2155", "1901"}, {"2155", "1901"}, "2154"},
    {"DECIMAL(12,4)", "numeric", {"1.5000", "-0.0100"}, {"1.5", "-0.01"}, "1.5001"},
    {"DECIMAL(65,30)", "numeric(65,30)", {"'99999999999999999999999999999999999.999999999999999999999999999999'", "0"},
     {"99999999999999999999999999999999999.999999999999999999999999999999", "0"},
     "99999999999999999999999999999999999.999999999999999999999999999998"},
    {"FLOAT", "real", {"0.1", "-3.4e38"}, {"0.1", "-3.4e38"}, "0.10000001"},
    {"INT", "real", {"16777217", "-1"}, {"16777217", "-1"}, "16777218"},
    {"DOUBLE", "double precision", {"1.7976931348623157e308", "-5e-324"}, {"1.7976931348623157e308", "-5e-324"},
     "1.7976931348623155e308"},
    {"DOUBLE", "double precision", {"3.172230058817275e16", "-0.0"}, {"3.172230058817275e16", "0"},
     "3.1722300588172756e16"},
    {"VARCHAR(50)", "text", {"'Zoë 🐘 مرحبا'", "''"}, {"'Zoë 🐘 مرحبا'", "''"}, "'Zoe 🐘 مرحبا'"},
    {"VARCHAR(50)", "character varying(50)", {"'trailing '", "'ℵ'"}, {"'trailing '", "'ℵ'"}, "'trailing'"},
    {"LONGTEXT", "text", {"CONCAT('nul', CHAR(0), 'gone')", "'\\\\N'"}, {"'nulgone'", "'\\N'"}, "'nul gone'"},
    {"CHAR(10)", "character(10)", {"'ab'", "''"}, {"'ab'", "''"}, "'ab_'"},
    {"VARCHAR(20) CHARACTER SET latin1", "text", {"'crème brûlée'", "'x'"}, {"'crème brûlée'", "'x'"},
     "'creme brulee'"},
    {"JSON", "jsonb", {"'{\"b\": 1, \"a\": [1.50, \"é\", null], \"b\": 2}'", "'\"s\"'"},
     {"'{\"b\": 1, \"a\": [1.50, \"é\", null], \"b\": 2}'", "'\"s\"'"}, "'{\"a\": [1.5, \"é\", null], \"b\": 2}'"},
    {"VARBINARY(20)", "bytea", {"X'00FF5C0A'", "X''"}, {"'\\x00ff5c0a'", "'\\x'"}, "'\\x00ff5c0b'"},
    {"TEXT", "bytea", {"'é'", "'a'"}, {"'\\xc3a9'", "'\\x61'"}, "'\\xe9'"},
    {"DATE", "date", {"'2024-02-29'", "'0000-00-00'"}, {"'2024-02-29'", "NULL"}, "'2024-02-28'"},
    {"DATE", "date", {"'0001-01-01'", "'9999-12-31'"}, {"'0001-01-01'", "'9999-12-31'"}, "'0001-01-01 BC'"},
    {"DATETIME(6)", "timestamp(6) without time zone", {"'1000-01-01 00:00:00.000001'", "'2024-01-00 10:00:00'"},
     {"'1000-01-01 00:00:00.000001'", "NULL"}, "'1000-01-01 00:00:00.000002'"},
    {"TIMESTAMP(3) NULL", "timestamp(3) with time zone", {"'2038-01-19 03:14:07.999'", "'1970-01-01 00:00:01'"},
     {"'2038-01-19 03:14:07.999+00'", "'1970-01-01 01:00:01+01'"}, "'2038-01-19 03:14:07.999+01'"},
    {"TIME(6)", "interval", {"'-838:59:59.000000'", "'00:00:00.000001'"}, {"'-838:59:59'", "'00:00:00.000001'"},
     "'-838:59:58'"},
    {"TIME", "time without time zone", {"'23:59:59'", "'00:00:00'"}, {"'23:59:59'", "'00:00:00'"}, "'23:59:58'"},
    {"BIT(12)", "bit varying(12)", {"b'101'", "b'111111111111'"}, {"B'000000000101'", "B'111111111111'"}, "B'101'"},
    {"BIT(1)", "boolean", {"b'1'", "b'0'"}, {"true", "false"}, "false"},
    {"ENUM('a','b c','')", "text", {"'b c'", "''"}, {"'b c'", "''"}, "'b'"},
    {"SET('p','Q','r s')", "text[]", {"'p,Q'", "''"}, {"'{p,Q}'", "'{}'"}, "'{Q,p}'"},
    {"SET('p','Q','r s')", "text[]", {"'r s'", "'p'"}, {"'{\"r s\"}'", "'{p}'"}, "'{\"r s\",\"\"}'"},
    {"UUID", "uuid", {"'ffffffff-ffff-ffff-ffff-fffffffffffe'", "'00000000-0000-0000-0000-000000000000'"},
     {"'ffffffff-ffff-ffff-ffff-fffffffffffe'", "'00000000-0000-0000-0000-000000000000'"},
     "'ffffffff-ffff-ffff-ffff-ffffffffffff'"},
    {"INET6", "inet", {"'::ffff:192.168.0.1'", "'2001:db8::1'"}, {"'::ffff:192.168.0.1/128'", "'2001:db8::1'"},
     "'::ffff:192.168.0.1/96'"},
};

std::string column_name(std::size_t i) { return "c" + std::to_string(i); }

// The canonical text of row `id` of one column on each server (JSON: jsonb's text of
// MySQL's document, as verify computes it client-side).
std::pair<std::string, std::string> texts_of(Paired& p, const m2pg::verify::ColumnCanon& c, int id) {
    const std::string where = " WHERE id = " + std::to_string(id);
    const auto mysql = p.mysql.scalar("SELECT " + c.mysql_text + " FROM `kinds`" + where);
    const auto pg = p.pg.scalar("SELECT " + c.pg_text + " FROM kinds" + where);
    return {show(c.client_side && mysql ? std::optional<std::string>(m2pg::verify::jsonb_text(*mysql)) : mysql),
            show(pg)};
}

}  // namespace

TEST_CASE("canonical SQL renders the same value alike on both servers and a near miss differently, type by type" *
          doctest::skip(m2pg::test::skip_servers())) {
    Scratch db;
    std::string mysql_table = "CREATE TABLE kinds (id INT PRIMARY KEY", pg_table = "CREATE TABLE kinds (id integer PRIMARY KEY";
    std::string mysql_rows[2] = {"1", "2"}, pg_rows[2] = {"1", "2"};
    for (std::size_t i = 0; i < std::size(kTypeCases); ++i) {
        const auto& t = kTypeCases[i];
        mysql_table += ", " + column_name(i) + " " + t.mysql_type;
        pg_table += ", " + column_name(i) + " " + t.pg_type;
        for (int r = 0; r < 2; ++r) {
            mysql_rows[r] += std::string(", ") + t.mysql_values[r];
            pg_rows[r] += std::string(", ") + t.pg_values[r];
        }
    }
    db.mysql.exec(mysql_table + ")");
    db.pg.exec(pg_table + ")");
    db.mysql.exec("SET SESSION sql_mode = ''; SET time_zone = '+00:00'; INSERT INTO kinds VALUES (" + mysql_rows[0] +
                  "), (" + mysql_rows[1] + "); INSERT INTO kinds (id) VALUES (3)");
    db.pg.exec("INSERT INTO kinds VALUES (" + pg_rows[0] + "), (" + pg_rows[1] + "); INSERT INTO kinds (id) VALUES (3)");

    Paired p(db);
    const auto pair = p.pair("kinds");
    const auto canon = m2pg::verify::canonical_table(pair);
    REQUIRE(canon.columns.size() == std::size(kTypeCases) + 1);
    check_table(p, "kinds", 3);  // every column's text and hash, every row digest, the checksum

    const m2pg::verify::RowSet all{"`kinds`", "kinds", "", ""};
    const auto mysql_rows_hashed = m2pg::verify::mysql_row_hashes(p.mysql, canon, all);
    for (std::size_t i = 0; i < std::size(kTypeCases); ++i) {
        const auto& t = kTypeCases[i];
        const auto& c = canon.columns[i + 1];
        CAPTURE(t.mysql_type);
        CAPTURE(t.pg_type);
        CAPTURE(t.pg_near_miss);
        const std::string set = "UPDATE kinds SET " + column_name(i) + " = ";
        p.pg.execute(set + t.pg_near_miss + " WHERE id = 1");
        const auto [mysql, pg] = texts_of(p, c, 1);
        CHECK(mysql != pg);
        CHECK(m2pg::verify::pg_row_hashes(p.pg, canon, all) != mysql_rows_hashed);
        CHECK_FALSE(m2pg::verify::mysql_checksum(p.mysql, canon, all) == m2pg::verify::pg_checksum(p.pg, canon, all));
        p.pg.execute(set + t.pg_values[0] + " WHERE id = 1");
        const auto [mysql_again, pg_again] = texts_of(p, c, 1);
        CHECK(mysql_again == pg_again);
    }
    CHECK(m2pg::verify::pg_row_hashes(p.pg, canon, all) == mysql_rows_hashed);
}

TEST_CASE("the servers' field and row texts are the length-prefixed text append_field writes" *
          doctest::skip(m2pg::test::skip_servers())) {
    using namespace std::string_literals;
    Scratch db;
    db.mysql.exec("CREATE TABLE f (id INT PRIMARY KEY, v VARCHAR(20))");
    db.pg.exec("CREATE TABLE f (id integer PRIMARY KEY, v varchar(20))");
    const std::vector<std::optional<std::string>> values = {std::nullopt, "", "N", "1:N", "é🐘", "a b"};
    for (std::size_t i = 0; i < values.size(); ++i) {
        const std::string literal = values[i] ? "'" + *values[i] + "'" : "NULL";
        db.mysql.exec("INSERT INTO f VALUES (" + std::to_string(i) + ", " + literal + ")");
        db.pg.exec("INSERT INTO f VALUES (" + std::to_string(i) + ", " + literal + ")");
    }
    Paired p(db);
    const auto canon = m2pg::verify::canonical_table(p.pair("f"));
    for (std::size_t i = 0; i < values.size(); ++i) {
        CAPTURE(i);
        std::string expected;
        m2pg::verify::append_field(values[i] ? values[i]->data() : nullptr, values[i] ? values[i]->size() : 0, expected);
        const std::string where = " FROM f WHERE id = " + std::to_string(i);
        CHECK(p.mysql.scalar("SELECT " + m2pg::verify::mysql_field("v") + where) == expected);
        CHECK(p.pg.scalar("SELECT " + m2pg::verify::pg_field("v") + where) == expected);
        // The key text is the key's field; the row text is every column's field, in order.
        std::string key;
        const std::string id = std::to_string(i);
        m2pg::verify::append_field(id.data(), id.size(), key);
        CHECK(p.mysql.scalar("SELECT " + m2pg::verify::mysql_key_text(canon) + " FROM `f` WHERE id = " + id) == key);
        CHECK(p.pg.scalar("SELECT " + m2pg::verify::pg_key_text(canon) + " FROM f WHERE id = " + id) == key);
        CHECK(m2pg::verify::display_key(key, {"id"}) == "id=" + id);
        const auto mysql_row = p.mysql.scalar("SELECT " + m2pg::verify::mysql_row_text(canon) + " FROM `f` WHERE id = " + id);
        const auto pg_row = p.pg.scalar("SELECT " + m2pg::verify::pg_row_text(canon) + " FROM f WHERE id = " + id);
        CHECK(mysql_row == pg_row);
        REQUIRE(mysql_row.has_value());
        CHECK(mysql_row->rfind(key, 0) == 0);  // the id's field first
    }
}
