#include <doctest/doctest.h>

#include <string>

#include "util/error.hpp"
#include "verify/canonical.hpp"

// The pure logic of canonical.hpp. Whether the generated SQL is right is proven by running
// it on both servers: tests/integration/verify/canonical_test.cpp.
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

TEST_CASE("every codec copy can pair has a canonical form with every placeholder filled") {
    const Codec all[] = {Codec::Bool, Codec::Int, Codec::Decimal, Codec::Float, Codec::Double, Codec::Text,
                         Codec::Bytes, Codec::Date, Codec::DateTime, Codec::Timestamp, Codec::MysqlTime,
                         Codec::Year, Codec::Bit, Codec::BitBool, Codec::Enum, Codec::Set, Codec::Json,
                         Codec::JsonArray, Codec::Geometry, Codec::Uuid, Codec::Inet};
    for (Codec codec : all) {
        CAPTURE(static_cast<int>(codec));
        auto c = canonical_column(column("c", codec, "x", "y", 3));
        CHECK_FALSE(c.mysql_text.empty());
        CHECK_FALSE(c.pg_text.empty());
        for (const std::string* sql : {&c.mysql_text, &c.pg_text, &c.mysql_hash, &c.pg_hash}) {
            CHECK(sql->find("{c}") == std::string::npos);
            CHECK(sql->find("{w}") == std::string::npos);
            CHECK(sql->find("{t}") == std::string::npos);
        }
    }
}

TEST_CASE("only JSON documents are hashed client-side, and a table with one is marked") {
    CHECK(canonical_column(column("doc", Codec::Json, "json", "jsonb")).client_side);
    CHECK(canonical_column(column("ids", Codec::JsonArray, "json", "text[]")).client_side);
    CHECK_FALSE(canonical_column(column("t", Codec::Text, "longtext", "text")).client_side);

    m2pg::model::Table source;
    source.columns.resize(3);
    source.columns[0].name = "a";
    source.columns[1].name = "doc";
    source.columns[2].name = "id";
    m2pg::schema::TablePair pair;
    pair.source = &source;
    pair.columns = {column("a", Codec::Int, "int", "integer"), column("doc", Codec::Json, "json", "jsonb"),
                    column("id", Codec::Int, "int", "integer")};
    pair.key_columns = {2, 0};
    const auto t = canonical_table(pair);
    CHECK(t.client_side);
    REQUIRE(t.columns.size() == 3);
    CHECK(t.key == std::vector<std::size_t>{2, 0});  // the key's order, not the table's
    pair.columns.erase(pair.columns.begin() + 1);
    CHECK_FALSE(canonical_table(pair).client_side);
}

TEST_CASE("a table without a key has an empty key text on both servers") {
    TableCanon t;
    t.columns.push_back(canonical_column(column("x", Codec::Int, "int", "integer")));
    CHECK(mysql_key_text(t) == "''");
    CHECK(pg_key_text(t) == "''");
}

TEST_CASE("a field is N for NULL and length-prefixed otherwise, so no value imitates a boundary") {
    std::string row;
    append_field(nullptr, 0, row);
    append_field("ab", 2, row);
    append_field("", 0, row);
    append_field("1:N", 3, row);
    CHECK(row == "N2:ab0:3:1:N");
}

TEST_CASE("display_key names each key column with its value") {
    CHECK(display_key("2:42", {"id"}) == "id=42");
    CHECK(display_key("1:7" "5:a, b=", {"a", "b"}) == "a=7, b=a, b=");
    CHECK(display_key("N", {"id"}) == "id=NULL");
    CHECK(display_key("9:short", {"id"}) == "9:short");
    CHECK(display_key("1:71:8", {"a"}) == "a=7, ?=8");
}
