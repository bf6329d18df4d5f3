// pgloader's own MySQL test databases (dimitri/pgloader test/mysql and clojure/tests/mysql):
// edge cases from years of pgloader bug reports. Zero dates, bit(n) with defaults, enum/set,
// year, unsigned, geometry, json, binary types, latin1, datetime(n), ON UPDATE, CHECK
// constraints, FULLTEXT, CamelCase and hyphenated identifiers.
#include <doctest/doctest.h>

#include "corpora/corpus_loader.hpp"
#include "corpora/copy_verify.hpp"

namespace {

namespace corpora = m2pg::test::corpora;
const std::string kDir = "extra/pgloader-mysql-tests/";

// mytest.sql creates and USEs pgloader_mytest and grants to a 'pgloader' user; none of
// that may touch the shared server, so those lines go.
void load_mytest(const m2pg::test::MysqlScratch& db) {
    corpora::load_sql(db.name(), corpora::drop_lines(corpora::read_corpus(kDir + "mytest.sql"),
                                                     "(CREATE DATABASE|USE |GRANT |FLUSH PRIVILEGES)"));
}

std::optional<std::string> column_default(const m2pg::test::PgScratch& pg, const std::string& table,
                                          const std::string& column) {
    return pg.scalar("SELECT column_default FROM information_schema.columns WHERE table_schema = 'public' "
                     "AND table_name = '" + table + "' AND column_name = '" + column + "'");
}

}  // namespace

TEST_CASE("pgloader's my.sql loads with its row counts and its DDL applies" *
          doctest::skip(corpora::skip_corpora())) {
    m2pg::test::Scratch db;
    corpora::load_sql(db.mysql.name(), corpora::read_corpus(kDir + "my.sql"));
    corpora::check_row_counts(db.mysql, corpora::read_rowcounts(kDir + "rowcounts.tsv", "pgloader_my"));
    auto generated = corpora::apply_all_phases(db.mysql, db.pg);
    CHECK(generated.catalog.tables.size() == 16);
    // The hyphenated table name needs quotes; Postgres folds nothing inside them.
    CHECK(db.pg.scalar("SELECT to_regclass('public.\"utilisateurs__yvelines2013-06-28\"') IS NOT NULL") == "t");
    CHECK(corpora::pg_column_types(db.pg, "utilisateurs__yvelines2013-06-28")["anciennete"] == "smallint");  // year(4)
}

TEST_CASE("pgloader's mytest: zero-date defaults, bit(n), set, datetime(n), geometry and odd names map as designed" *
          doctest::skip(corpora::skip_corpora())) {
    m2pg::test::Scratch db;
    load_mytest(db.mysql);
    corpora::check_row_counts(db.mysql, corpora::read_rowcounts(kDir + "rowcounts.tsv", "pgloader_mytest"));
    auto generated = corpora::apply_all_phases(db.mysql, db.pg);
    const auto& plan = generated.plan;

    {  // zero-date defaults are dropped with a note, never turned into a bogus date
        for (const auto& [table, column] : std::vector<std::pair<std::string, std::string>>{
                 {"races", "date"}, {"events", "created_at"}, {"zero_dates_notnull", "created_at"},
                 {"zero_dates_notnull", "updated_at"}}) {
            CAPTURE(table);
            CAPTURE(column);
            CHECK(corpora::contains(corpora::notes_for(plan, table, column), "zero-date default"));
            CHECK(column_default(db.pg, table, column) == std::nullopt);
        }
        // A NOT NULL column that really holds a zero date: its NOT NULL goes (as pgloader
        // does, #1676) so the row can be copied with NULL, and the note says so.
        CHECK(db.mysql.scalar("SELECT COUNT(*) FROM zero_dates_notnull WHERE created_at = '0000-00-00 00:00:00'") ==
              "1");
        CHECK(corpora::contains(corpora::notes_for(plan, "zero_dates_notnull", "created_at"), "NOT NULL dropped"));
        CHECK(db.pg.scalar("SELECT is_nullable FROM information_schema.columns WHERE table_name = "
                           "'zero_dates_notnull' AND column_name = 'created_at'") == "YES");
    }

    {  // bit(1) → boolean, bit(n) → bit varying(n), defaults included (pgloader #1280)
        auto bit_defaults = corpora::pg_column_types(db.pg, "bit_defaults");
        CHECK(bit_defaults["flags"] == "bit varying(8)");
        CHECK(bit_defaults["single_bit"] == "boolean");
        CHECK(column_default(db.pg, "bit_defaults", "flags") == "'00000000'::\"bit\"");
        CHECK(column_default(db.pg, "bit_defaults", "single_bit") == "false");
        CHECK(corpora::pg_column_types(db.pg, "countdata_template")["flags"] == "bit varying(16)");
        CHECK(corpora::pg_column_types(db.pg, "bits")["bool"] == "boolean");
    }

    {  // datetime(n) keeps its precision; CURRENT_TIMESTAMP(6) stays a function (pgloader #1629, #1403)
        auto precision = corpora::pg_column_types(db.pg, "type_precision");
        CHECK(precision["ts6"] == "timestamp(6) without time zone");
        CHECK(precision["ts3"] == "timestamp(3) without time zone");
        CHECK(precision["t3"] == "interval");
        CHECK(precision["plain_ts"] == "timestamp(0) without time zone");
        CHECK(column_default(db.pg, "type_precision", "ts6") == "CURRENT_TIMESTAMP(6)");
    }

    {  // set → text[] with its default and a CHECK; enum → text with a CHECK (pgloader #1522)
        CHECK(corpora::pg_column_types(db.pg, "set_column")["perms"] == "text[]");
        CHECK(column_default(db.pg, "set_column", "perms") == "ARRAY['read'::text]");
        db.pg.exec("INSERT INTO set_column (perms) VALUES (ARRAY['read', 'execute'])");
        CHECK_THROWS(db.pg.exec("INSERT INTO set_column (perms) VALUES (ARRAY['admin'])"));
        CHECK(corpora::pg_column_types(db.pg, "orders")["status"] == "text");
    }

    {  // binary, json, geometry, unsigned and fulltext
        auto binary = corpora::pg_column_types(db.pg, "binary_types");
        CHECK(binary["uuid_col"] == "bytea");
        CHECK(binary["data_col"] == "bytea");
        CHECK(corpora::pg_column_types(db.pg, "ip_addresses")["ip_raw"] == "bytea");
        CHECK(corpora::pg_column_types(db.pg, "type_mapping_test")["meta"] == "jsonb");
        CHECK(corpora::pg_column_types(db.pg, "type_mapping_test")["flag"] == "boolean");
        CHECK(corpora::pg_column_types(db.pg, "geom")["p"] == "bytea");
        CHECK(corpora::contains(corpora::notes_for(plan, "geom", "p"), "SRID"));
        auto unsigned_types = corpora::pg_column_types(db.pg, "pgloader_test_unsigned");
        CHECK(corpora::join(unsigned_types) == "id=integer, sm=smallint, tu=smallint");
        // bigint unsigned AUTO_INCREMENT: numeric(20) fed by a sequence, with a note on its limit.
        CHECK(corpora::pg_column_types(db.pg, "history")["id"] == "numeric(20,0)");
        CHECK(column_default(db.pg, "history", "id") == "nextval('history_id_seq'::regclass)");
        CHECK(corpora::contains(corpora::notes_for(plan, "history", "id"), "sequence"));
        CHECK(corpora::contains(*db.pg.scalar("SELECT indexdef FROM pg_indexes WHERE indexname = 'fcm_batches_search'"),
                                "USING gin (to_tsvector("));
        CHECK(corpora::contains(corpora::notes_for(plan, "on_update_ts", "updated_at"), "ON UPDATE"));
    }

    {  // CamelCase folds to lower case by default; the hyphenated table keeps its quotes
        CHECK(corpora::join(corpora::pg_column_types(db.pg, "camelcasetable")) ==
              "myid=integer, myname=character varying(100)");
        CHECK(db.pg.scalar("SELECT COUNT(*) FROM pg_constraint WHERE conrelid = "
                           "'public.\"utilisateurs__yvelines2013-06-28\"'::regclass AND contype = 'c'") == "5");
    }

    // With preserved case the names are quoted as MySQL spells them (pgloader's 05-camelcase).
    m2pg::test::PgScratch preserved;
    m2pg::schema::DdlOptions options;
    options.identifier_case = m2pg::target::postgres::IdentifierCase::Preserve;
    corpora::apply_all_phases(db.mysql, preserved, options);
    CHECK(corpora::join(corpora::pg_column_types(preserved, "CamelCaseTable")) ==
          "MyId=integer, MyName=character varying(100)");
    CHECK(preserved.scalar("SELECT COUNT(*) FROM \"CamelCaseTable\"") == "0");
    CHECK(preserved.scalar("SELECT to_regclass('public.\"utilisateurs__Yvelines2013-06-28\"') IS NOT NULL") == "t");
}

// Both checks translate (numeric comparisons read the same in Postgres), so they arrive as
// constraints rather than notes.
TEST_CASE("pgloader's salary_check CHECK constraints reach Postgres or are reported (pgloader #1645)" *
          doctest::skip(corpora::skip_corpora())) {
    m2pg::test::Scratch db;
    db.mysql.exec("CREATE TABLE salary_check (id INT PRIMARY KEY, salary DECIMAL(10,2) NOT NULL, age INT NOT NULL, "
                  "CONSTRAINT chk_salary_positive CHECK (salary > 0), "
                  "CONSTRAINT chk_age_range CHECK (age BETWEEN 18 AND 99))");
    REQUIRE(db.mysql.scalar("SELECT COUNT(*) FROM information_schema.check_constraints WHERE "
                            "constraint_schema = DATABASE() AND table_name = 'salary_check'") == "2");
    auto generated = corpora::apply_all_phases(db.mysql, db.pg);
    auto checks = db.pg.scalar("SELECT COUNT(*) FROM pg_constraint WHERE conrelid = 'salary_check'::regclass "
                               "AND contype = 'c'");
    std::size_t notes = 0;
    for (const auto& n : generated.plan.notes)
        if (n.table == "salary_check" && (corpora::contains(n.message, "chk_") || corpora::contains(n.object, "chk_")))
            ++notes;
    CHECK(checks == "2");
    CHECK(notes == 0);
    CHECK(db.pg.scalar("SELECT string_agg(conname || ' ' || pg_get_constraintdef(oid), '; ' ORDER BY conname) FROM "
                       "pg_constraint WHERE conrelid = 'salary_check'::regclass AND contype = 'c'") ==
          "chk_age_range CHECK (((age >= 18) AND (age <= 99))); chk_salary_positive CHECK ((salary > (0)::numeric))");
    db.pg.exec("INSERT INTO salary_check VALUES (1, 0.01, 18)");
    CHECK_THROWS_WITH(db.pg.exec("INSERT INTO salary_check VALUES (2, 0, 30)"),
                      doctest::Contains("chk_salary_positive"));
}

TEST_CASE("pgloader's db789 and misc dumps (hex, history, f1db circuits) load with their row counts and apply" *
          doctest::skip(corpora::skip_corpora())) {
    {
        m2pg::test::Scratch db;
        corpora::load_sql(db.mysql.name(), corpora::drop_lines(corpora::read_corpus(kDir + "db789.sql"),
                                                               "(drop database|create database|use )"));
        corpora::check_row_counts(db.mysql, corpora::read_rowcounts(kDir + "rowcounts.tsv", "db789"));
        auto generated = corpora::apply_all_phases(db.mysql, db.pg);
        CHECK(generated.catalog.views.size() == 1);
        CHECK(corpora::pg_column_types(db.pg, "refrain")["id"] == "character varying(1)");
    }
    {
        m2pg::test::Scratch db;
        for (const char* file : {"hex.sql", "history.sql", "f1db.circuits.my.sql"})
            corpora::load_sql(db.mysql.name(), corpora::read_corpus(kDir + file));
        corpora::check_row_counts(db.mysql, corpora::read_rowcounts(kDir + "rowcounts.tsv", "pgloader_misc"));
        corpora::apply_all_phases(db.mysql, db.pg);
        auto circuits = corpora::pg_column_types(db.pg, "circuits");
        CHECK(circuits["lat"] == "real");
        CHECK(circuits["circuitid"] == "integer");
        CHECK(db.pg.scalar("SELECT indexdef FROM pg_indexes WHERE tablename = 'circuits' AND indexname <> "
                           "'circuits_pkey'") ==
              "CREATE UNIQUE INDEX circuits_url ON public.circuits USING btree (url)");
    }
}

TEST_CASE("pgloader's test databases are copied by m2pg copy and every row verified by value" *
          doctest::skip(corpora::skip_corpora())) {
    SUBCASE("my.sql") {
        m2pg::test::Scratch db;
        corpora::load_sql(db.mysql.name(), corpora::read_corpus(kDir + "my.sql"));
        corpora::apply_all_phases(db.mysql, db.pg);
        corpora::check_identical(corpora::copy_and_verify(db), corpora::read_rowcounts(kDir + "rowcounts.tsv", "pgloader_my"));
    }
    SUBCASE("mytest.sql") {
        m2pg::test::Scratch db;
        load_mytest(db.mysql);
        corpora::apply_all_phases(db.mysql, db.pg);
        corpora::check_identical(corpora::copy_and_verify(db),
                                 corpora::read_rowcounts(kDir + "rowcounts.tsv", "pgloader_mytest"));
    }
    SUBCASE("db789.sql") {
        m2pg::test::Scratch db;
        corpora::load_sql(db.mysql.name(), corpora::drop_lines(corpora::read_corpus(kDir + "db789.sql"),
                                                               "(drop database|create database|use )"));
        corpora::apply_all_phases(db.mysql, db.pg);
        corpora::check_identical(corpora::copy_and_verify(db), corpora::read_rowcounts(kDir + "rowcounts.tsv", "db789"));
    }
    SUBCASE("hex, history and f1db circuits") {
        m2pg::test::Scratch db;
        for (const char* file : {"hex.sql", "history.sql", "f1db.circuits.my.sql"})
            corpora::load_sql(db.mysql.name(), corpora::read_corpus(kDir + file));
        corpora::apply_all_phases(db.mysql, db.pg);
        corpora::check_identical(corpora::copy_and_verify(db),
                                 corpora::read_rowcounts(kDir + "rowcounts.tsv", "pgloader_misc"));
    }
}
