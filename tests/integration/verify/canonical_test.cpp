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
