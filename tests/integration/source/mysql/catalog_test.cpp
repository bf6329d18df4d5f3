#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

#include "source/mysql/catalog.hpp"
#include "source/mysql/connection.hpp"
#include "support/servers.hpp"
#include "util/error.hpp"

using m2pg::model::IndexKind;
using m2pg::source::mysql::MysqlConnection;
using m2pg::source::mysql::read_catalog;

namespace {

std::string opt(const std::optional<std::int64_t>& v) { return v ? std::to_string(*v) : "-"; }
std::string opt(const std::optional<std::string>& v) { return v ? "[" + *v + "]" : "-"; }

// Every field of a column on one line, so one CHECK pins all of them at once.
std::string describe(const m2pg::model::Column& c) {
    return std::to_string(c.ordinal) + " " + c.name + " | " + c.data_type + " | " + c.column_type +
           " | u" + std::to_string(c.is_unsigned) + " z" + std::to_string(c.is_zerofill) +
           " | len " + opt(c.char_max_length) + " prec " + opt(c.numeric_precision) + " scale " +
           opt(c.numeric_scale) + " dt " + opt(c.datetime_precision) + " | " + c.charset + " " +
           c.collation + " | null " + std::to_string(c.is_nullable) + " default " +
           opt(c.default_value) + " | ai " + std::to_string(c.is_auto_increment) + " onupd " +
           std::to_string(c.on_update_current_timestamp) + " | gen [" + c.generation_expression +
           "] stored " + std::to_string(c.is_stored_generated) + " | " + c.comment;
}

std::string describe(const m2pg::model::Index& index) {
    static const char* kinds[] = {"primary", "unique", "secondary", "fulltext", "spatial"};
    std::string out = index.name + " " + kinds[static_cast<int>(index.kind)] + " (";
    for (std::size_t i = 0; i < index.columns.size(); ++i) {
        const auto& c = index.columns[i];
        if (i > 0) out += ", ";
        out += c.name;
        if (c.prefix_length) out += "(" + std::to_string(*c.prefix_length) + ")";
        if (c.descending) out += " desc";
    }
    return out + ")";
}

std::string describe(const m2pg::model::RoutineInfo& r) {
    return r.kind + " " + r.name + ": " + r.detail;
}

template <typename T>
std::vector<std::string> describe_all(const std::vector<T>& items) {
    std::vector<std::string> out;
    for (const T& item : items) out.push_back(describe(item));
    return out;
}



}  // namespace

TEST_CASE("read_catalog reads every MySQL column type exactly" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::MysqlScratch scratch;
    scratch.exec("CREATE TABLE parent (id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, "
                 "name VARCHAR(50) NOT NULL) ENGINE=InnoDB COMMENT='the parent'");
    scratch.exec(m2pg::test::read_fixture("every_type.sql"));
    MysqlConnection connection(scratch.dsn());

    const auto catalog = read_catalog(connection, scratch.name());

    CHECK(catalog.database == scratch.name());
    CHECK(catalog.server_version == connection.server_version());
    CHECK(catalog.default_charset == "utf8mb4");
    CHECK(catalog.default_collation == "utf8mb4_general_ci");
    const auto* t = catalog.find_table("every_type");
    REQUIRE(t != nullptr);
    CHECK(t->engine == "InnoDB");
    CHECK(t->collation == "utf8mb4_general_ci");
    CHECK(t->charset == "utf8mb4");
    CHECK(t->comment == "every type");
    CHECK(t->auto_increment == std::optional<std::uint64_t>(1000));
    CHECK(t->row_estimate == 0);
    CHECK(t->data_bytes == 16384);
    CHECK(t->index_bytes > 0);

    const std::vector<std::string> expected = {
        "1 id | bigint | bigint(20) unsigned | u1 z0 | len - prec 20 scale 0 dt - |   | null 0 default - | ai 1 onupd 0 | gen [] stored 0 | ",
        "2 parent_id | int | int(10) unsigned | u1 z0 | len - prec 10 scale 0 dt - |   | null 1 default [NULL] | ai 0 onupd 0 | gen [] stored 0 | ",
        "3 c_bool | tinyint | tinyint(1) | u0 z0 | len - prec 3 scale 0 dt - |   | null 0 default [0] | ai 0 onupd 0 | gen [] stored 0 | ",
        "4 c_tinyint | tinyint | tinyint(4) | u0 z0 | len - prec 3 scale 0 dt - |   | null 1 default [NULL] | ai 0 onupd 0 | gen [] stored 0 | ",
        "5 c_tinyint_u | tinyint | tinyint(3) unsigned | u1 z0 | len - prec 3 scale 0 dt - |   | null 1 default [NULL] | ai 0 onupd 0 | gen [] stored 0 | ",
        "6 c_smallint | smallint | smallint(6) | u0 z0 | len - prec 5 scale 0 dt - |   | null 1 default [-5] | ai 0 onupd 0 | gen [] stored 0 | ",
        "7 c_smallint_u | smallint | smallint(5) unsigned | u1 z0 | len - prec 5 scale 0 dt - |   | null 1 default [NULL] | ai 0 onupd 0 | gen [] stored 0 | ",
        "8 c_mediumint | mediumint | mediumint(9) | u0 z0 | len - prec 7 scale 0 dt - |   | null 1 default [NULL] | ai 0 onupd 0 | gen [] stored 0 | ",
        "9 c_mediumint_u | mediumint | mediumint(8) unsigned | u1 z0 | len - prec 8 scale 0 dt - |   | null 1 default [NULL] | ai 0 onupd 0 | gen [] stored 0 | ",
        "10 c_int | int | int(11) | u0 z0 | len - prec 10 scale 0 dt - |   | null 1 default [NULL] | ai 0 onupd 0 | gen [] stored 0 | ",
        "11 c_int_u | int | int(10) unsigned zerofill | u1 z1 | len - prec 10 scale 0 dt - |   | null 1 default [NULL] | ai 0 onupd 0 | gen [] stored 0 | ",
        "12 c_bigint | bigint | bigint(20) | u0 z0 | len - prec 19 scale 0 dt - |   | null 1 default [NULL] | ai 0 onupd 0 | gen [] stored 0 | ",
        "13 c_decimal | decimal | decimal(65,30) | u0 z0 | len - prec 65 scale 30 dt - |   | null 1 default [1.500000000000000000000000000000] | ai 0 onupd 0 | gen [] stored 0 | ",
        "14 c_float | float | float | u0 z0 | len - prec 12 scale - dt - |   | null 1 default [NULL] | ai 0 onupd 0 | gen [] stored 0 | ",
        "15 c_double | double | double | u0 z0 | len - prec 22 scale - dt - |   | null 1 default [NULL] | ai 0 onupd 0 | gen [] stored 0 | ",
        "16 c_char | char | char(10) | u0 z0 | len 10 prec - scale - dt - | utf8mb4 utf8mb4_general_ci | null 1 default ['abc'] | ai 0 onupd 0 | gen [] stored 0 | ",
        "17 c_varchar | varchar | varchar(255) | u0 z0 | len 255 prec - scale - dt - | utf8mb4 utf8mb4_general_ci | null 0 default [''] | ai 0 onupd 0 | gen [] stored 0 | says 'hi'",
        "18 c_tinytext | tinytext | tinytext | u0 z0 | len 255 prec - scale - dt - | utf8mb4 utf8mb4_general_ci | null 1 default [NULL] | ai 0 onupd 0 | gen [] stored 0 | ",
        "19 c_text | text | text | u0 z0 | len 65535 prec - scale - dt - | utf8mb4 utf8mb4_general_ci | null 1 default [NULL] | ai 0 onupd 0 | gen [] stored 0 | ",
        "20 c_mediumtext | mediumtext | mediumtext | u0 z0 | len 16777215 prec - scale - dt - | utf8mb4 utf8mb4_general_ci | null 1 default [NULL] | ai 0 onupd 0 | gen [] stored 0 | ",
        "21 c_longtext | longtext | longtext | u0 z0 | len 4294967295 prec - scale - dt - | utf8mb4 utf8mb4_general_ci | null 1 default [NULL] | ai 0 onupd 0 | gen [] stored 0 | ",
        "22 c_binary | binary | binary(16) | u0 z0 | len 16 prec - scale - dt - |   | null 1 default [NULL] | ai 0 onupd 0 | gen [] stored 0 | ",
        "23 c_varbinary | varbinary | varbinary(100) | u0 z0 | len 100 prec - scale - dt - |   | null 1 default [NULL] | ai 0 onupd 0 | gen [] stored 0 | ",
        "24 c_tinyblob | tinyblob | tinyblob | u0 z0 | len 255 prec - scale - dt - |   | null 1 default [NULL] | ai 0 onupd 0 | gen [] stored 0 | ",
        "25 c_blob | blob | blob | u0 z0 | len 65535 prec - scale - dt - |   | null 1 default [NULL] | ai 0 onupd 0 | gen [] stored 0 | ",
        "26 c_mediumblob | mediumblob | mediumblob | u0 z0 | len 16777215 prec - scale - dt - |   | null 1 default [NULL] | ai 0 onupd 0 | gen [] stored 0 | ",
        "27 c_longblob | longblob | longblob | u0 z0 | len 4294967295 prec - scale - dt - |   | null 1 default [NULL] | ai 0 onupd 0 | gen [] stored 0 | ",
        "28 c_date | date | date | u0 z0 | len - prec - scale - dt - |   | null 1 default ['0000-00-00'] | ai 0 onupd 0 | gen [] stored 0 | ",
        "29 c_datetime | datetime | datetime | u0 z0 | len - prec - scale - dt 0 |   | null 1 default [NULL] | ai 0 onupd 0 | gen [] stored 0 | ",
        "30 c_datetime6 | datetime | datetime(6) | u0 z0 | len - prec - scale - dt 6 |   | null 1 default [NULL] | ai 0 onupd 0 | gen [] stored 0 | ",
        "31 c_timestamp | timestamp | timestamp | u0 z0 | len - prec - scale - dt 0 |   | null 0 default [current_timestamp()] | ai 0 onupd 1 | gen [] stored 0 | ",
        "32 c_timestamp3 | timestamp | timestamp(3) | u0 z0 | len - prec - scale - dt 3 |   | null 1 default [NULL] | ai 0 onupd 0 | gen [] stored 0 | ",
        "33 c_time | time | time | u0 z0 | len - prec - scale - dt 0 |   | null 1 default [NULL] | ai 0 onupd 0 | gen [] stored 0 | ",
        "34 c_time6 | time | time(6) | u0 z0 | len - prec - scale - dt 6 |   | null 1 default [NULL] | ai 0 onupd 0 | gen [] stored 0 | ",
        "35 c_year | year | year(4) | u0 z0 | len - prec - scale - dt - |   | null 1 default [NULL] | ai 0 onupd 0 | gen [] stored 0 | ",
        "36 c_bit1 | bit | bit(1) | u0 z0 | len - prec 1 scale - dt - |   | null 1 default [NULL] | ai 0 onupd 0 | gen [] stored 0 | ",
        "37 c_bit12 | bit | bit(12) | u0 z0 | len - prec 12 scale - dt - |   | null 1 default [b'101'] | ai 0 onupd 0 | gen [] stored 0 | ",
        "38 c_enum | enum | enum('a''b','c\\\\d','x,y','Upper','') | u0 z0 | len 5 prec - scale - dt - | utf8mb4 utf8mb4_general_ci | null 0 default ['Upper'] | ai 0 onupd 0 | gen [] stored 0 | ",
        "39 c_set | set | set('p','Q','r s') | u0 z0 | len 7 prec - scale - dt - | utf8mb4 utf8mb4_general_ci | null 1 default [NULL] | ai 0 onupd 0 | gen [] stored 0 | ",
        "40 c_json | json | json | u0 z0 | len 4294967295 prec - scale - dt - | utf8mb4 utf8mb4_bin | null 1 default [NULL] | ai 0 onupd 0 | gen [] stored 0 | ",
        "41 c_geometry | geometry | geometry | u0 z0 | len - prec - scale - dt - |   | null 1 default [NULL] | ai 0 onupd 0 | gen [] stored 0 | ",
        "42 c_point | point | point | u0 z0 | len - prec - scale - dt - |   | null 0 default - | ai 0 onupd 0 | gen [] stored 0 | ",
        "43 c_linestring | linestring | linestring | u0 z0 | len - prec - scale - dt - |   | null 1 default [NULL] | ai 0 onupd 0 | gen [] stored 0 | ",
        "44 c_polygon | polygon | polygon | u0 z0 | len - prec - scale - dt - |   | null 1 default [NULL] | ai 0 onupd 0 | gen [] stored 0 | ",
        "45 c_multipoint | multipoint | multipoint | u0 z0 | len - prec - scale - dt - |   | null 1 default [NULL] | ai 0 onupd 0 | gen [] stored 0 | ",
        "46 c_multilinestring | multilinestring | multilinestring | u0 z0 | len - prec - scale - dt - |   | null 1 default [NULL] | ai 0 onupd 0 | gen [] stored 0 | ",
        "47 c_multipolygon | multipolygon | multipolygon | u0 z0 | len - prec - scale - dt - |   | null 1 default [NULL] | ai 0 onupd 0 | gen [] stored 0 | ",
        "48 c_geometrycollection | geometrycollection | geometrycollection | u0 z0 | len - prec - scale - dt - |   | null 1 default [NULL] | ai 0 onupd 0 | gen [] stored 0 | ",
        "49 c_uuid | uuid | uuid | u0 z0 | len - prec - scale - dt - |   | null 1 default [NULL] | ai 0 onupd 0 | gen [] stored 0 | ",
        "50 c_inet6 | inet6 | inet6 | u0 z0 | len - prec - scale - dt - |   | null 1 default [NULL] | ai 0 onupd 0 | gen [] stored 0 | ",
        "51 c_stored | int | int(11) | u0 z0 | len - prec 10 scale 0 dt - |   | null 1 default - | ai 0 onupd 0 | gen [`c_int` + 1] stored 1 | ",
        "52 c_virtual | varchar | varchar(20) | u0 z0 | len 20 prec - scale - dt - | utf8mb4 utf8mb4_general_ci | null 1 default - | ai 0 onupd 0 | gen [concat(`c_char`,'x')] stored 0 | ",
        "53 c_latin1 | varchar | varchar(20) | u0 z0 | len 20 prec - scale - dt - | latin1 latin1_swedish_ci | null 1 default [NULL] | ai 0 onupd 0 | gen [] stored 0 | ",
    };
    CHECK(describe_all(t->columns) == expected);
    for (std::size_t i = 0; i < std::min(expected.size(), t->columns.size()); ++i)
        CHECK(describe(t->columns[i]) == expected[i]);

    CHECK(describe_all(t->indexes) == std::vector<std::string>{
                                          "PRIMARY primary (id)",
                                          "fk_parent secondary (parent_id)",
                                          "ft_text fulltext (c_mediumtext, c_longtext)",
                                          "idx_composite secondary (c_int, c_bigint desc)",
                                          "idx_prefix secondary (c_text(10))",
                                          "sp_point spatial (c_point(32))",
                                          "uq_varchar unique (c_varchar)",
                                      });
    REQUIRE(t->primary_key() != nullptr);
    CHECK(t->primary_key()->name == "PRIMARY");

    REQUIRE(t->foreign_keys.size() == 1);
    const auto& fk = t->foreign_keys[0];
    CHECK(fk.name == "fk_parent");
    CHECK(fk.columns == std::vector<std::string>{"parent_id"});
    CHECK(fk.referenced_table == "parent");
    CHECK(fk.referenced_columns == std::vector<std::string>{"id"});
    CHECK(fk.on_delete == "CASCADE");
    CHECK(fk.on_update == "RESTRICT");

    const auto* parent = catalog.find_table("parent");
    REQUIRE(parent != nullptr);
    CHECK(parent->comment == "the parent");
    CHECK(parent->auto_increment == std::optional<std::uint64_t>(1));
    CHECK(parent->foreign_keys.empty());
}

TEST_CASE("read_catalog lists views, triggers, routines, sequences and events apart from tables" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::MysqlScratch scratch;
    scratch.exec("CREATE TABLE parent (id INT PRIMARY KEY, name VARCHAR(50))");
    scratch.exec("CREATE VIEW v_parent AS SELECT id, name FROM parent WHERE id > 0");
    scratch.exec("CREATE TRIGGER trg_upper BEFORE INSERT ON parent "
                 "FOR EACH ROW SET NEW.name = UPPER(NEW.name)");
    scratch.exec("CREATE PROCEDURE p_count() SELECT COUNT(*) FROM parent");
    scratch.exec("CREATE FUNCTION f_one() RETURNS INT DETERMINISTIC RETURN 1");
    scratch.exec("CREATE SEQUENCE seq_ids");
    scratch.exec("CREATE EVENT ev_daily ON SCHEDULE EVERY 1 DAY DO DELETE FROM parent WHERE id < 0");
    MysqlConnection connection(scratch.dsn());

    const auto catalog = read_catalog(connection, scratch.name());

    REQUIRE(catalog.tables.size() == 1);
    CHECK(catalog.tables[0].name == "parent");
    CHECK(describe_all(catalog.views) ==
          std::vector<std::string>{"VIEW v_parent: select `" + scratch.name() + "`.`parent`.`id` AS `id`,`" +
                                   scratch.name() + "`.`parent`.`name` AS `name` from `" + scratch.name() +
                                   "`.`parent` where `" + scratch.name() + "`.`parent`.`id` > 0"});
    CHECK(describe_all(catalog.triggers) == std::vector<std::string>{"TRIGGER trg_upper: parent"});
    CHECK(describe_all(catalog.routines) == std::vector<std::string>{
                                                "FUNCTION f_one: returns int(11)",
                                                "PROCEDURE p_count: ",
                                                "SEQUENCE seq_ids: ",
                                            });
    CHECK(describe_all(catalog.events) == std::vector<std::string>{"EVENT ev_daily: EVERY 1 DAY, ENABLED"});
}

TEST_CASE("read_catalog keeps identifiers that need quoting in MySQL byte for byte" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::MysqlScratch scratch;
    scratch.exec("CREATE TABLE `select` (`we``ird` INT PRIMARY KEY, `from` INT, "
                 "UNIQUE KEY `key``s` (`from`))");
    scratch.exec("CREATE TABLE `Posts` (`Id` INT PRIMARY KEY, `Message` TEXT, `ParentId` INT, "
                 "CONSTRAINT `Fk Parent` FOREIGN KEY (`ParentId`) REFERENCES `Posts` (`Id`) "
                 "ON UPDATE SET NULL ON DELETE NO ACTION)");
    scratch.exec("CREATE TABLE `tëst_表` (`ключ` INT) DEFAULT CHARSET=latin1");
    scratch.exec("CREATE TABLE `uca` (`j` JSON, `t` LONGTEXT CHECK (json_valid(`t`) OR `t` = '')) "
                 "COLLATE utf8mb4_uca1400_ai_ci");
    MysqlConnection connection(scratch.dsn());

    const auto catalog = read_catalog(connection, scratch.name());

    std::vector<std::string> names;
    for (const auto& t : catalog.tables) names.push_back(t.name);
    // Byte order, not the server's case-insensitive collation order.
    CHECK(names == std::vector<std::string>{"Posts", "select", "tëst_表", "uca"});

    const auto* select = catalog.find_table("select");
    REQUIRE(select != nullptr);
    REQUIRE(select->columns.size() == 2);
    CHECK(select->columns[0].name == "we`ird");
    CHECK(describe_all(select->indexes) ==
          std::vector<std::string>{"PRIMARY primary (we`ird)", "key`s unique (from)"});

    const auto* posts = catalog.find_table("Posts");
    REQUIRE(posts != nullptr);
    REQUIRE(posts->foreign_keys.size() == 1);
    CHECK(posts->foreign_keys[0].name == "Fk Parent");
    CHECK(posts->foreign_keys[0].referenced_table == "Posts");
    CHECK(posts->foreign_keys[0].columns == std::vector<std::string>{"ParentId"});
    CHECK(posts->foreign_keys[0].on_update == "SET NULL");
    CHECK(posts->foreign_keys[0].on_delete == "NO ACTION");

    const auto* unicode = catalog.find_table("tëst_表");
    REQUIRE(unicode != nullptr);
    CHECK(unicode->charset == "latin1");
    CHECK(unicode->collation == "latin1_swedish_ci");
    REQUIRE(unicode->columns.size() == 1);
    CHECK(unicode->columns[0].name == "ключ");

    // MariaDB 10.10+ names this collation uca1400_ai_ci in COLLATION_NAME.
    const auto* uca = catalog.find_table("uca");
    REQUIRE(uca != nullptr);
    CHECK(uca->collation == "utf8mb4_uca1400_ai_ci");
    CHECK(uca->charset == "utf8mb4");
    REQUIRE(uca->columns.size() == 2);
    CHECK(uca->columns[0].column_type == "json");
    // A longtext whose check is more than json_valid() stays longtext.
    CHECK(uca->columns[1].column_type == "longtext");
}

TEST_CASE("read_catalog of a database that does not exist is a SourceError" *
          doctest::skip(m2pg::test::skip_servers())) {
    MysqlConnection connection(m2pg::test::mysql_dsn());

    try {
        read_catalog(connection, "m2pg_no_such_db");
        FAIL("read_catalog did not throw");
    } catch (const m2pg::SourceError& e) {
        CHECK(e.mysql_errno() == 1049);
        CHECK(e.describe() == "reading the catalog of `m2pg_no_such_db` on " + connection.display() +
                                  ": database `m2pg_no_such_db` does not exist on " + connection.display());
    }
}

TEST_CASE("read_catalog reads 500 tables in a constant number of queries" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::MysqlScratch scratch;
    std::string ddl;
    for (int i = 0; i < 500; ++i) {
        const std::string n = std::to_string(i);
        ddl += "CREATE TABLE t" + n + " (id INT PRIMARY KEY, a VARCHAR(20), b TEXT, c DATETIME, " +
               "KEY ia (a), KEY ic (c, a));";
    }
    scratch.exec(ddl);
    MysqlConnection connection(scratch.dsn());
    auto questions = [&] {
        return std::stol(connection.query("SHOW SESSION STATUS LIKE 'Questions'").rows.at(0).at(1).value());
    };

    const long before = questions();
    const auto started = std::chrono::steady_clock::now();
    const auto catalog = read_catalog(connection, scratch.name());
    const auto elapsed = std::chrono::steady_clock::now() - started;
    const long after = questions();

    CHECK(catalog.tables.size() == 500);
    CHECK(catalog.find_table("t499")->columns.size() == 4);
    CHECK(describe_all(catalog.find_table("t7")->indexes) ==
          std::vector<std::string>{"PRIMARY primary (id)", "ia secondary (a)", "ic secondary (c, a)"});
    CHECK(after - before == 14);  // 13 catalog queries and the SHOW STATUS itself
    CHECK(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count() < 5000);
}
