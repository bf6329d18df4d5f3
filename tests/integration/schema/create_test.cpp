#include <doctest/doctest.h>

#include <map>

#include "migrate/apply_plan.hpp"
#include "schema/create.hpp"
#include "source/mysql/catalog.hpp"
#include "support/servers.hpp"
#include "target/postgres/connection.hpp"
#include "util/error.hpp"

namespace {

using m2pg::schema::DdlPhase;

const std::vector<DdlPhase> kAllPhases = {DdlPhase::Tables, DdlPhase::Indexes, DdlPhase::ForeignKeys,
                                          DdlPhase::Fulltext};

// column name → format_type() of the column in Postgres
std::map<std::string, std::string> pg_column_types(const m2pg::test::PgScratch& pg, const std::string& table) {
    std::map<std::string, std::string> out;
    for (const auto& row : pg.query("SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a "
                                    "WHERE a.attrelid = 'public." + table + "'::regclass AND a.attnum > 0 "
                                    "AND NOT a.attisdropped"))
        out[*row[0]] = *row[1];
    return out;
}

}  // namespace

TEST_CASE("the DDL generated from the every-type MySQL table runs on PostgreSQL 15 with the mapped types" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    db.mysql.exec("CREATE TABLE parent (id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, name VARCHAR(50))");
    db.mysql.exec(m2pg::test::read_fixture("every_type.sql"));

    auto schema = m2pg::schema::generate_from_catalog(m2pg::source::mysql::read_catalog(db.mysql.dsn()), {});
    m2pg::target::postgres::PgConnection pg(db.pg.dsn());
    std::vector<std::string> created;
    m2pg::migrate::apply_plan(pg, schema.plan, kAllPhases,
                             [&](const m2pg::schema::DdlStatement& s) { created.push_back(s.object); });

    auto types = pg_column_types(db.pg, "every_type");
    const std::map<std::string, std::string> expected = {
        {"id", "numeric(20,0)"},
        {"parent_id", "bigint"},
        {"c_bool", "boolean"},
        {"c_tinyint", "smallint"},
        {"c_tinyint_u", "smallint"},
        {"c_smallint", "smallint"},
        {"c_smallint_u", "integer"},
        {"c_mediumint", "integer"},
        {"c_mediumint_u", "integer"},
        {"c_int", "integer"},
        {"c_int_u", "bigint"},
        {"c_bigint", "bigint"},
        {"c_decimal", "numeric(65,30)"},
        {"c_float", "real"},
        {"c_double", "double precision"},
        {"c_char", "character varying(10)"},
        {"c_varchar", "character varying(255)"},
        {"c_tinytext", "text"},
        {"c_text", "text"},
        {"c_mediumtext", "text"},
        {"c_longtext", "text"},
        {"c_binary", "bytea"},
        {"c_varbinary", "bytea"},
        {"c_tinyblob", "bytea"},
        {"c_blob", "bytea"},
        {"c_mediumblob", "bytea"},
        {"c_longblob", "bytea"},
        {"c_date", "date"},
        {"c_datetime", "timestamp(0) without time zone"},
        {"c_datetime6", "timestamp(6) without time zone"},
        {"c_timestamp", "timestamp(0) with time zone"},
        {"c_timestamp3", "timestamp(3) with time zone"},
        {"c_time", "interval"},
        {"c_time6", "interval"},
        {"c_year", "smallint"},
        {"c_bit1", "boolean"},
        {"c_bit12", "bit varying(12)"},
        {"c_enum", "text"},
        {"c_set", "text[]"},
        {"c_json", "jsonb"},
        {"c_geometry", "bytea"},
        {"c_point", "bytea"},
        {"c_linestring", "bytea"},
        {"c_polygon", "bytea"},
        {"c_multipoint", "bytea"},
        {"c_multilinestring", "bytea"},
        {"c_multipolygon", "bytea"},
        {"c_geometrycollection", "bytea"},
        {"c_uuid", "uuid"},
        {"c_inet6", "inet"},
        {"c_stored", "integer"},
        {"c_virtual", "character varying(20)"},
        {"c_latin1", "character varying(20)"},
    };
    for (const auto& [column, type] : expected) {
        CAPTURE(column);
        CHECK(types[column] == type);
    }
    CHECK(types.size() == expected.size());

    // Indexes, the foreign key and the full-text index came along in their phases.
    auto indexes = db.pg.query("SELECT indexname FROM pg_indexes WHERE tablename = 'every_type' ORDER BY 1");
    std::vector<std::string> names;
    for (const auto& r : indexes) names.push_back(*r[0]);
    CHECK(names == std::vector<std::string>{"every_type_fk_parent", "every_type_ft_text", "every_type_idx_composite",
                                            "every_type_idx_prefix", "every_type_pkey", "every_type_uq_varchar"});
    CHECK(db.pg.scalar("SELECT convalidated FROM pg_constraint WHERE conname = 'fk_parent'") == "t");
    CHECK(db.pg.scalar("SELECT pg_get_indexdef('every_type_ft_text'::regclass)")->find("gin") != std::string::npos);

    // The enum CHECK accepts every declared value (quotes, backslash, comma) and rejects others.
    db.pg.exec("INSERT INTO parent (id) VALUES (1)");
    db.pg.exec("INSERT INTO every_type (parent_id, c_varchar, c_enum, c_point) VALUES (1, 'v1', 'a''b', '\\x00'), "
               "(1, 'v2', 'c\\d', '\\x00'), (1, 'v3', 'x,y', '\\x00'), (1, 'v4', '', '\\x00')");
    CHECK_THROWS(db.pg.exec("INSERT INTO every_type (c_enum, c_point) VALUES ('upper', '\\x00')"));
    // Defaults were translated: 'Upper' for the enum, 'abc' for char, b'101' padded to 12 bits.
    auto row = db.pg.query("SELECT c_enum, c_char, c_bit12::text, c_bool::text FROM every_type WHERE c_enum = 'x,y'");
    REQUIRE(row.size() == 1);
    CHECK(row[0][1] == "abc");
    CHECK(row[0][2] == "000000000101");
    CHECK(row[0][3] == "false");
}

TEST_CASE("identifiers that need quoting survive the trip into PostgreSQL under both case policies" *
          doctest::skip(m2pg::test::skip_servers())) {
    for (auto policy : {m2pg::target::postgres::IdentifierCase::Lower, m2pg::target::postgres::IdentifierCase::Preserve}) {
        CAPTURE(static_cast<int>(policy));
        m2pg::test::Scratch db;
        db.mysql.exec("CREATE TABLE `select` (`we\"ird` INT PRIMARY KEY, `from` INT, `Order` VARCHAR(5), "
                      "UNIQUE KEY `key``s` (`from`))");
        db.mysql.exec("CREATE TABLE `Ünïcödé Tåble` (`ключ` INT PRIMARY KEY, `MixedCase` TEXT, FULLTEXT KEY ft (`MixedCase`))");
        m2pg::schema::DdlOptions options;
        options.identifier_case = policy;
        auto schema = m2pg::schema::generate_from_catalog(m2pg::source::mysql::read_catalog(db.mysql.dsn()), options);
        m2pg::target::postgres::PgConnection pg(db.pg.dsn());
        m2pg::migrate::apply_plan(pg, schema.plan, kAllPhases);

        bool lower = policy == m2pg::target::postgres::IdentifierCase::Lower;
        db.pg.exec(std::string("INSERT INTO \"select\" (\"we\"\"ird\", \"from\", ") + (lower ? "\"order\"" : "\"Order\"") +
                   ") VALUES (1, 2, 'x')");
        CHECK(db.pg.scalar("SELECT count(*) FROM \"select\"") == "1");
        std::string unicode_table = lower ? "ünïcödé tåble" : "Ünïcödé Tåble";
        std::string mixed = lower ? "mixedcase" : "MixedCase";
        db.pg.exec("INSERT INTO \"" + unicode_table + "\" (\"ключ\", \"" + mixed + "\") VALUES (1, 'x')");
        CHECK(db.pg.scalar("SELECT count(*) FROM \"" + unicode_table + "\"") == "1");
    }
}

TEST_CASE("apply_plan creates nothing when one statement fails" * doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    db.mysql.exec("CREATE TABLE a (id INT PRIMARY KEY)");
    db.mysql.exec("CREATE TABLE b (id INT PRIMARY KEY)");
    auto schema = m2pg::schema::generate_from_catalog(m2pg::source::mysql::read_catalog(db.mysql.dsn()), {});
    db.pg.exec("CREATE TABLE b (other int)");  // the second CREATE TABLE collides
    m2pg::target::postgres::PgConnection pg(db.pg.dsn());
    try {
        m2pg::migrate::apply_plan(pg, schema.plan, kAllPhases);
        FAIL("a colliding table was created");
    } catch (const m2pg::TargetError& e) {
        CHECK(e.sqlstate() == "42P07");
        CHECK(e.describe().find("creating b (tables phase, MySQL table b)") != std::string::npos);
    }
    CHECK(db.pg.scalar("SELECT count(*) FROM pg_tables WHERE tablename = 'a'") == "0");
}
