#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "convert/types.hpp"
#include "util/error.hpp"

using m2pg::convert::BigintUnsignedPolicy;
using m2pg::convert::BitPolicy;
using m2pg::convert::CharPolicy;
using m2pg::convert::Codec;
using m2pg::convert::codec_name;
using m2pg::convert::JsonPolicy;
using m2pg::convert::map_column;
using m2pg::convert::Mapping;
using m2pg::convert::parse_enum_values;
using m2pg::convert::SpatialPolicy;
using m2pg::convert::TypeConfig;
using m2pg::model::Column;

namespace {

// A column as the catalog reader builds it: DATA_TYPE is COLUMN_TYPE's leading word.
Column column(std::string column_type, std::string data_type = "") {
    Column c;
    c.name = "c";
    if (data_type.empty()) data_type = column_type.substr(0, column_type.find_first_of("( "));
    c.data_type = data_type;
    c.column_type = column_type;
    c.is_unsigned = column_type.find("unsigned") != std::string::npos;
    return c;
}

Mapping map(const std::string& column_type, const TypeConfig& config = {}) {
    return map_column(config, "t", column(column_type));
}

struct Row {
    const char* column_type;
    const char* pg_type;
    Codec codec;
};

void check_rows(const std::vector<Row>& rows, const TypeConfig& config = {}) {
    for (const Row& row : rows) {
        INFO("MySQL type: " << row.column_type);
        Mapping m = map(row.column_type, config);
        CHECK(m.pg_type == row.pg_type);
        CHECK(codec_name(m.codec) == codec_name(row.codec));
    }
}

}  // namespace

TEST_CASE("integer types map to the narrowest Postgres integer that holds every value") {
    check_rows({
        {"tinyint(4)", "smallint", Codec::Int},
        {"tinyint(3) unsigned", "smallint", Codec::Int},
        {"smallint(6)", "smallint", Codec::Int},
        {"smallint(5) unsigned", "integer", Codec::Int},
        {"mediumint(9)", "integer", Codec::Int},
        {"mediumint(8) unsigned", "integer", Codec::Int},
        {"int(11)", "integer", Codec::Int},
        {"int", "integer", Codec::Int},  // MySQL 8 drops the display width
        {"int(10) unsigned", "bigint", Codec::Int},
        {"int unsigned", "bigint", Codec::Int},
        {"bigint(20)", "bigint", Codec::Int},
        {"bigint(20) unsigned", "numeric(20)", Codec::Decimal},
        {"year(4)", "smallint", Codec::Year},
        {"year", "smallint", Codec::Year},
    });
}

TEST_CASE("tinyint(1) is boolean by default and smallint when the config says so") {
    CHECK(map("tinyint(1)").pg_type == "boolean");
    CHECK(map("tinyint(1)").codec == Codec::Bool);
    CHECK(map("tinyint(1) unsigned").codec == Codec::Bool);
    CHECK(map("tinyint(2)").pg_type == "smallint");

    TypeConfig config;
    config.tinyint1_as_boolean = false;
    CHECK(map("tinyint(1)", config).pg_type == "smallint");
    CHECK(map("tinyint(1)", config).codec == Codec::Int);
}

TEST_CASE("a column override replaces the type and the codec follows it") {
    TypeConfig config;
    config.column_overrides["Posts.IsPinned"] = "smallint";
    Column c = column("tinyint(1)");
    c.name = "ispinned";
    Mapping m = map_column(config, "posts", c);  // MySQL names match case-insensitively
    CHECK(m.pg_type == "smallint");
    CHECK(m.codec == Codec::Int);
    CHECK(m.is_override);

    c.name = "other";
    CHECK(map_column(config, "posts", c).pg_type == "boolean");

    config.column_overrides = {{"t.c", "boolean"}};
    CHECK(map("tinyint(4)", config).codec == Codec::Bool);
    config.column_overrides = {{"t.c", "bigint"}};
    CHECK(map("bigint(20) unsigned", config).codec == Codec::Int);
    config.column_overrides = {{"t.c", "text"}};
    CHECK(map("set('a','b')", config).codec == Codec::Text);
    CHECK(map("set('a','b')", config).enum_values == std::vector<std::string>{"a", "b"});
    config.column_overrides = {{"t.c", "varchar(26)"}};
    CHECK(map("char(26)", config).pg_type == "varchar(26)");
}

TEST_CASE("an override makes an otherwise unknown type usable") {
    TypeConfig config;
    config.column_overrides["t.c"] = "bytea";
    Mapping m = map("vector(3)", config);
    CHECK(m.pg_type == "bytea");
    CHECK(m.codec == Codec::Bytes);
}

TEST_CASE("an override that is not a type name is a usage error") {
    TypeConfig config;
    config.column_overrides["t.c"] = "int; DROP TABLE users";
    CHECK_THROWS_AS(map("int(11)", config), m2pg::UsageError);
}

TEST_CASE("bigint unsigned is numeric(20) or, by policy, bigint with a note") {
    Mapping numeric = map("bigint(20) unsigned");
    CHECK(numeric.pg_type == "numeric(20)");
    CHECK(numeric.codec == Codec::Decimal);
    CHECK(numeric.note.empty());

    TypeConfig config;
    config.bigint_unsigned = BigintUnsignedPolicy::Bigint;
    Mapping bigint = map("bigint(20) unsigned", config);
    CHECK(bigint.pg_type == "bigint");
    CHECK(bigint.codec == Codec::Int);
    CHECK(bigint.note.find("9223372036854775807") != std::string::npos);
    CHECK(map("bigint(20)", config).note.empty());
}

TEST_CASE("decimal and floating point types keep their precision") {
    check_rows({
        {"decimal(10,2)", "numeric(10,2)", Codec::Decimal},
        {"decimal(65,30)", "numeric(65,30)", Codec::Decimal},
        {"decimal(10,0) unsigned", "numeric(10,0)", Codec::Decimal},
        {"decimal(20,4) unsigned zerofill", "numeric(20,4)", Codec::Decimal},
        {"float", "real", Codec::Float},
        {"float(7,3)", "real", Codec::Float},        // FLOAT(M,D) is single precision
        {"float(30,2)", "real", Codec::Float},
        {"float(25)", "double precision", Codec::Double},  // FLOAT(p>24) is a DOUBLE
        {"float(24)", "real", Codec::Float},
        {"float unsigned", "real", Codec::Float},
        {"double", "double precision", Codec::Double},
        {"double(10,2)", "double precision", Codec::Double},
        {"double unsigned", "double precision", Codec::Double},
    });
}

TEST_CASE("string types become varchar(n) or text") {
    check_rows({
        {"char(26)", "varchar(26)", Codec::Text},
        {"char(0)", "varchar", Codec::Text},
        {"varchar(255)", "varchar(255)", Codec::Text},
        {"varchar(65535)", "varchar(65535)", Codec::Text},
        {"tinytext", "text", Codec::Text},
        {"text", "text", Codec::Text},
        {"mediumtext", "text", Codec::Text},
        {"longtext", "text", Codec::Text},
    });
    TypeConfig config;
    config.char_type = CharPolicy::Char;
    CHECK(map("char(26)", config).pg_type == "char(26)");
    CHECK(map("varchar(26)", config).pg_type == "varchar(26)");
}

TEST_CASE("binary types become bytea") {
    check_rows({
        {"binary(16)", "bytea", Codec::Bytes},
        {"varbinary(255)", "bytea", Codec::Bytes},
        {"tinyblob", "bytea", Codec::Bytes},
        {"blob", "bytea", Codec::Bytes},
        {"mediumblob", "bytea", Codec::Bytes},
        {"longblob", "bytea", Codec::Bytes},
    });
}

TEST_CASE("date and time types keep their fractional precision") {
    check_rows({
        {"date", "date", Codec::Date},
        {"datetime", "timestamp(0)", Codec::DateTime},
        {"datetime(3)", "timestamp(3)", Codec::DateTime},
        {"datetime(6)", "timestamp(6)", Codec::DateTime},
        {"timestamp", "timestamptz(0)", Codec::Timestamp},
        {"timestamp(6)", "timestamptz(6)", Codec::Timestamp},
        {"time", "interval", Codec::MysqlTime},
        {"time(3)", "interval", Codec::MysqlTime},
    });
}

TEST_CASE("zero-date-capable types carry the zero-date note, stronger when NOT NULL") {
    for (const char* type : {"date", "datetime(6)", "timestamp"}) {
        INFO(type);
        Column c = column(type);
        CHECK(map_column({}, "t", c).note == "zero and partial-zero dates become NULL");
        c.is_nullable = false;
        CHECK(map_column({}, "t", c).note ==
              "zero and partial-zero dates become NULL (the column is NOT NULL, so such a row "
              "fails the copy)");
    }
    CHECK(map("time").note.empty());
    CHECK(map("year(4)").note.empty());
}

TEST_CASE("bit(1) is boolean by default and bit(n) is bit varying(n)") {
    check_rows({
        {"bit(1)", "boolean", Codec::BitBool},
        {"bit(2)", "bit varying(2)", Codec::Bit},
        {"bit(64)", "bit varying(64)", Codec::Bit},
    });
    TypeConfig config;
    config.bit = BitPolicy::AlwaysBitVarying;
    CHECK(map("bit(1)", config).pg_type == "bit varying(1)");
    CHECK(map("bit(1)", config).codec == Codec::Bit);
}

TEST_CASE("enum becomes text and set becomes text[], both with their members") {
    Mapping e = map("enum('O','P','D')");
    CHECK(e.pg_type == "text");
    CHECK(e.codec == Codec::Enum);
    CHECK(e.enum_values == std::vector<std::string>{"O", "P", "D"});
    Mapping s = map("set('read','write')");
    CHECK(s.pg_type == "text[]");
    CHECK(s.codec == Codec::Set);
    CHECK(s.enum_values == std::vector<std::string>{"read", "write"});
}

TEST_CASE("enum members are unescaped whatever they contain") {
    // COLUMN_TYPE as MariaDB 10.11 prints enum('a','b''c','d,e','f(g)','h\\i',...).
    CHECK(parse_enum_values(R"(enum('a','b''c','d,e','f(g)','h\\i','','x"y','ü😀',')'))") ==
          std::vector<std::string>{"a", "b'c", "d,e", "f(g)", "h\\i", "", "x\"y", "ü😀", ")"});
    CHECK(parse_enum_values(R"(set('it\'s','tab\there','a\nb'))") ==
          std::vector<std::string>{"it's", "tab\there", "a\nb"});
    CHECK(parse_enum_values("enum('')") == std::vector<std::string>{""});
    CHECK(map("enum('x'',y','(z)')").enum_values == std::vector<std::string>{"x',y", "(z)"});
}

TEST_CASE("a malformed enum list is an error naming the column") {
    CHECK_THROWS_AS(parse_enum_values("enum('a','b"), m2pg::ConvertError);
    CHECK_THROWS_AS(parse_enum_values("enum(a)"), m2pg::ConvertError);
    CHECK_THROWS_WITH_AS(map("enum('a'"), doctest::Contains("t.c"), m2pg::ConvertError);
}

TEST_CASE("json becomes jsonb with a note, or json by policy") {
    Mapping m = map_column({}, "t", column("longtext", "json"));  // MariaDB JSON
    CHECK(m.pg_type == "jsonb");
    CHECK(m.codec == Codec::Json);
    CHECK(m.note == "jsonb does not keep key order, duplicate keys or whitespace");
    CHECK(map("json").pg_type == "jsonb");  // MySQL 8

    TypeConfig config;
    config.json = JsonPolicy::Json;
    CHECK(map("json", config).pg_type == "json");
    CHECK(map("json", config).note.empty());
}

TEST_CASE("spatial types are WKB bytea by default and PostGIS geometry by policy") {
    std::vector<Row> wkb, postgis;
    const std::vector<std::pair<const char*, const char*>> kTypes = {
        {"geometry", "geometry"},
        {"point", "geometry(Point)"},
        {"linestring", "geometry(LineString)"},
        {"polygon", "geometry(Polygon)"},
        {"multipoint", "geometry(MultiPoint)"},
        {"multilinestring", "geometry(MultiLineString)"},
        {"multipolygon", "geometry(MultiPolygon)"},
        {"geometrycollection", "geometry(GeometryCollection)"},
        {"geomcollection", "geometry(GeometryCollection)"},
    };
    for (const auto& [mysql, pg] : kTypes) {
        wkb.push_back({mysql, "bytea", Codec::Geometry});
        postgis.push_back({mysql, pg, Codec::Geometry});
    }
    check_rows(wkb);
    CHECK(map("point").note == "stored as WKB in bytea: the SRID is not kept");
    TypeConfig config;
    config.spatial = SpatialPolicy::PostGis;
    check_rows(postgis, config);
    CHECK(map("point", config).note.empty());
}

TEST_CASE("MariaDB uuid and inet types map to the native Postgres types") {
    check_rows({
        {"uuid", "uuid", Codec::Uuid},
        {"inet4", "inet", Codec::Inet},
        {"inet6", "inet", Codec::Inet},
    });
}

TEST_CASE("generated, on-update and zerofill columns say what is not kept") {
    Column c = column("int(11)");
    c.generation_expression = "`a` + 1";
    CHECK(map_column({}, "t", c).note ==
          "generated column (`a` + 1) becomes a plain column: values are copied, later writes "
          "do not recompute it");

    Column ts = column("timestamp");
    ts.on_update_current_timestamp = true;
    CHECK(map_column({}, "t", ts).note ==
          "zero and partial-zero dates become NULL; ON UPDATE CURRENT_TIMESTAMP is not kept "
          "(needs a trigger)");

    Mapping z = map("int(5) unsigned zerofill");
    CHECK(z.pg_type == "bigint");
    CHECK(z.note == "ZEROFILL display padding is not kept");
}

TEST_CASE("an unknown type throws naming table.column and the full COLUMN_TYPE") {
    Column c = column("vector(3)");
    c.name = "Embedding";
    CHECK_THROWS_WITH_AS(map_column({}, "Docs", c),
                         "Docs.Embedding: unsupported MySQL type 'vector(3)'", m2pg::ConvertError);
    try {
        map_column({}, "Docs", c);
        FAIL("map_column accepted vector(3)");
    } catch (const m2pg::ConvertError& e) {
        CHECK(e.where().table == "Docs");
        CHECK(e.where().column == "Embedding");
    }
}

TEST_CASE("upper-case COLUMN_TYPE and DATA_TYPE are read like lower case") {
    Mapping m = map_column({}, "t", column("INT(10) UNSIGNED", "INT"));
    CHECK(m.pg_type == "bigint");
}

TEST_CASE("a NOT NULL date column warns that zero dates fail the copy, unless its zero default drops NOT NULL") {
    Column strict = column("datetime");
    strict.is_nullable = false;
    CHECK(map_column({}, "t", strict).note.find("fails the copy") != std::string::npos);

    Column zero_default = strict;
    zero_default.default_value = "'0000-00-00 00:00:00'";
    auto note = map_column({}, "t", zero_default).note;
    CHECK(note.find("zero") != std::string::npos);
    CHECK(note.find("fails the copy") == std::string::npos);
}
