#include <doctest/doctest.h>

#include <string>

#include "util/error.hpp"
#include "verify/canonical.hpp"

using namespace m2pg::verify;
using m2pg::convert::Codec;

namespace {

m2pg::schema::ColumnPair column(const std::string& name, Codec codec, const std::string& source_type,
                              const std::string& target_type, int bit_width = 0) {
    m2pg::schema::ColumnPair p;
    p.source = name;
    p.target = name;
    p.codec = codec;
    p.source_type = source_type;
    p.target_type = target_type;
    p.bit_width = bit_width;
    return p;
}

}  // namespace

TEST_CASE("an integer column renders as its decimal digits on both sides, trimmed of numeric scale") {
    auto c = canonical_column(column("Id", Codec::Int, "bigint(20) unsigned", "numeric(20,0)"));
    CHECK(c.mysql_text == "CAST(`Id` + 0 AS CHAR)");
    CHECK(c.pg_text == "trim_scale(\"Id\")::text");
    CHECK(c.mysql_hash == c.mysql_text);
    CHECK_FALSE(c.client_side);
    auto i = canonical_column(column("n", Codec::Int, "int(11)", "integer"));
    CHECK(i.pg_text == "(n)::text");
}

TEST_CASE("text columns go into the row text as the MD5 of their NUL-stripped utf8mb4 text") {
    auto c = canonical_column(column("body", Codec::Text, "longtext", "text"));
    CHECK(c.mysql_text == "REPLACE(CAST(`body` AS CHAR), CHAR(0 USING utf8mb4), '')");
    CHECK(c.mysql_hash == "MD5(" + c.mysql_text + ")");
    CHECK(c.pg_hash == "md5((body)::text)");
    auto padded = canonical_column(column("code", Codec::Text, "char(10)", "character(10)"));
    CHECK(padded.mysql_text.rfind("TRIM(TRAILING ' ' FROM ", 0) == 0);
}

TEST_CASE("bit(n) pads MySQL's binary digits to the column width") {
    auto c = canonical_column(column("flags", Codec::Bit, "bit(12)", "bit varying(12)", 12));
    CHECK(c.mysql_text == "LPAD(BIN(`flags` + 0), 12, '0')");
    CHECK(c.pg_text == "(flags)::text");
}

TEST_CASE("JSON columns are marked for client-side hashing on MySQL and hash jsonb text on Postgres") {
    auto c = canonical_column(column("doc", Codec::Json, "json", "jsonb"));
    CHECK(c.client_side);
    CHECK(c.mysql_text == "CAST(`doc` AS CHAR)");
    CHECK(c.pg_hash == "md5((doc)::jsonb::text)");
}

TEST_CASE("float columns are compared as binary mantissa and exponent on both sides") {
    auto c = canonical_column(column("f", Codec::Float, "float", "real"));
    CHECK(c.mysql_text == mysql_float_bits("CAST(`f` AS DOUBLE)"));
    CHECK(c.pg_text == pg_float_bits("(f)::float8"));
    CHECK(c.pg_text.find("float8send((f)::float8)") != std::string::npos);
    auto from_int = canonical_column(column("g", Codec::Float, "int(11)", "real"));
    CHECK(from_int.mysql_text == mysql_float_bits("CAST(CAST(`g` AS FLOAT) AS DOUBLE)"));
    auto dbl = canonical_column(column("d", Codec::Double, "double", "double precision"));
    CHECK(dbl.mysql_text.rfind("IF(ABS(CAST(`d` AS DOUBLE)) = 0, '0', ", 0) == 0);
}

TEST_CASE("every codec copy can pair has a canonical form") {
    const Codec all[] = {Codec::Bool, Codec::Int, Codec::Decimal, Codec::Float, Codec::Double, Codec::Text,
                         Codec::Bytes, Codec::Date, Codec::DateTime, Codec::Timestamp, Codec::MysqlTime,
                         Codec::Year, Codec::Bit, Codec::BitBool, Codec::Enum, Codec::Set, Codec::Json,
                         Codec::Geometry, Codec::Uuid, Codec::Inet};
    for (Codec codec : all) {
        CAPTURE(static_cast<int>(codec));
        auto c = canonical_column(column("c", codec, "x", "y", 3));
        CHECK_FALSE(c.mysql_text.empty());
        CHECK_FALSE(c.pg_text.empty());
        CHECK(c.mysql_text.find("{") == std::string::npos);
        CHECK(c.pg_text.find("{c}") == std::string::npos);
    }
}

TEST_CASE("a field is N for NULL and length-prefixed otherwise, so no value imitates a boundary") {
    std::string row;
    append_field(nullptr, 0, row);
    append_field("ab", 2, row);
    append_field("", 0, row);
    append_field("1:N", 3, row);
    CHECK(row == "N2:ab0:3:1:N");
    CHECK(mysql_field("x") == "IFNULL(CONCAT(LENGTH(CAST(x AS BINARY)), ':', CAST(x AS BINARY)), 'N')");
    CHECK(pg_field("x") == "COALESCE(octet_length((x))::text || ':' || (x), 'N')");
}

TEST_CASE("display_key names each key column with its value") {
    CHECK(display_key("2:42", {"id"}) == "id=42");
    CHECK(display_key("1:7" "5:a, b=", {"a", "b"}) == "a=7, b=a, b=");
    CHECK(display_key("N", {"id"}) == "id=NULL");
    CHECK(display_key("9:short", {"id"}) == "9:short");
}

TEST_CASE("row and key texts join the columns in copy's order") {
    TableCanon t;
    t.columns.push_back(canonical_column(column("id", Codec::Int, "int(11)", "integer")));
    t.columns.push_back(canonical_column(column("name", Codec::Text, "varchar(10)", "character varying(10)")));
    t.key = {0};
    CHECK(mysql_key_text(t) == "CONCAT(" + mysql_field("CAST(`id` + 0 AS CHAR)") + ")");
    CHECK(pg_row_text(t) == "(" + pg_field("(id)::text") + " || " + pg_field("md5((name)::text)") + ")");
    t.key.clear();
    CHECK(pg_key_text(t) == "''");
}
