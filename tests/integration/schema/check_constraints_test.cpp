#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "migrate/apply_plan.hpp"
#include "schema/create.hpp"
#include "source/mysql/catalog.hpp"
#include "support/servers.hpp"
#include "target/postgres/connection.hpp"
#include "util/error.hpp"

namespace {

using m2pg::schema::DdlPhase;
using m2pg::target::postgres::PgConnection;

const std::vector<DdlPhase> kAfterCopy = {DdlPhase::Indexes, DdlPhase::ForeignKeys, DdlPhase::Fulltext};

// The SQLSTATE of the statement's failure, or "" when it succeeds.
std::string sqlstate_of(PgConnection& pg, const std::string& sql) {
    try {
        pg.execute(sql);
        return "";
    } catch (const m2pg::TargetError& e) {
        return e.sqlstate();
    }
}

std::string check_names(const m2pg::test::PgScratch& pg, const std::string& table) {
    return pg.scalar("SELECT string_agg(conname, ',' ORDER BY conname) FROM pg_constraint WHERE conrelid = "
                     "'public." + table + "'::regclass AND contype = 'c'")
        .value_or("");
}

// The table's table-level notes (not the column type notes), one a line.
std::string notes_about(const m2pg::schema::DdlPlan& plan, const std::string& table) {
    std::string out;
    for (const auto& n : plan.notes)
        if (n.table == table && n.column.empty()) out += n.message + "\n";
    return out;
}

}  // namespace

TEST_CASE("MySQL CHECK constraints are validated against the copied rows and then reject what MySQL rejects" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    db.mysql.exec(
        "CREATE TABLE staff (id INT PRIMARY KEY, salary DECIMAL(10,2) NOT NULL CHECK (salary > 0), age INT, "
        "code VARCHAR(10) COLLATE utf8mb4_bin, name VARCHAR(20), hired DATE, doc JSON, "
        "CONSTRAINT chk_age CHECK (age BETWEEN 18 AND 99), "
        "CONSTRAINT chk_code CHECK (code IN ('a', 'b''c') OR code IS NULL), "
        "CONSTRAINT chk_name CHECK (name IN ('x', 'y')), "
        "CONSTRAINT chk_hired CHECK (hired >= '2000-01-01'))");

    auto schema = m2pg::schema::generate_from_catalog(m2pg::source::mysql::read_catalog(db.mysql.dsn()), {});
    PgConnection pg(db.pg.dsn());
    m2pg::migrate::apply_plan(pg, schema.plan, {DdlPhase::Tables});
    // A row the copy brought over: the constraints must accept it when they are validated.
    pg.execute("INSERT INTO staff VALUES (1, 10.5, 18, 'b''c', 'X', '2000-01-01', '{}')");
    m2pg::migrate::apply_plan(pg, schema.plan, kAfterCopy);

    // The json_valid guard became jsonb, and the case-insensitive IN was not translated.
    CHECK(check_names(db.pg, "staff") == "chk_age,chk_code,chk_hired,staff_salary_check");
    CHECK(notes_about(schema.plan, "staff") ==
          std::string("CHECK chk_name (`name` in ('x','y')) not translated: IN on text under the "
                                   "collation utf8mb4_general_ci, which ignores case (or accents, or trailing "
                                   "spaces) in MySQL and not in Postgres; add it by hand\n"));
    CHECK(db.pg.scalar("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'chk_age'") ==
          "CHECK (((age >= 18) AND (age <= 99)))");

    CHECK(sqlstate_of(pg, "INSERT INTO staff (id, salary) VALUES (2, 0)") == "23514");
    CHECK(sqlstate_of(pg, "INSERT INTO staff (id, salary, age) VALUES (3, 1, 17)") == "23514");
    CHECK(sqlstate_of(pg, "INSERT INTO staff (id, salary, code) VALUES (4, 1, 'A')") == "23514");
    CHECK(sqlstate_of(pg, "INSERT INTO staff (id, salary, hired) VALUES (5, 1, '1999-12-31')") == "23514");
    CHECK(sqlstate_of(pg, "INSERT INTO staff VALUES (6, 0.01, 99, 'a', 'z', '2024-02-29', '[]')") == "");
    CHECK(sqlstate_of(pg, "INSERT INTO staff (id, salary) VALUES (7, 1)") == "");  // NULLs pass, as in MySQL
    CHECK(db.pg.scalar("SELECT COUNT(*) FROM staff") == "3");
}

TEST_CASE("every clause the translator accepts is valid Postgres and holds for rows MySQL accepted" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    db.mysql.exec(
        "CREATE TABLE forms (id INT PRIMARY KEY, a SMALLINT, b SMALLINT, big BIGINT UNSIGNED, r DOUBLE, "
        "s VARCHAR(20) COLLATE utf8mb4_bin, t TEXT COLLATE latin1_general_cs, d DATE, dt DATETIME(3), "
        "CONSTRAINT c_mul CHECK (a * b < 50000), "
        "CONSTRAINT c_mod CHECK (a MOD 2 = 0 OR a DIV 3 > 1 OR -a < 5), "
        "CONSTRAINT c_null CHECK (NOT (b <=> NULL) OR a IS NULL), "
        "CONSTRAINT c_like CHECK (s LIKE 'k%' AND s NOT LIKE '%\\\\%%' AND char_length(s) BETWEEN 2 AND 20), "
        "CONSTRAINT c_regexp CHECK (s REGEXP '^k[a-z0-9_]*$' AND s NOT RLIKE 'x{3}'), "
        "CONSTRAINT c_case CHECK (lower(s) = s AND upper(t) <> 'NO' AND coalesce(t, '') <> 'bad'), "
        "CONSTRAINT c_numbers CHECK (abs(r) <= 1.5e3 AND big NOT BETWEEN 10 AND 20 AND big IN (1, 2, 30) AND TRUE = 1), "
        "CONSTRAINT c_dates CHECK (d > '2000-01-01' AND dt <= '2100-12-31 23:59:59.999' AND dt >= d), "
        "CONSTRAINT c_div CHECK (a / 2 < 1000))");
    db.mysql.exec("INSERT INTO forms VALUES (1, 200, 200, 30, -2.5, 'k_1', 'yes', '2020-01-01', '2020-01-01 10:00:00')");

    auto schema = m2pg::schema::generate_from_catalog(m2pg::source::mysql::read_catalog(db.mysql.dsn()), {});
    PgConnection pg(db.pg.dsn());
    m2pg::migrate::apply_plan(pg, schema.plan, {DdlPhase::Tables});
    // The row MySQL holds, as the copy writes it: 200 * 200 overflows smallint in Postgres
    // unless the translation widened it.
    pg.execute("INSERT INTO forms VALUES (1, 200, 200, 30, -2.5, 'k_1', 'yes', '2020-01-01', '2020-01-01 10:00:00')");
    m2pg::migrate::apply_plan(pg, schema.plan, kAfterCopy);

    CHECK(check_names(db.pg, "forms") == "c_case,c_dates,c_like,c_mod,c_mul,c_null,c_numbers,c_regexp");
    CHECK(notes_about(schema.plan, "forms") ==
          "CHECK c_div (`a` / 2 < 1000) not translated: division, which MySQL answers with NULL for a zero divisor "
          "and with a decimal for integers; add it by hand\n");
    CHECK(sqlstate_of(pg, "INSERT INTO forms (id, s) VALUES (2, 'k__')") == "");
    CHECK(sqlstate_of(pg, "INSERT INTO forms (id, s) VALUES (3, 'K__')") == "23514");
    CHECK(sqlstate_of(pg, "INSERT INTO forms (id, s) VALUES (4, 'kxxx')") == "23514");
    CHECK(sqlstate_of(pg, "INSERT INTO forms (id, s) VALUES (5, 'k%')") == "23514");
    CHECK(sqlstate_of(pg, "INSERT INTO forms (id, a, b) VALUES (6, 250, 250)") == "23514");
    CHECK(sqlstate_of(pg, "INSERT INTO forms (id, big) VALUES (7, 2)") == "");
    CHECK(sqlstate_of(pg, "INSERT INTO forms (id, big) VALUES (8, 3)") == "23514");
}

TEST_CASE("a partitioned MariaDB table is read with its partitioning and created plain with a note" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    db.mysql.exec(
        "CREATE TABLE salaries (emp_no INT, from_date DATE, PRIMARY KEY (emp_no, from_date)) "
        "PARTITION BY RANGE (YEAR(from_date)) (PARTITION p0 VALUES LESS THAN (1990), "
        "PARTITION p1 VALUES LESS THAN (2000), PARTITION p2 VALUES LESS THAN MAXVALUE); "
        "CREATE TABLE plain (id INT PRIMARY KEY)");

    auto schema = m2pg::schema::generate_from_catalog(m2pg::source::mysql::read_catalog(db.mysql.dsn()), {});
    CHECK(schema.catalog.find_table("salaries")->partitioning == "RANGE (year(from_date)), 3 partitions");
    CHECK(schema.catalog.find_table("plain")->partitioning.empty());
    CHECK(notes_about(schema.plan, "salaries") ==
          std::string("partitioned in MySQL (RANGE (year(from_date)), 3 partitions); created as a plain "
                                   "table\n"));
    CHECK(notes_about(schema.plan, "plain").empty());
    PgConnection pg(db.pg.dsn());
    m2pg::migrate::apply_plan(pg, schema.plan, {DdlPhase::Tables, DdlPhase::Indexes, DdlPhase::ForeignKeys,
                                               DdlPhase::Fulltext});
    CHECK(db.pg.scalar("SELECT relkind::text FROM pg_class WHERE oid = 'public.salaries'::regclass") == "r");
}
