// nmig's test schema (AnatolyUss/nmig): one table with nearly every MySQL type, column and
// table comments, a NUL byte inside a default, composite unique keys and foreign keys.
#include <doctest/doctest.h>

#include "corpora/corpus_loader.hpp"
#include "corpora/copy_verify.hpp"

namespace corpora = m2pg::test::corpora;

TEST_CASE("nmig's type-torture schema loads with its row counts and maps every column type" *
          doctest::skip(corpora::skip_corpora())) {
    m2pg::test::Scratch db;
    corpora::load_sql(db.mysql.name(), corpora::read_corpus("extra/nmig/test_schema.sql"));
    corpora::check_row_counts(db.mysql, corpora::read_rowcounts("extra/nmig/rowcounts.tsv"));
    auto generated = corpora::apply_all_phases(db.mysql, db.pg);

    auto a = corpora::pg_column_types(db.pg, "table_a");
    const std::map<std::string, std::string> expected = {
        {"id_test_sequence", "bigint"},
        {"json_test_comment", "jsonb"},
        {"bit", "boolean"},
        {"year", "smallint"},
        {"tinyint_test_default", "smallint"},
        {"smallint", "smallint"},
        {"mediumint", "integer"},
        {"bigint", "bigint"},
        {"float", "real"},
        {"double", "double precision"},
        {"double_precision", "double precision"},
        {"numeric", "numeric(10,0)"},
        {"decimal", "numeric(65,30)"},
        {"decimal_19_2", "numeric(19,2)"},
        {"date", "date"},
        {"time", "interval"},
        {"datetime", "timestamp(0) without time zone"},
        {"timestamp", "timestamp(0) with time zone"},
        {"enum", "text"},
        {"set", "text[]"},
        {"tinytext", "text"},
        {"longtext", "text"},
        {"varbinary", "bytea"},
        {"binary", "bytea"},
        {"tinyblob", "bytea"},
        {"longblob", "bytea"},
        {"null_char_in_varchar", "character varying(6)"},
        {"char_5", "character varying(5)"},
        {"varchar_5", "character varying(5)"},
    };
    for (const auto& [column, type] : expected) {
        CAPTURE(column);
        CHECK(a[column] == type);
    }
    CHECK(a.size() == 40);

    // A default with NUL bytes (x'373300350035') cannot exist in Postgres: dropped, with a note.
    CHECK(corpora::contains(corpora::notes_for(generated.plan, "table_a", "null_char_in_varchar"), "NUL"));
    CHECK(db.pg.scalar("SELECT column_default FROM information_schema.columns WHERE table_name = 'table_a' "
                       "AND column_name = 'null_char_in_varchar'") == std::nullopt);
    CHECK(db.pg.scalar("SELECT obj_description('public.table_a'::regclass, 'pg_class')") == "test table comment");
    CHECK(db.pg.scalar("SELECT col_description('public.table_a'::regclass, 8)") == "test column comment");
    CHECK(db.pg.scalar("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = "
                       "'table_c_table_b_id_1_2_foreign'") ==
          "FOREIGN KEY (table_b_id1, table_b_id2) REFERENCES table_b(id1, id2) ON UPDATE RESTRICT ON DELETE RESTRICT");
    CHECK(db.pg.scalar("SELECT indexdef FROM pg_indexes WHERE indexname = "
                       "'table_a_id_test_composite_unique_index_1'") ==
          "CREATE UNIQUE INDEX table_a_id_test_composite_unique_index_1 ON public.table_a USING btree "
          "(id_test_composite_unique_index_1, id_test_composite_unique_index_2)");
    // INT(10) UNSIGNED widens to bigint; the identity continues after MySQL's AUTO_INCREMENT=3.
    CHECK(corpora::pg_column_types(db.pg, "category_company")["company_id"] == "bigint");
    db.pg.exec("INSERT INTO category_company (company_id, category_id) VALUES (1, 1)");
    CHECK(db.pg.scalar("SELECT MAX(id) FROM category_company") == "3");
}

TEST_CASE("nmig's type-torture tables are copied by m2pg copy and every row verified by value" *
          doctest::skip(corpora::skip_corpora())) {
    m2pg::test::Scratch db;
    corpora::load_sql(db.mysql.name(), corpora::read_corpus("extra/nmig/test_schema.sql"));
    corpora::apply_all_phases(db.mysql, db.pg);
    const auto r = corpora::copy_and_verify(db);
    corpora::check_identical(r, corpora::read_rowcounts("extra/nmig/rowcounts.tsv"));
}
