#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "schema/pairing.hpp"
#include "util/error.hpp"

// schema/pairing: which MySQL values (by the codec their column maps to) may go into which
// Postgres column, and with which codec; and how tables and columns are matched.
using m2pg::convert::Codec;
using m2pg::schema::TargetColumn;

namespace {

TargetColumn target(const std::string& base_type, const std::string& type = "") {
    TargetColumn c;
    c.name = "c";
    c.base_type = base_type;
    c.type = type.empty() ? base_type : type;
    return c;
}

TargetColumn array_of(const std::string& element, const std::string& type) {
    TargetColumn c = target("_" + element, type);
    c.element_type = element;
    return c;
}

m2pg::convert::Mapping source(Codec codec) {
    m2pg::convert::Mapping m;
    m.codec = codec;
    m.pg_type = "x";
    return m;
}

Codec codec_for(Codec from, const TargetColumn& to) { return m2pg::schema::codec_for(source(from), to, "t", "c"); }

struct Accepted {
    Codec from;
    const char* base_type;
    Codec codec;
};

struct Refused {
    Codec from;
    const char* base_type;
};

m2pg::model::Column mysql_column(const std::string& name, const std::string& data_type, const std::string& column_type,
                                 bool nullable = true) {
    m2pg::model::Column c;
    c.name = name;
    c.data_type = data_type;
    c.column_type = column_type;
    c.is_nullable = nullable;
    c.is_unsigned = column_type.find("unsigned") != std::string::npos;
    return c;
}

m2pg::schema::TargetTable target_table(const std::string& name, std::vector<TargetColumn> columns) {
    m2pg::schema::TargetTable t;
    t.schema = "public";
    t.name = name;
    t.columns = std::move(columns);
    return t;
}

TargetColumn named(const std::string& name, const std::string& base_type, const std::string& type = "") {
    TargetColumn c = target(base_type, type);
    c.name = name;
    return c;
}

}  // namespace

TEST_CASE("each MySQL codec goes into the Postgres types that hold its values exactly, with the codec that writes them") {
    const Accepted accepted[] = {
        {Codec::Bool, "bool", Codec::Bool},          {Codec::Int, "bool", Codec::Bool},
        {Codec::BitBool, "bool", Codec::BitBool},    {Codec::Int, "int2", Codec::Int},
        {Codec::Year, "int2", Codec::Int},           {Codec::Bool, "int4", Codec::Int},
        {Codec::Int, "int8", Codec::Int},            {Codec::Int, "numeric", Codec::Int},
        {Codec::Year, "numeric", Codec::Int},        {Codec::Decimal, "numeric", Codec::Decimal},
        {Codec::Float, "float4", Codec::Float},      {Codec::Int, "float4", Codec::Float},
        {Codec::Float, "float8", Codec::Double},     {Codec::Double, "float8", Codec::Double},
        {Codec::Int, "float8", Codec::Double},       {Codec::Text, "text", Codec::Text},
        {Codec::Enum, "varchar", Codec::Text},       {Codec::Json, "text", Codec::Text},
        {Codec::Uuid, "bpchar", Codec::Text},        {Codec::Inet, "citext", Codec::Text},
        {Codec::Json, "jsonb", Codec::Json},         {Codec::Text, "jsonb", Codec::Json},
        {Codec::Json, "json", Codec::Json},          {Codec::Bytes, "bytea", Codec::Bytes},
        {Codec::Text, "bytea", Codec::Bytes},        {Codec::Geometry, "bytea", Codec::Geometry},
        {Codec::Geometry, "geometry", Codec::Geometry}, {Codec::Date, "date", Codec::Date},
        {Codec::DateTime, "timestamp", Codec::DateTime}, {Codec::Timestamp, "timestamp", Codec::DateTime},
        {Codec::DateTime, "timestamptz", Codec::Timestamp}, {Codec::Timestamp, "timestamptz", Codec::Timestamp},
        {Codec::MysqlTime, "interval", Codec::MysqlTime}, {Codec::MysqlTime, "time", Codec::MysqlTime},
        {Codec::Bit, "varbit", Codec::Bit},          {Codec::Bit, "bit", Codec::Bit},
        {Codec::Uuid, "uuid", Codec::Uuid},          {Codec::Text, "uuid", Codec::Uuid},
        {Codec::Inet, "inet", Codec::Inet},          {Codec::Text, "inet", Codec::Inet},
    };
    for (const auto& a : accepted) {
        const std::string from(m2pg::convert::codec_name(a.from));
        CAPTURE(from);
        CAPTURE(a.base_type);
        CHECK(codec_for(a.from, target(a.base_type)) == a.codec);
    }
}

TEST_CASE("a pair that would round, truncate or reinterpret values is refused, naming the column and the types") {
    const Refused refused[] = {
        {Codec::Decimal, "int4"},  {Codec::Double, "float4"}, {Codec::Decimal, "float8"}, {Codec::Float, "numeric"},
        {Codec::Double, "numeric"}, {Codec::Int, "text"},     {Codec::Bool, "varchar"},   {Codec::Bytes, "text"},
        {Codec::Set, "text"},      {Codec::Date, "timestamp"}, {Codec::DateTime, "date"}, {Codec::Timestamp, "date"},
        {Codec::MysqlTime, "timestamp"}, {Codec::Bit, "int4"}, {Codec::BitBool, "int2"},  {Codec::Year, "date"},
        {Codec::Json, "bytea"},    {Codec::Enum, "jsonb"},    {Codec::Geometry, "text"},  {Codec::Text, "int4"},
        {Codec::Int, "date"},      {Codec::Bytes, "uuid"},    {Codec::Double, "int8"},    {Codec::Text, "some_type"},
    };
    for (const auto& r : refused) {
        const std::string from(m2pg::convert::codec_name(r.from));
        CAPTURE(from);
        CAPTURE(r.base_type);
        CHECK_THROWS_AS(codec_for(r.from, target(r.base_type, std::string(r.base_type) + " (pg)")), m2pg::ConvertError);
    }
    CHECK_THROWS_WITH(m2pg::schema::codec_for(source(Codec::Decimal), target("int4", "integer"), "Posts", "Score"),
                      doctest::Contains("Posts.Score"));
    CHECK_THROWS_WITH(codec_for(Codec::Decimal, target("int4", "integer")),
                      doctest::Contains("into Postgres integer; change the target column or add a profile cast"));
}

TEST_CASE("a Postgres enum takes MySQL enum and text values as labels, nothing else") {
    TargetColumn mood = target("mood");
    mood.is_enum = true;
    CHECK(codec_for(Codec::Enum, mood) == Codec::Text);
    CHECK(codec_for(Codec::Text, mood) == Codec::Text);
    CHECK_THROWS_AS(codec_for(Codec::Int, mood), m2pg::ConvertError);
}

TEST_CASE("JSON arrays go into arrays whose element holds JSON scalars exactly; sets into text arrays") {
    CHECK(codec_for(Codec::Json, array_of("text", "text[]")) == Codec::JsonArray);
    CHECK(codec_for(Codec::Text, array_of("varchar", "character varying(26)[]")) == Codec::JsonArray);
    CHECK(codec_for(Codec::Json, array_of("int8", "bigint[]")) == Codec::JsonArray);
    TargetColumn numeric_array = array_of("numeric", "numeric[]");
    CHECK(codec_for(Codec::Json, numeric_array) == Codec::JsonArray);
    numeric_array.numeric_precision = 10;  // numeric(10,2)[] would round an element
    CHECK_THROWS_WITH(codec_for(Codec::Json, numeric_array), doctest::Contains("JSON array elements"));
    CHECK_THROWS_AS(codec_for(Codec::Json, array_of("bytea", "bytea[]")), m2pg::ConvertError);
    CHECK_THROWS_AS(codec_for(Codec::Json, array_of("float8", "double precision[]")), m2pg::ConvertError);
    CHECK(codec_for(Codec::Set, array_of("text", "text[]")) == Codec::Set);
    CHECK(codec_for(Codec::Set, array_of("varchar", "character varying[]")) == Codec::Set);
    CHECK_THROWS_AS(codec_for(Codec::Int, array_of("int4", "integer[]")), m2pg::ConvertError);
}

TEST_CASE("a MySQL table lands in the same-named table, else the one named alike but for case") {
    const std::vector<m2pg::schema::TargetTable> targets = {target_table("posts", {}), target_table("Users", {}),
                                                          target_table("users", {})};
    CHECK(m2pg::schema::find_target_table("Posts", targets)->name == "posts");
    CHECK(m2pg::schema::find_target_table("users", targets)->name == "users");  // exact case wins
    CHECK_THROWS_AS(m2pg::schema::find_target_table("USERS", targets), m2pg::StateError);
    CHECK(m2pg::schema::find_target_table("channels", targets) == nullptr);

    const auto table = target_table("t", {named("id", "int4"), named("Name", "text"), named("name", "varchar")});
    CHECK(m2pg::schema::find_target_column(table, "name")->base_type == "varchar");
    CHECK(m2pg::schema::find_target_column(table, "NAME")->base_type == "text");
    CHECK(m2pg::schema::find_target_column(table, "ID")->name == "id");
    CHECK(m2pg::schema::find_target_column(table, "missing") == nullptr);
}

TEST_CASE("pair_table pairs every column, reads geometry as WKB and FLOAT as DOUBLE, and keys rows by the primary key") {
    m2pg::model::Table posts;
    posts.name = "Posts";
    posts.columns = {mysql_column("Id", "int", "int(11)", false), mysql_column("Score", "float", "float"),
                     mysql_column("Shape", "point", "point"), mysql_column("Flags", "bit", "bit(12)"),
                     mysql_column("Props", "json", "json")};
    posts.columns[3].numeric_precision = 12;
    posts.indexes.push_back({"PRIMARY", m2pg::model::IndexKind::Primary, {{"Id", std::nullopt, false}}});
    const std::vector<m2pg::schema::TargetTable> targets = {target_table(
        "posts", {named("id", "int4", "integer"), named("score", "float4", "real"), named("shape", "bytea"),
                  named("flags", "varbit", "bit varying(12)"), named("props", "jsonb")})};
    const auto pair = m2pg::schema::pair_table(posts, targets, m2pg::convert::TypeConfig{});
    CHECK(pair.target_name == "posts");
    CHECK(pair.target_schema == "public");
    REQUIRE(pair.columns.size() == 5);
    CHECK(pair.columns[0].target == "id");
    CHECK(pair.columns[0].select_expr == "`Id`");
    CHECK(pair.columns[1].codec == Codec::Float);
    CHECK(pair.columns[1].select_expr == "CAST(`Score` AS DOUBLE)");
    CHECK(pair.columns[2].codec == Codec::Geometry);
    CHECK(pair.columns[2].select_expr == "ST_AsBinary(`Shape`)");
    CHECK(pair.columns[3].bit_width == 12);
    CHECK(pair.columns[4].codec == Codec::Json);
    CHECK_FALSE(pair.columns[4].empty_json_as_object);
    CHECK(pair.key_columns == std::vector<std::size_t>{0});
}

TEST_CASE("pair_table names every column it cannot pair in one error, and a missing table as a state error") {
    m2pg::model::Table t;
    t.name = "t";
    t.columns = {mysql_column("a", "decimal", "decimal(10,2)"), mysql_column("b", "int", "int(11)"),
                 mysql_column("gone", "int", "int(11)")};
    t.columns[0].numeric_precision = 10;
    t.columns[0].numeric_scale = 2;
    const std::vector<m2pg::schema::TargetTable> targets = {
        target_table("t", {named("a", "int4", "integer"), named("b", "int8", "bigint")})};
    try {
        m2pg::schema::pair_table(t, targets, m2pg::convert::TypeConfig{});
        FAIL("pair_table accepted decimal into integer and a missing column");
    } catch (const m2pg::ConvertError& e) {
        const std::string message = e.what();
        CHECK(message.find("t.a") != std::string::npos);
        CHECK(message.find("into Postgres integer") != std::string::npos);
        CHECK(message.find("t.gone") != std::string::npos);
        CHECK(message.find("has no such column") != std::string::npos);
        CHECK(message.find("t.b") == std::string::npos);
    }
    CHECK_THROWS_AS(m2pg::schema::pair_table(t, {}, m2pg::convert::TypeConfig{}), m2pg::StateError);
}

TEST_CASE("without a primary key, rows are keyed by a NOT NULL unique key, else not at all") {
    m2pg::model::Table t;
    t.name = "t";
    t.columns = {mysql_column("a", "int", "int(11)"), mysql_column("b", "int", "int(11)", false)};
    t.indexes.push_back({"ua", m2pg::model::IndexKind::Unique, {{"a", std::nullopt, false}}});
    const std::vector<m2pg::schema::TargetTable> targets = {
        target_table("t", {named("a", "int4", "integer"), named("b", "int4", "integer")})};
    CHECK(m2pg::schema::pair_table(t, targets, m2pg::convert::TypeConfig{}).key_columns.empty());
    t.indexes.push_back({"ub", m2pg::model::IndexKind::Unique, {{"b", std::nullopt, false}}});
    CHECK(m2pg::schema::pair_table(t, targets, m2pg::convert::TypeConfig{}).key_columns == std::vector<std::size_t>{1});
}
