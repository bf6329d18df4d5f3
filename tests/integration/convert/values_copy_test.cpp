// Round trip: fields written by encode_value go through a real COPY ... FROM STDIN (text
// format) and are read back with plain SQL, so the escaping is checked by PostgreSQL itself.
#include <doctest/doctest.h>
#include <libpq-fe.h>

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "convert/values.hpp"
#include "support/servers.hpp"

using m2pg::convert::Codec;
using m2pg::convert::ColumnStats;
using m2pg::convert::encode_value;
using m2pg::convert::ValueContext;
using m2pg::test::PgScratch;

using namespace std::string_literals;

namespace {

struct PgFinish {
    void operator()(PGconn* c) const noexcept { PQfinish(c); }
};
struct PgClear {
    void operator()(PGresult* r) const noexcept { PQclear(r); }
};
using PgConnPtr = std::unique_ptr<PGconn, PgFinish>;
using PgResultPtr = std::unique_ptr<PGresult, PgClear>;

struct Field {
    Codec codec;
    std::optional<std::string> value;  // nullopt: SQL NULL
    int bit_width = 0;
};

// Encodes each row with encode_value and COPYs them into `table` on a session whose
// TimeZone is not UTC, so a timestamptz without an explicit offset would shift.
ColumnStats copy_rows(const PgScratch& db, const std::string& table,
                      const std::vector<std::vector<Field>>& rows) {
    PgConnPtr conn(PQconnectdb(db.dsn().conninfo().c_str()));
    if (PQstatus(conn.get()) != CONNECTION_OK)
        throw std::runtime_error(std::string("connect: ") + PQerrorMessage(conn.get()));
    PgResultPtr tz(PQexec(conn.get(), "SET TimeZone = 'America/New_York'"));
    PgResultPtr begin(PQexec(conn.get(), ("COPY " + table + " FROM STDIN").c_str()));
    if (PQresultStatus(begin.get()) != PGRES_COPY_IN)
        throw std::runtime_error(std::string("COPY: ") + PQerrorMessage(conn.get()));
    ColumnStats stats;
    std::string line;
    for (const auto& row : rows) {
        line.clear();
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (i > 0) line += '\t';
            ValueContext context;
            context.bit_width = row[i].bit_width;
            const auto& v = row[i].value;
            encode_value(row[i].codec, v ? v->data() : nullptr, v ? v->size() : 0, context,
                         stats, line);
        }
        line += '\n';
        if (PQputCopyData(conn.get(), line.data(), static_cast<int>(line.size())) != 1)
            throw std::runtime_error(std::string("PQputCopyData: ") + PQerrorMessage(conn.get()));
    }
    if (PQputCopyEnd(conn.get(), nullptr) != 1)
        throw std::runtime_error(std::string("PQputCopyEnd: ") + PQerrorMessage(conn.get()));
    PgResultPtr end(PQgetResult(conn.get()));
    if (PQresultStatus(end.get()) != PGRES_COMMAND_OK)
        throw std::runtime_error(std::string("COPY failed: ") + PQresultErrorMessage(end.get()));
    return stats;
}

std::string all_bytes() {
    std::string s;
    for (int b = 0; b < 256; ++b) s += static_cast<char>(b);
    return s;
}

std::string all_bytes_hex() {
    std::string s;
    const char* hex = "0123456789abcdef";
    for (int b = 0; b < 256; ++b) {
        s += hex[b >> 4];
        s += hex[b & 15];
    }
    return s;
}

}  // namespace

TEST_CASE("encoded text, bytea and json fields survive COPY into PostgreSQL exactly" *
          doctest::skip(m2pg::test::skip_servers())) {
    PgScratch db;
    db.exec("CREATE TABLE v (id int, t text, b bytea, e text, j jsonb, js json)");
    const std::string hostile =
        "tab\there\nnew\r\nline \\N \\. back\\slash \\\\x00 \xF0\x9F\x98\x80 "
        "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D e\xCC\x81 \x01\x1F\x7F end";
    const std::vector<std::vector<Field>> rows = {
        {{Codec::Int, "1"}, {Codec::Text, hostile}, {Codec::Bytes, all_bytes()},
         {Codec::Enum, "in\\progress\t"}, {Codec::Json, "{\"a\":\"x\\u0000y\\\\u0000\\n\"}"},
         {Codec::Json, "{\"k\": \"\\\\\", \"n\": \"a\\u0000b\"}"}},
        {{Codec::Int, "2"}, {Codec::Text, "\0before\0after\0"s}, {Codec::Geometry, ""s},
         {Codec::Enum, std::nullopt}, {Codec::Json, std::nullopt}, {Codec::Json, "[]"}},
        {{Codec::Int, "3"}, {Codec::Text, ""}, {Codec::Bytes, std::nullopt},
         {Codec::Enum, ""}, {Codec::Json, "\"\\\\\\u0000\""}, {Codec::Json, "null"}},
    };
    const ColumnStats stats = copy_rows(db, "v", rows);
    CHECK(stats.nuls_stripped == 3);
    CHECK(stats.json_nul_escapes_stripped == 3);

    CHECK(db.scalar("SELECT t FROM v WHERE id = 1") == hostile);
    CHECK(db.scalar("SELECT encode(b, 'hex') FROM v WHERE id = 1") == all_bytes_hex());
    CHECK(db.scalar("SELECT e FROM v WHERE id = 1") == "in\\progress\t");
    CHECK(db.scalar("SELECT j ->> 'a' FROM v WHERE id = 1") == "xy\\u0000\n");
    CHECK(db.scalar("SELECT js::text FROM v WHERE id = 1") == "{\"k\": \"\\\\\", \"n\": \"ab\"}");

    CHECK(db.scalar("SELECT t FROM v WHERE id = 2") == "beforeafter");
    CHECK(db.scalar("SELECT length(b) FROM v WHERE id = 2") == "0");
    CHECK(db.scalar("SELECT e IS NULL AND j IS NULL FROM v WHERE id = 2") == "t");

    CHECK(db.scalar("SELECT t = '' FROM v WHERE id = 3") == "t");
    CHECK(db.scalar("SELECT b IS NULL AND e = '' FROM v WHERE id = 3") == "t");
    CHECK(db.scalar("SELECT j #>> '{}' FROM v WHERE id = 3") == "\\");
}

TEST_CASE("encoded dates, timestamps and MySQL times read back as the same instants and "
          "intervals" * doctest::skip(m2pg::test::skip_servers())) {
    PgScratch db;
    db.exec("CREATE TABLE d (id int, d date, dt timestamp(6), ts timestamptz(6), i interval)");
    const std::vector<std::vector<Field>> rows = {
        {{Codec::Int, "1"}, {Codec::Date, "0009-12-04"}, {Codec::DateTime, "2024-02-29 23:59:59.999999"},
         {Codec::Timestamp, "2038-01-19 03:14:07.499999"}, {Codec::MysqlTime, "838:59:59"}},
        {{Codec::Int, "2"}, {Codec::Date, "0000-00-00"}, {Codec::DateTime, "2024-00-10 10:00:00"},
         {Codec::Timestamp, "0000-00-00 00:00:00"}, {Codec::MysqlTime, "-838:59:59"}},
        {{Codec::Int, "3"}, {Codec::Date, "2024-02-00"}, {Codec::DateTime, "0009-12-04 00:00:00"},
         {Codec::Timestamp, "1970-01-01 00:00:01"}, {Codec::MysqlTime, "-12:30:00.500000"}},
        {{Codec::Int, "4"}, {Codec::Date, "9999-12-31"}, {Codec::DateTime, "1000-01-01 00:00:00"},
         {Codec::Timestamp, "2024-07-01 12:00:00"}, {Codec::MysqlTime, "-00:00:00.5"}},
        {{Codec::Int, "5"}, {Codec::Date, "2024-01-01"}, {Codec::DateTime, "2024-01-01 00:00:00"},
         {Codec::Timestamp, "2024-01-01 00:00:00"}, {Codec::MysqlTime, "100:00:00.000001"}},
    };
    const ColumnStats stats = copy_rows(db, "d", rows);
    CHECK(stats.zero_dates_nulled == 4);

    auto epoch = [&](const std::string& column, int id) {
        return db.scalar("SELECT extract(epoch FROM " + column + ")::text FROM d WHERE id = " +
                         std::to_string(id));
    };
    CHECK(db.scalar("SELECT d::text FROM d WHERE id = 1") == "0009-12-04");
    CHECK(db.scalar("SELECT d IS NULL FROM d WHERE id = 2") == "t");
    CHECK(db.scalar("SELECT d IS NULL FROM d WHERE id = 3") == "t");
    CHECK(db.scalar("SELECT d::text FROM d WHERE id = 4") == "9999-12-31");
    CHECK(db.scalar("SELECT to_char(dt, 'YYYY-MM-DD HH24:MI:SS.US') FROM d WHERE id = 1") ==
          "2024-02-29 23:59:59.999999");
    CHECK(db.scalar("SELECT dt IS NULL AND ts IS NULL FROM d WHERE id = 2") == "t");
    CHECK(db.scalar("SELECT dt::text FROM d WHERE id = 3") == "0009-12-04 00:00:00");
    // timestamptz: the +00 offset fixes the instant whatever the COPY session's TimeZone was.
    CHECK(epoch("ts", 1) == "2147483647.499999");
    CHECK(epoch("ts", 3) == "1.000000");
    CHECK(epoch("ts", 4) == "1719835200.000000");
    // MySQL TIME → interval: the sign covers the whole value and hours stay above 24.
    CHECK(epoch("i", 1) == "3020399.000000");
    CHECK(epoch("i", 2) == "-3020399.000000");
    CHECK(epoch("i", 3) == "-45000.500000");
    CHECK(epoch("i", 4) == "-0.500000");
    CHECK(epoch("i", 5) == "360000.000001");
    CHECK(db.scalar("SELECT i::text FROM d WHERE id = 3") == "-12:30:00.5");
}

TEST_CASE("encoded booleans, bit varying and set arrays read back exactly" *
          doctest::skip(m2pg::test::skip_servers())) {
    PgScratch db;
    db.exec("CREATE TABLE b (id int, flag boolean, bitflag boolean, bv bit varying(12), "
            "tags text[], n numeric(65,30), big bigint)");
    const std::vector<std::vector<Field>> rows = {
        {{Codec::Int, "1"}, {Codec::Bool, "1"}, {Codec::BitBool, "\x01"},
         {Codec::Bit, "\x0A\xAA", 12}, {Codec::Set, "say \"hi\",c:\\d,t\t,NULL,{x}"},
         {Codec::Decimal, "-12345678901234567890123456789012345.123456789012345678901234567890"},
         {Codec::Int, "-9223372036854775808"}},
        {{Codec::Int, "2"}, {Codec::Bool, "0"}, {Codec::BitBool, "\x00"s},
         {Codec::Bit, "\x00\x01"s, 12}, {Codec::Set, ""},
         {Codec::Decimal, "0.000000000000000000000000000001"},
         {Codec::Int, "9223372036854775807"}},
    };
    copy_rows(db, "b", rows);

    CHECK(db.scalar("SELECT flag::text || bitflag::text FROM b WHERE id = 1") == "truetrue");
    CHECK(db.scalar("SELECT flag::text || bitflag::text FROM b WHERE id = 2") == "falsefalse");
    CHECK(db.scalar("SELECT bv::text FROM b WHERE id = 1") == "101010101010");
    CHECK(db.scalar("SELECT bv::text FROM b WHERE id = 2") == "000000000001");
    const auto tags = db.query("SELECT t FROM b, unnest(tags) WITH ORDINALITY AS u(t, pos) "
                               "WHERE id = 1 ORDER BY pos");
    REQUIRE(tags.size() == 5);
    CHECK(tags[0][0] == "say \"hi\"");
    CHECK(tags[1][0] == "c:\\d");
    CHECK(tags[2][0] == "t\t");
    CHECK(tags[3][0] == "NULL");  // a quoted NULL element is the text, not SQL NULL
    CHECK(tags[4][0] == "{x}");
    CHECK(db.scalar("SELECT cardinality(tags) FROM b WHERE id = 2") == "0");
    CHECK(db.scalar("SELECT tags = '{}' FROM b WHERE id = 2") == "t");
    CHECK(db.scalar("SELECT n::text FROM b WHERE id = 1") ==
          "-12345678901234567890123456789012345.123456789012345678901234567890");
    CHECK(db.scalar("SELECT n::text FROM b WHERE id = 2") == "0.000000000000000000000000000001");
    CHECK(db.scalar("SELECT big::text FROM b WHERE id = 1") == "-9223372036854775808");
    CHECK(db.scalar("SELECT big::text FROM b WHERE id = 2") == "9223372036854775807");
}
