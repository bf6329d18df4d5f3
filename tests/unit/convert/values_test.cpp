#include "convert/values.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "util/error.hpp"

using m2pg::ConvertError;
using m2pg::convert::Codec;
using m2pg::convert::ColumnStats;
using m2pg::convert::encode_value;
using m2pg::convert::InvalidUtf8Policy;
using m2pg::convert::ValueContext;

using namespace std::string_literals;

namespace {

std::string enc(Codec codec, std::string_view in, ColumnStats& stats, ValueContext context = {}) {
    std::string out;
    encode_value(codec, in.data(), in.size(), context, stats, out);
    return out;
}

std::string enc(Codec codec, std::string_view in, ValueContext context = {}) {
    ColumnStats stats;
    return enc(codec, in, stats, context);
}

std::string error_of(Codec codec, std::string_view in, ValueContext context = {}) {
    try {
        enc(codec, in, context);
    } catch (const ConvertError& e) {
        return e.what();
    }
    return "(no error)";
}

ValueContext bits(int width) {
    ValueContext c;
    c.bit_width = width;
    return c;
}

constexpr Codec kAllCodecs[] = {
    Codec::Bool,     Codec::Int,       Codec::Decimal, Codec::Float,     Codec::Double,
    Codec::Text,     Codec::Bytes,     Codec::Date,    Codec::DateTime,  Codec::Timestamp,
    Codec::MysqlTime, Codec::Year,     Codec::Bit,     Codec::BitBool,   Codec::Enum,
    Codec::Set,      Codec::Json,      Codec::JsonArray, Codec::Geometry, Codec::Uuid, Codec::Inet,
};

const std::string kEmoji = "\xF0\x9F\x98\x80";

}  // namespace

TEST_CASE("a SQL NULL is \\N for every codec and counts nothing") {
    for (Codec codec : kAllCodecs) {
        ColumnStats stats;
        std::string out = "x\t";
        encode_value(codec, nullptr, 0, bits(12), stats, out);
        CHECK(out == "x\t\\N");
        CHECK(stats.zero_dates_nulled == 0);
    }
}

TEST_CASE("tinyint(1) 0 and 1 become f and t") {
    CHECK(enc(Codec::Bool, "0") == "f");
    CHECK(enc(Codec::Bool, "1") == "t");
}

TEST_CASE("a tinyint(1) value other than 0 or 1 throws and points at the smallint override") {
    CHECK(error_of(Codec::Bool, "2") ==
          "tinyint(1) value does not fit boolean (only 0 and 1 do); the profile can map the "
          "column to smallint: '2'");
    CHECK_THROWS_AS(enc(Codec::Bool, "-1"), ConvertError);
    CHECK_THROWS_AS(enc(Codec::Bool, "127"), ConvertError);
    CHECK_THROWS_AS(enc(Codec::Bool, "-128"), ConvertError);
    CHECK_THROWS_AS(enc(Codec::Bool, "10"), ConvertError);
    CHECK_THROWS_AS(enc(Codec::Bool, ""), ConvertError);
}

TEST_CASE("numbers, years, UUIDs and addresses pass through unchanged") {
    CHECK(enc(Codec::Int, "-9223372036854775808") == "-9223372036854775808");
    CHECK(enc(Codec::Int, "9223372036854775807") == "9223372036854775807");
    CHECK(enc(Codec::Int, "-128") == "-128");
    CHECK(enc(Codec::Decimal, "18446744073709551615") == "18446744073709551615");
    const std::string dec65 = "-12345678901234567890123456789012345.123456789012345678901234567890";
    CHECK(enc(Codec::Decimal, dec65) == dec65);
    CHECK(enc(Codec::Decimal, "0.000000000000000000000000000001") ==
          "0.000000000000000000000000000001");
    CHECK(enc(Codec::Float, "-3.40282e38") == "-3.40282e38");
    CHECK(enc(Codec::Double, "2.2250738585072014e-308") == "2.2250738585072014e-308");
    CHECK(enc(Codec::Year, "0000") == "0000");
    CHECK(enc(Codec::Year, "2155") == "2155");
    CHECK(enc(Codec::Uuid, "123e4567-e89b-12d3-a456-426614174000") ==
          "123e4567-e89b-12d3-a456-426614174000");
    CHECK(enc(Codec::Inet, "::ffff:192.0.2.1") == "::ffff:192.0.2.1");
    CHECK(enc(Codec::Int, "") == "");
}

TEST_CASE("text through encode_value strips NULs, validates UTF-8 under the policy and escapes") {
    ColumnStats stats;
    CHECK(enc(Codec::Text, "\0a\tb\\c\0"s, stats) == "a\\tb\\\\c");
    CHECK(stats.nuls_stripped == 2);
    CHECK(enc(Codec::Text, "") == "");
    CHECK_THROWS_AS(enc(Codec::Text, "\xC0\x80"), ConvertError);
    ValueContext replace;
    replace.invalid_utf8 = InvalidUtf8Policy::Replace;
    CHECK(enc(Codec::Text, "\xC0\x80", stats, replace) == "\xEF\xBF\xBD\xEF\xBF\xBD");
    CHECK(stats.invalid_utf8_replaced == 2);
}

TEST_CASE("enum values are arbitrary text and are escaped like text") {
    CHECK(enc(Codec::Enum, "in\\progress\tnow") == "in\\\\progress\\tnow");
    CHECK(enc(Codec::Enum, kEmoji) == kEmoji);
    CHECK_THROWS_AS(enc(Codec::Enum, "\xFF"), ConvertError);
}

TEST_CASE("binary values become bytea hex with the backslash escaped for COPY") {
    CHECK(enc(Codec::Bytes, "") == "\\\\x");
    CHECK(enc(Codec::Bytes, "\0\t\\\xFF"s) == "\\\\x00095cff");
    std::string all;
    std::string expected = "\\\\x";
    const char* hex = "0123456789abcdef";
    for (int b = 0; b < 256; ++b) {
        all += static_cast<char>(b);
        expected += hex[b >> 4];
        expected += hex[b & 15];
    }
    ColumnStats stats;
    CHECK(enc(Codec::Bytes, all, stats) == expected);
    CHECK(stats.nuls_stripped == 0);
}

TEST_CASE("geometry WKB bytes are written like binary") {
    // POINT(1 2), little-endian WKB.
    const std::string wkb = "\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\xF0\x3F"
                            "\x00\x00\x00\x00\x00\x00\x00\x40"s;
    CHECK(enc(Codec::Geometry, wkb) == "\\\\x0101000000000000000000f03f0000000000000040");
}

TEST_CASE("real dates pass through unchanged") {
    CHECK(enc(Codec::Date, "2024-02-29") == "2024-02-29");
    CHECK(enc(Codec::Date, "1000-01-01") == "1000-01-01");
    CHECK(enc(Codec::Date, "9999-12-31") == "9999-12-31");
    CHECK(enc(Codec::Date, "0001-01-01") == "0001-01-01");
    CHECK(enc(Codec::Date, "2000-02-29") == "2000-02-29");
}

TEST_CASE("pgloader #1098: an old real date such as 0009-12-04 is kept, not nulled") {
    ColumnStats stats;
    CHECK(enc(Codec::Date, "0009-12-04", stats) == "0009-12-04");
    CHECK(enc(Codec::DateTime, "0009-12-04 10:11:12", stats) == "0009-12-04 10:11:12");
    CHECK(enc(Codec::Timestamp, "0009-12-04 10:11:12", stats) == "0009-12-04 10:11:12+00");
    CHECK(stats.zero_dates_nulled == 0);
}

TEST_CASE("zero and partial-zero dates become NULL and are counted") {
    ColumnStats stats;
    CHECK(enc(Codec::Date, "0000-00-00", stats) == "\\N");
    CHECK(enc(Codec::Date, "2024-00-15", stats) == "\\N");
    CHECK(enc(Codec::Date, "2024-02-00", stats) == "\\N");
    // PostgreSQL has no year 0 (it would be 1 BC), so year 0000 counts as a zero date.
    CHECK(enc(Codec::Date, "0000-01-01", stats) == "\\N");
    CHECK(stats.zero_dates_nulled == 4);
}

TEST_CASE("a date PostgreSQL would reject (ALLOW_INVALID_DATES) or a malformed one throws") {
    CHECK(error_of(Codec::Date, "2023-02-29") ==
          "date is not a calendar date PostgreSQL accepts: '2023-02-29'");
    CHECK(error_of(Codec::Date, "1900-02-29") ==
          "date is not a calendar date PostgreSQL accepts: '1900-02-29'");
    CHECK_THROWS_AS(enc(Codec::Date, "2024-04-31"), ConvertError);
    CHECK_THROWS_AS(enc(Codec::Date, "2024-13-01"), ConvertError);
    CHECK(error_of(Codec::Date, "2024-1-01") == "malformed MySQL date: '2024-1-01'");
    CHECK_THROWS_AS(enc(Codec::Date, ""), ConvertError);
    CHECK_THROWS_AS(enc(Codec::Date, "2024-01-01 00:00:00"), ConvertError);
}

TEST_CASE("datetime values keep their fraction and pass through; zero parts become NULL") {
    ColumnStats stats;
    CHECK(enc(Codec::DateTime, "2024-02-29 23:59:59", stats) == "2024-02-29 23:59:59");
    CHECK(enc(Codec::DateTime, "2024-02-29 23:59:59.999999", stats) ==
          "2024-02-29 23:59:59.999999");
    CHECK(enc(Codec::DateTime, "1000-01-01 00:00:00.5", stats) == "1000-01-01 00:00:00.5");
    CHECK(stats.zero_dates_nulled == 0);
    CHECK(enc(Codec::DateTime, "0000-00-00 00:00:00", stats) == "\\N");
    CHECK(enc(Codec::DateTime, "2024-00-00 00:00:00", stats) == "\\N");
    CHECK(enc(Codec::DateTime, "2024-05-00 12:00:00.000000", stats) == "\\N");
    CHECK(stats.zero_dates_nulled == 3);
    CHECK_THROWS_AS(enc(Codec::DateTime, "2024-02-29"), ConvertError);
    CHECK_THROWS_AS(enc(Codec::DateTime, "2024-02-29T10:00:00"), ConvertError);
    CHECK_THROWS_AS(enc(Codec::DateTime, "2024-02-29 10:00:00."), ConvertError);
    CHECK_THROWS_AS(enc(Codec::DateTime, "2024-02-29 10:00:00.1234567"), ConvertError);
    CHECK_THROWS_AS(enc(Codec::DateTime, "2024-02-30 10:00:00"), ConvertError);
}

TEST_CASE("timestamp values get an explicit +00 offset; a zero timestamp becomes NULL") {
    ColumnStats stats;
    CHECK(enc(Codec::Timestamp, "1970-01-01 00:00:01", stats) == "1970-01-01 00:00:01+00");
    CHECK(enc(Codec::Timestamp, "2038-01-19 03:14:07.499999", stats) ==
          "2038-01-19 03:14:07.499999+00");
    CHECK(enc(Codec::Timestamp, "0000-00-00 00:00:00", stats) == "\\N");
    CHECK(stats.zero_dates_nulled == 1);
}

TEST_CASE("time values, negative, above 24 hours and fractional, pass through as intervals") {
    CHECK(enc(Codec::MysqlTime, "00:00:00") == "00:00:00");
    CHECK(enc(Codec::MysqlTime, "838:59:59") == "838:59:59");
    CHECK(enc(Codec::MysqlTime, "-838:59:59") == "-838:59:59");
    CHECK(enc(Codec::MysqlTime, "-838:59:59.000000") == "-838:59:59.000000");
    CHECK(enc(Codec::MysqlTime, "-12:30:00.500000") == "-12:30:00.500000");
    CHECK(enc(Codec::MysqlTime, "-00:00:00.5") == "-00:00:00.5");
    CHECK(enc(Codec::MysqlTime, "100:00:00") == "100:00:00");
    CHECK(error_of(Codec::MysqlTime, "12:3:00") == "malformed MySQL time: '12:3:00'");
    CHECK_THROWS_AS(enc(Codec::MysqlTime, ""), ConvertError);
    CHECK_THROWS_AS(enc(Codec::MysqlTime, "-"), ConvertError);
    CHECK_THROWS_AS(enc(Codec::MysqlTime, "1 12:00:00"), ConvertError);
    CHECK_THROWS_AS(enc(Codec::MysqlTime, "1000:00:00"), ConvertError);
    CHECK_THROWS_AS(enc(Codec::MysqlTime, "12:30:00.1234567"), ConvertError);
}

TEST_CASE("bit(n) bytes become exactly n binary digits without the padding bits") {
    CHECK(enc(Codec::Bit, "\x0A\xAA", bits(12)) == "101010101010");
    CHECK(enc(Codec::Bit, "\x00\x01"s, bits(12)) == "000000000001");
    CHECK(enc(Codec::Bit, "\xFF", bits(8)) == "11111111");
    CHECK(enc(Codec::Bit, "\x01", bits(1)) == "1");
    CHECK(enc(Codec::Bit, "\x00"s, bits(1)) == "0");
    CHECK(enc(Codec::Bit, "\x05", bits(3)) == "101");
    CHECK(enc(Codec::Bit, std::string(8, '\xFF'), bits(64)) == std::string(64, '1'));
    CHECK(enc(Codec::Bit, "\x80\x00\x00\x00\x00\x00\x00\x01"s, bits(64)) ==
          "1" + std::string(62, '0') + "1");
}

TEST_CASE("a bit(n) value of the wrong length or with padding bits set throws") {
    CHECK(error_of(Codec::Bit, "\xAA", bits(12)) ==
          "bit(12) value has 1 bytes, expected 2: '\\xAA'");
    CHECK(error_of(Codec::Bit, "\x1A\xAA", bits(12)) ==
          "bit(12) value has bits set above its width: '\\x1A\\xAA'");
    CHECK_THROWS_AS(enc(Codec::Bit, "\x02", bits(1)), ConvertError);
    CHECK_THROWS_AS(enc(Codec::Bit, "", bits(1)), ConvertError);
    // A missing width is a bug in the caller, not bad data.
    CHECK_THROWS_AS(enc(Codec::Bit, "\x01", bits(0)), m2pg::Error);
}

TEST_CASE("bit(1) bytes 0x00 and 0x01 become f and t") {
    CHECK(enc(Codec::BitBool, "\x00"s) == "f");
    CHECK(enc(Codec::BitBool, "\x01") == "t");
    CHECK(error_of(Codec::BitBool, "\x02") == "bit(1) value is not one byte 0x00 or 0x01: '\\x02'");
    CHECK_THROWS_AS(enc(Codec::BitBool, ""), ConvertError);
    CHECK_THROWS_AS(enc(Codec::BitBool, "1"), ConvertError);
    CHECK_THROWS_AS(enc(Codec::BitBool, "\x00\x01"s), ConvertError);
}

TEST_CASE("a set becomes a text[] literal with every element quoted") {
    CHECK(enc(Codec::Set, "") == "{}");
    CHECK(enc(Codec::Set, "a") == "{\"a\"}");
    CHECK(enc(Codec::Set, "a,b,c") == "{\"a\",\"b\",\"c\"}");
    CHECK(enc(Codec::Set, "NULL,{x}, y ") == "{\"NULL\",\"{x}\",\" y \"}");
    CHECK(enc(Codec::Set, kEmoji) == "{\"" + kEmoji + "\"}");
}

TEST_CASE("set elements escape quote and backslash for the array, then COPY doubles backslashes") {
    // Array literal {"say \"hi\"","c:\\d","t<TAB>"}; COPY then doubles each backslash and
    // writes the tab as \t.
    CHECK(enc(Codec::Set, "say \"hi\",c:\\d,t\t") ==
          "{\"say \\\\\"hi\\\\\"\",\"c:\\\\\\\\d\",\"t\\t\"}");
    CHECK_THROWS_AS(enc(Codec::Set, "a,\xFF"), ConvertError);
}

TEST_CASE("json keeps its text, escaped for COPY") {
    ColumnStats stats;
    CHECK(enc(Codec::Json, "{\"a\": [1, \"x\\ny\"],\n \"b\": null}", stats) ==
          "{\"a\": [1, \"x\\\\ny\"],\\n \"b\": null}");
    CHECK(enc(Codec::Json, "\"" + kEmoji + "\"", stats) == "\"" + kEmoji + "\"");
    CHECK(stats.json_nul_escapes_stripped == 0);
}

TEST_CASE("json \\u0000 escapes, which jsonb rejects, are removed and counted") {
    ColumnStats stats;
    CHECK(enc(Codec::Json, "{\"a\":\"x\\u0000y\"}", stats) == "{\"a\":\"xy\"}");
    CHECK(stats.json_nul_escapes_stripped == 1);
    CHECK(enc(Codec::Json, "[\"\\u0000\\u0000\",\"\\u00001\"]", stats) == "[\"\",\"1\"]");
    CHECK(stats.json_nul_escapes_stripped == 4);
    // Three backslashes: an escaped backslash, then a real \u0000 escape.
    CHECK(enc(Codec::Json, "\"\\\\\\u0000\"", stats) == "\"\\\\\\\\\"");
    CHECK(stats.json_nul_escapes_stripped == 5);
    CHECK(enc(Codec::Json, "\"\\u0000", stats) == "\"");  // at the very end
    CHECK(stats.json_nul_escapes_stripped == 6);
    CHECK(stats.nuls_stripped == 0);
}

TEST_CASE("json \\\\u0000 is an escaped backslash followed by text and is kept") {
    ColumnStats stats;
    // JSON text "\\u0000" (two backslashes): COPY doubles each one.
    CHECK(enc(Codec::Json, "\"\\\\u0000\"", stats) == "\"\\\\\\\\u0000\"");
    // Four backslashes: two escaped backslashes, still no escape.
    CHECK(enc(Codec::Json, "\"\\\\\\\\u0000\"", stats) == "\"\\\\\\\\\\\\\\\\u0000\"");
    // Other escapes that look alike are not NUL.
    CHECK(enc(Codec::Json, "\"\\u0001\\u00a0\\t\"", stats) == "\"\\\\u0001\\\\u00a0\\\\t\"");
    CHECK(stats.json_nul_escapes_stripped == 0);
}

TEST_CASE("json raw NUL bytes are stripped and counted apart from \\u0000 escapes") {
    ColumnStats stats;
    CHECK(enc(Codec::Json, "{\"a\":\"x\0y\\u0000\"}\0"s, stats) == "{\"a\":\"xy\"}");
    CHECK(stats.nuls_stripped == 2);
    CHECK(stats.json_nul_escapes_stripped == 1);
    CHECK_THROWS_AS(enc(Codec::Json, "\"\xED\xA0\x80\""), ConvertError);
}

TEST_CASE("'' is no JSON document: an error, or {} counted where the profile says the app meant an empty object") {
    CHECK(error_of(Codec::Json, "").find("'' is not a JSON document") != std::string::npos);
    ValueContext context;
    context.empty_json_as_object = true;
    ColumnStats stats;
    CHECK(enc(Codec::Json, "", stats, context) == "{}");
    CHECK(enc(Codec::Json, " {\"a\":1}", stats, context) == " {\"a\":1}");
    CHECK(stats.empty_json_as_object == 1);
}

TEST_CASE("encoders append after what the buffer already holds") {
    ColumnStats stats;
    ValueContext context = bits(12);
    std::string row;
    const char* fields[] = {"1", "a\tb", "\x0A\xAA", "{\"k\":\"\\u0000\"}", "2024-00-01"};
    const Codec codecs[] = {Codec::Int, Codec::Text, Codec::Bit, Codec::Json, Codec::Date};
    const std::size_t lengths[] = {1, 3, 2, 14, 10};
    for (int i = 0; i < 5; ++i) {
        if (i > 0) row += '\t';
        encode_value(codecs[i], fields[i], lengths[i], context, stats, row);
    }
    CHECK(row == "1\ta\\tb\t101010101010\t{\"k\":\"\"}\t\\N");
}
