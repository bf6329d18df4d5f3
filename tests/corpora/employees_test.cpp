// employees (datacharmer/test_db), PARTIAL: schema, views and routines, but only the two
// small dumps (departments, dept_manager); the ~3.9M-row body is not in the snapshot.
// Composite primary keys, an enum, 9999-01-01 sentinel dates, FKs with ON DELETE CASCADE,
// and a RANGE-partitioned variant.
#include <doctest/doctest.h>

#include "corpora/corpus_loader.hpp"
#include "corpora/copy_verify.hpp"

namespace {

namespace corpora = m2pg::test::corpora;

// employees.sql pulls its data in with the client's `source FILE ;` relative to its own
// directory; the two dumps we have are inlined instead (so no chdir), the missing ones
// dropped. dept_manager's emp_no rows reference the missing employees, hence its FK
// checks are off while it loads (as LOAD.md does).
std::string employees_script(const std::string& schema_file) {
    auto sql = corpora::drop_lines(corpora::read_corpus("employees/" + schema_file),
                                   "(DROP DATABASE|CREATE DATABASE|USE |source load_(employees|dept_emp|titles|"
                                   "salaries[123])\\.dump|source show_elapsed)");
    sql = corpora::replace_all(sql, "source load_departments.dump ;",
                               corpora::read_corpus("employees/load_departments.dump"));
    auto dept_manager = corpora::read_corpus("employees/load_dept_manager.dump");
    return corpora::replace_all(sql, "source load_dept_manager.dump ;",
                                "SET FOREIGN_KEY_CHECKS=0;\n" + dept_manager + "\nSET FOREIGN_KEY_CHECKS=1;");
}

}  // namespace

TEST_CASE("employees (partial) loads with its row counts, views and routines, and its DDL applies" *
          doctest::skip(corpora::skip_corpora())) {
    m2pg::test::Scratch db;
    auto script = employees_script("employees.sql");
    REQUIRE_FALSE(corpora::contains(script, "source "));
    corpora::load_sql(db.mysql.name(), script);
    corpora::load_sql(db.mysql.name(), corpora::drop_lines(corpora::read_corpus("employees/objects.sql"), "use "));
    corpora::check_row_counts(db.mysql, corpora::read_rowcounts("employees/rowcounts.tsv"));
    // The 9999-01-01 "until further notice" sentinel is a real date, not a zero date.
    CHECK(db.mysql.scalar("SELECT COUNT(*) FROM dept_manager WHERE to_date = '9999-01-01'") == "9");

    auto generated = corpora::apply_all_phases(db.mysql, db.pg);
    std::map<std::string, std::string> routines;
    for (const auto& r : generated.catalog.routines) routines[r.name] = r.kind;
    CHECK(corpora::join(routines) ==
          "current_manager=FUNCTION, emp_dept_id=FUNCTION, emp_dept_name=FUNCTION, emp_name=FUNCTION, "
          "employees_help=PROCEDURE, employees_usage=FUNCTION, show_departments=PROCEDURE");
    CHECK(generated.catalog.views.size() == 4);

    auto employees = corpora::pg_column_types(db.pg, "employees");
    CHECK(corpora::join(employees) ==
          "birth_date=date, emp_no=integer, first_name=character varying(14), gender=text, hire_date=date, "
          "last_name=character varying(16)");
    CHECK(db.pg.scalar("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'titles_pkey'") ==
          "PRIMARY KEY (emp_no, title, from_date)");
    CHECK(db.pg.scalar("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'dept_emp_ibfk_1'") ==
          "FOREIGN KEY (emp_no) REFERENCES employees(emp_no) ON UPDATE RESTRICT ON DELETE CASCADE");
    CHECK(corpora::count_constraints(db.pg, 'f') == "6");
}

TEST_CASE("employees_partitioned's RANGE-partitioned tables become plain Postgres tables" *
          doctest::skip(corpora::skip_corpora())) {
    m2pg::test::Scratch db;
    corpora::load_sql(db.mysql.name(), employees_script("employees_partitioned.sql"));
    REQUIRE(db.mysql.scalar("SELECT COUNT(DISTINCT partition_name) FROM information_schema.partitions WHERE "
                            "table_schema = DATABASE() AND table_name = 'salaries'") == "19");
    auto generated = corpora::apply_all_phases(db.mysql, db.pg);
    CHECK(corpora::notes_for(generated.plan, "salaries", "") ==
          "partitioned in MySQL (RANGE COLUMNS (from_date), 19 partitions); created as a plain table");
    CHECK(db.pg.scalar("SELECT string_agg(relname || ':' || relkind::text, ',' ORDER BY relname) FROM pg_class WHERE "
                       "relnamespace = 'public'::regnamespace AND relname IN ('salaries', 'titles')") ==
          "salaries:r,titles:r");
    CHECK(db.pg.scalar("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'salaries_pkey'") ==
          "PRIMARY KEY (emp_no, from_date)");
}

TEST_CASE("employees (partial) is copied by m2pg copy and every row verified by value" *
          doctest::skip(corpora::skip_corpora())) {
    m2pg::test::Scratch db;
    corpora::load_sql(db.mysql.name(), employees_script("employees.sql"));
    corpora::apply_all_phases(db.mysql, db.pg);
    const auto r = corpora::copy_and_verify(db);
    // Every row arrives and compares equal...
    corpora::check_tables_identical(r, corpora::read_rowcounts("employees/rowcounts.tsv"));
    // ...but the snapshot itself breaks a foreign key: its dept_manager rows were loaded with
    // FOREIGN_KEY_CHECKS=0 and reference employees that are not in it (their dump is missing).
    // Postgres cannot validate that key: index names it and its rows, leaves it NOT VALID and
    // fails; verify reports it as not rebuilt, with every table identical.
    const std::string index = r.index.out + r.index.err;
    INFO("m2pg index: " << index);
    CHECK(r.index.exit_code != 0);
    CHECK(corpora::contains(index, "1 of 10 failed (dept_manager.dept_manager_ibfk_1)"));
    CHECK(corpora::contains(index, "24 row(s) reference a missing employees row"));
    CHECK(db.pg.scalar("SELECT convalidated FROM pg_constraint WHERE conname = 'dept_manager_ibfk_1'") == "f");
    CHECK(r.verify.exit_code == 1);
    REQUIRE(r.report["findings"].size() == 1);
    CHECK(corpora::contains(r.report["findings"][0]["message"].get<std::string>(), "not rebuilt yet"));
}
