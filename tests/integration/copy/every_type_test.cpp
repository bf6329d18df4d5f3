#include <doctest/doctest.h>

#include <cstring>

#include "support/copy_support.hpp"

// Copies the every-type table with edge values and compares every value back exactly,
// column by column: each pair of expressions renders the same value the same way on
// both servers (MySQL's NUL-stripped, zero-date-nulled form, which is what copy promises).
namespace {

struct Probe {
    const char* column;
    const char* mysql;  // over the MySQL row
    const char* pg;     // over the Postgres row
    bool numeric = false;  // compare as doubles (float text differs in exponent style only)
};

const Probe kProbes[] = {
    {"parent_id", "CAST(parent_id AS CHAR)", "parent_id::text"},
    {"c_bool", "CASE c_bool WHEN 1 THEN 't' WHEN 0 THEN 'f' END", "CASE c_bool WHEN true THEN 't' WHEN false THEN 'f' END"},
    {"c_tinyint", "CAST(c_tinyint AS CHAR)", "c_tinyint::text"},
    {"c_tinyint_u", "CAST(c_tinyint_u AS CHAR)", "c_tinyint_u::text"},
    {"c_smallint", "CAST(c_smallint AS CHAR)", "c_smallint::text"},
    {"c_smallint_u", "CAST(c_smallint_u AS CHAR)", "c_smallint_u::text"},
    {"c_mediumint", "CAST(c_mediumint AS CHAR)", "c_mediumint::text"},
    {"c_mediumint_u", "CAST(c_mediumint_u AS CHAR)", "c_mediumint_u::text"},
    {"c_int", "CAST(c_int AS CHAR)", "c_int::text"},
    {"c_int_u", "CAST(c_int_u + 0 AS CHAR)", "c_int_u::text"},
    {"c_bigint", "CAST(c_bigint AS CHAR)", "c_bigint::text"},
    {"c_decimal", "CAST(c_decimal AS CHAR)", "c_decimal::text"},
    {"c_float", "CAST(CAST(c_float AS DOUBLE) AS CHAR)", "c_float::float8::text", true},
    {"c_double", "CAST(c_double AS CHAR)", "c_double::text", true},
    {"c_char", "HEX(c_char)", "upper(encode(convert_to(c_char, 'UTF8'), 'hex'))"},
    {"c_varchar", "HEX(c_varchar)", "upper(encode(convert_to(c_varchar, 'UTF8'), 'hex'))"},
    {"c_tinytext", "HEX(c_tinytext)", "upper(encode(convert_to(c_tinytext, 'UTF8'), 'hex'))"},
    {"c_text", "HEX(c_text)", "upper(encode(convert_to(c_text, 'UTF8'), 'hex'))"},
    {"c_mediumtext", "HEX(REPLACE(c_mediumtext, CHAR(0), ''))", "upper(encode(convert_to(c_mediumtext, 'UTF8'), 'hex'))"},
    {"c_longtext", "MD5(c_longtext)", "md5(c_longtext)"},
    {"c_binary", "HEX(c_binary)", "upper(encode(c_binary, 'hex'))"},
    {"c_varbinary", "HEX(c_varbinary)", "upper(encode(c_varbinary, 'hex'))"},
    {"c_tinyblob", "HEX(c_tinyblob)", "upper(encode(c_tinyblob, 'hex'))"},
    {"c_blob", "HEX(c_blob)", "upper(encode(c_blob, 'hex'))"},
    {"c_mediumblob", "HEX(c_mediumblob)", "upper(encode(c_mediumblob, 'hex'))"},
    {"c_longblob", "HEX(c_longblob)", "upper(encode(c_longblob, 'hex'))"},
    {"c_date", "IF(YEAR(c_date) = 0 OR MONTH(c_date) = 0 OR DAY(c_date) = 0, NULL, DATE_FORMAT(c_date, '%Y-%m-%d'))",
     "to_char(c_date, 'YYYY-MM-DD')"},
    {"c_datetime",
     "IF(YEAR(c_datetime) = 0 OR MONTH(c_datetime) = 0 OR DAY(c_datetime) = 0, NULL, "
     "DATE_FORMAT(c_datetime, '%Y-%m-%d %H:%i:%s'))",
     "to_char(c_datetime, 'YYYY-MM-DD HH24:MI:SS')"},
    {"c_datetime6",
     "IF(YEAR(c_datetime6) = 0 OR MONTH(c_datetime6) = 0 OR DAY(c_datetime6) = 0, NULL, "
     "DATE_FORMAT(c_datetime6, '%Y-%m-%d %H:%i:%s.%f'))",
     "to_char(c_datetime6, 'YYYY-MM-DD HH24:MI:SS.US')"},
    {"c_timestamp", "IF(UNIX_TIMESTAMP(c_timestamp) = 0, NULL, DATE_FORMAT(c_timestamp, '%Y-%m-%d %H:%i:%s'))",
     "to_char(c_timestamp AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')"},
    {"c_timestamp3", "IF(UNIX_TIMESTAMP(c_timestamp3) = 0, NULL, DATE_FORMAT(c_timestamp3, '%Y-%m-%d %H:%i:%s.%f'))",
     "to_char(c_timestamp3 AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')"},
    {"c_time", "CAST(TIME_TO_SEC(c_time) AS CHAR)", "extract(epoch FROM c_time)::text", true},
    {"c_time6", "CAST(TIME_TO_SEC(c_time6) AS CHAR)", "extract(epoch FROM c_time6)::text", true},
    {"c_year", "CAST(c_year AS CHAR)", "c_year::text"},
    {"c_bit1", "CAST(c_bit1 + 0 AS CHAR)", "CASE c_bit1 WHEN true THEN '1' WHEN false THEN '0' END"},
    {"c_bit12", "LPAD(BIN(c_bit12), 12, '0')", "c_bit12::text"},
    {"c_enum", "HEX(c_enum)", "upper(encode(convert_to(c_enum, 'UTF8'), 'hex'))"},
    {"c_set", "REPLACE(c_set, ',', '|')", "array_to_string(c_set, '|')"},
    {"c_geometry", "HEX(ST_AsBinary(c_geometry))", "upper(encode(c_geometry, 'hex'))"},
    {"c_point", "HEX(ST_AsBinary(c_point))", "upper(encode(c_point, 'hex'))"},
    {"c_linestring", "HEX(ST_AsBinary(c_linestring))", "upper(encode(c_linestring, 'hex'))"},
    {"c_polygon", "HEX(ST_AsBinary(c_polygon))", "upper(encode(c_polygon, 'hex'))"},
    {"c_multipoint", "HEX(ST_AsBinary(c_multipoint))", "upper(encode(c_multipoint, 'hex'))"},
    {"c_multilinestring", "HEX(ST_AsBinary(c_multilinestring))", "upper(encode(c_multilinestring, 'hex'))"},
    {"c_multipolygon", "HEX(ST_AsBinary(c_multipolygon))", "upper(encode(c_multipolygon, 'hex'))"},
    {"c_geometrycollection", "HEX(ST_AsBinary(c_geometrycollection))", "upper(encode(c_geometrycollection, 'hex'))"},
    {"c_uuid", "CAST(c_uuid AS CHAR)", "c_uuid::text"},
    {"c_inet6", "CAST(c_inet6 AS CHAR)", "host(c_inet6)"},
    {"c_stored", "CAST(c_stored AS CHAR)", "c_stored::text"},
    {"c_virtual", "HEX(c_virtual)", "upper(encode(convert_to(c_virtual, 'UTF8'), 'hex'))"},
    {"c_latin1", "HEX(CONVERT(c_latin1 USING utf8mb4))", "upper(encode(convert_to(c_latin1, 'UTF8'), 'hex'))"},
};

using Values = std::vector<std::optional<std::string>>;

Values column_values(const m2pg::test::Scratch& db, const Probe& p, bool mysql) {
    Values out;
    if (mysql) {
        for (const auto& r : db.mysql.query(std::string("SET time_zone = '+00:00'; SELECT ") + p.mysql +
                                            " FROM every_type ORDER BY id"))
            out.push_back(r[0]);
    } else {
        for (const auto& r : db.pg.query(std::string("SELECT ") + p.pg + " FROM every_type ORDER BY id"))
            out.push_back(r[0]);
    }
    return out;
}

}  // namespace

TEST_CASE("copy keeps every value of every MySQL type exactly, column by column" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    db.mysql.exec("CREATE TABLE parent (id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, name VARCHAR(50))");
    db.mysql.exec(m2pg::test::read_fixture("every_type.sql"));
    db.mysql.exec(m2pg::test::read_fixture("every_type_rows.sql"));

    auto result = m2pg::test::copy_all(m2pg::test::copy_options(db));
    for (const auto& t : result.tables) CHECK_MESSAGE(t.error.empty(), t.table << ": " << t.error);
    REQUIRE(result.finished());
    const auto& t = m2pg::test::table_result(result, "every_type");
    CHECK(t.rows_written == 3);

    // Ids first: numeric(20) keeps 2^64-1, so the rows line up by id on both sides.
    auto ids = db.pg.query("SELECT string_agg(id::text, ',' ORDER BY id) FROM every_type");
    CHECK(ids[0][0] == "1,2,18446744073709551615");
    for (const auto& probe : kProbes) {
        std::string column = probe.column;
        CAPTURE(column);
        auto mysql = column_values(db, probe, true);
        auto pg = column_values(db, probe, false);
        REQUIRE(mysql.size() == 3);
        REQUIRE(pg.size() == 3);
        for (std::size_t i = 0; i < mysql.size(); ++i) {
            CAPTURE(i);
            if (probe.numeric && mysql[i] && pg[i])
                CHECK(std::strtod(mysql[i]->c_str(), nullptr) == std::strtod(pg[i]->c_str(), nullptr));
            else
                CHECK(mysql[i] == pg[i]);
        }
    }
    // JSON: jsonb normalises spacing, so compare as jsonb values.
    for (const auto& r : db.mysql.query("SELECT id, c_json FROM every_type WHERE c_json IS NOT NULL")) {
        CAPTURE(*r[1]);
        std::string literal;
        for (char c : *r[1]) literal += c == '\'' ? std::string("''") : std::string(1, c);
        CHECK(db.pg.scalar("SELECT c_json = '" + literal + "'::jsonb FROM every_type WHERE id = " + *r[0]) == "t");
    }

    // What changed is counted per column, never silent.
    auto counts = [&](const std::string& column) {
        for (const auto& c : t.columns)
            if (c.column == column) return c.stats;
        return m2pg::convert::ColumnStats{};
    };
    CHECK(counts("c_mediumtext").nuls_stripped == 1);
    CHECK(counts("c_date").zero_dates_nulled == 1);
    CHECK(counts("c_datetime").zero_dates_nulled == 1);
    CHECK(counts("c_datetime6").zero_dates_nulled == 1);
    CHECK(counts("c_timestamp3").zero_dates_nulled == 1);
    // The real old date that pgloader once nulled (pgloader #1098) is kept.
    CHECK(db.pg.scalar("SELECT c_date::text FROM every_type WHERE id = 1") == "0009-12-04");
    // FLOAT keeps all its bits: 16777217 is stored as the float 16777216 and must not read as 16777200.
    CHECK(db.pg.scalar("SELECT c_float::float8::text FROM every_type WHERE c_float > 1") == "16777216");
}

TEST_CASE("a zero date in a NOT NULL column fails only its table, naming the MySQL row key" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    db.mysql.exec("SET SESSION sql_mode = ''; CREATE TABLE events (id INT PRIMARY KEY, at DATETIME NOT NULL);"
                  "INSERT INTO events VALUES (1, '2024-01-01 00:00:00'), (7, '0000-00-00 00:00:00'), (9, '2024-01-02');"
                  "CREATE TABLE other (id INT PRIMARY KEY); INSERT INTO other VALUES (1), (2);");
    auto result = m2pg::test::copy_all(m2pg::test::copy_options(db));
    CHECK_FALSE(result.finished());
    const auto& events = m2pg::test::table_result(result, "events");
    CHECK(events.error.find("MySQL row id=7") != std::string::npos);
    CHECK(events.error.find("\"at\"") != std::string::npos);
    CHECK(events.error.find("not-null") != std::string::npos);
    CHECK(db.pg.scalar("SELECT count(*) FROM events") == "0");
    // The other table copied; its chunk stays committed for a --resume after the fix.
    CHECK(m2pg::test::table_result(result, "other").error.empty());
    CHECK(db.pg.scalar("SELECT count(*) FROM other") == "2");
}
