// sakila (datacharmer/test_db, MySQL's own sample): enum, set, year, unsigned integers, a
// real PNG blob, TIMESTAMP ON UPDATE, FULLTEXT, triggers, views, routines, 22 foreign keys.
#include <doctest/doctest.h>

#include "corpora/corpus_loader.hpp"
#include "corpora/copy_verify.hpp"

namespace {

namespace corpora = m2pg::test::corpora;

// The dump hard-codes `CREATE SCHEMA sakila; USE sakila;` and its views name
// `sakila.film`: point both at the scratch database so parallel runs do not collide.
void load_sakila(const m2pg::test::MysqlScratch& db, const std::string& schema_file) {
    auto schema = corpora::drop_lines(corpora::read_corpus(schema_file), "(DROP SCHEMA|CREATE SCHEMA|USE) ");
    corpora::load_sql(db.name(), corpora::replace_all(schema, "sakila.", db.name() + "."));
}

}  // namespace

TEST_CASE("sakila loads with its upstream row counts and its DDL applies on PostgreSQL with every phase" *
          doctest::skip(corpora::skip_corpora())) {
    m2pg::test::Scratch db;
    load_sakila(db.mysql, "sakila/sakila-mv-schema.sql");
    auto data = corpora::read_corpus("sakila/sakila-mv-data.sql.xz");
    corpora::load_sql(db.mysql.name(), corpora::drop_lines(data, "USE "));
    corpora::check_row_counts(db.mysql, corpora::read_rowcounts("sakila/rowcounts.tsv"));

    auto generated = corpora::apply_all_phases(db.mysql, db.pg);
    const auto& catalog = generated.catalog;

    {  // the catalog lists what is not migrated: 7 views, 6 triggers, 3 procedures and 3 functions
        CHECK(catalog.views.size() == 7);
        std::set<std::string> triggers;
        for (const auto& t : catalog.triggers) triggers.insert(t.name + " on " + t.detail);
        CHECK(corpora::join(triggers) == "customer_create_date on customer, del_film on film, ins_film on film, "
                                         "payment_date on payment, rental_date on rental, upd_film on film");
        std::map<std::string, std::string> routines;
        for (const auto& r : catalog.routines) routines[r.name] = r.kind;
        CHECK(corpora::join(routines) ==
              "film_in_stock=PROCEDURE, film_not_in_stock=PROCEDURE, get_customer_balance=FUNCTION, "
              "inventory_held_by_customer=FUNCTION, inventory_in_stock=FUNCTION, rewards_report=PROCEDURE");
        // MariaDB 10.11 skips the /*!50705 ... */ comment that declares address.location.
        REQUIRE(catalog.find_table("address") != nullptr);
        CHECK(catalog.find_table("address")->find_column("location") == nullptr);
        CHECK(catalog.find_table("address")->columns.size() == 8);
    }

    {  // film maps enum to text with a CHECK, set to text[], decimal, year and timestamp exactly
        auto film = corpora::pg_column_types(db.pg, "film");
        CHECK(film["rating"] == "text");
        CHECK(film["special_features"] == "text[]");
        CHECK(film["rental_rate"] == "numeric(4,2)");
        CHECK(film["replacement_cost"] == "numeric(5,2)");
        CHECK(film["release_year"] == "smallint");
        CHECK(film["rental_duration"] == "smallint");  // tinyint unsigned
        CHECK(film["length"] == "integer");            // smallint unsigned widens one step
        CHECK(film["film_id"] == "integer");           // smallint unsigned
        CHECK(film["description"] == "text");
        CHECK(film["title"] == "character varying(255)");
        CHECK(film["last_update"] == "timestamp(0) with time zone");
        CHECK(film.size() == 13);
        CHECK(db.pg.scalar("SELECT column_default FROM information_schema.columns WHERE table_name = 'film' "
                           "AND column_name = 'rental_rate'") == "4.99");

        // The CHECKs accept exactly MySQL's members.
        db.pg.exec("INSERT INTO language (language_id, name) VALUES (1, 'English')");
        db.pg.exec("INSERT INTO film (title, language_id, rating, special_features) "
                   "VALUES ('ok', 1, 'NC-17', ARRAY['Trailers', 'Behind the Scenes'])");
        CHECK_THROWS(db.pg.exec("INSERT INTO film (title, language_id, rating) VALUES ('bad', 1, 'X')"));
        CHECK_THROWS(db.pg.exec("INSERT INTO film (title, language_id, special_features) "
                                "VALUES ('bad', 1, ARRAY['Bloopers'])"));
        // AUTO_INCREMENT=1001 in MySQL: the identity continues there.
        CHECK(db.pg.scalar("SELECT film_id FROM film WHERE title = 'ok'") == "1001");
        CHECK(corpora::contains(corpora::notes_for(generated.plan, "film", "last_update"), "ON UPDATE"));
    }

    {  // booleans, blobs and datetimes of the other tables
        auto customer = corpora::pg_column_types(db.pg, "customer");
        CHECK(customer["active"] == "boolean");  // BOOLEAN is tinyint(1)
        CHECK(customer["create_date"] == "timestamp(0) without time zone");
        CHECK(corpora::pg_column_types(db.pg, "staff")["picture"] == "bytea");
        CHECK(corpora::pg_column_types(db.pg, "payment")["amount"] == "numeric(5,2)");
        CHECK(corpora::pg_column_types(db.pg, "rental")["return_date"] == "timestamp(0) without time zone");
    }

    {  // film_text's FULLTEXT index becomes a GIN index over to_tsvector of both columns
        auto def = db.pg.scalar("SELECT indexdef FROM pg_indexes WHERE tablename = 'film_text' "
                                "AND indexname <> 'film_text_pkey'");
        REQUIRE(def.has_value());
        CHECK(corpora::contains(*def, "USING gin"));
        CHECK(corpora::contains(*def, "to_tsvector"));
        CHECK(corpora::contains(*def, "title"));
        CHECK(corpora::contains(*def, "description"));
    }

    {  // every foreign key and index arrives, validated
        std::size_t fks = 0, indexes = 0;
        for (const auto& t : catalog.tables) {
            fks += t.foreign_keys.size();
            indexes += t.indexes.size();
        }
        CHECK(fks == 22);
        CHECK(corpora::count_constraints(db.pg, 'f') == std::to_string(fks));
        CHECK(db.pg.scalar("SELECT COUNT(*) FROM pg_indexes WHERE schemaname = 'public'") == std::to_string(indexes));
        CHECK(db.pg.scalar("SELECT indexdef FROM pg_indexes WHERE indexname = 'rental_rental_date'") ==
              "CREATE UNIQUE INDEX rental_rental_date ON public.rental USING btree (rental_date, inventory_id, "
              "customer_id)");
    }
}

TEST_CASE("jOOQ's variant of the sakila schema generates DDL that applies on PostgreSQL" *
          doctest::skip(corpora::skip_corpora())) {
    m2pg::test::Scratch db;
    load_sakila(db.mysql, "sakila/jooq/mysql-sakila-schema.sql");
    auto generated = corpora::apply_all_phases(db.mysql, db.pg);
    CHECK(generated.catalog.tables.size() == 16);
    CHECK(generated.catalog.views.size() == 7);
    CHECK(corpora::pg_column_types(db.pg, "film")["special_features"] == "text[]");
}

TEST_CASE("sakila is copied by m2pg copy and every row verified by value: enum, set, year, blobs, timestamps" *
          doctest::skip(corpora::skip_corpora())) {
    m2pg::test::Scratch db;
    load_sakila(db.mysql, "sakila/sakila-mv-schema.sql");
    corpora::load_sql(db.mysql.name(), corpora::drop_lines(corpora::read_corpus("sakila/sakila-mv-data.sql.xz"), "USE "));
    corpora::apply_all_phases(db.mysql, db.pg);
    const auto r = corpora::copy_and_verify(db);
    corpora::check_identical(r, corpora::read_rowcounts("sakila/rowcounts.tsv"));
    // The values arrived as MySQL holds them (spot checks of what verify compared).
    CHECK(db.pg.scalar("SELECT md5(picture) FROM staff WHERE staff_id = 1") ==
          db.mysql.scalar("SELECT MD5(picture) FROM staff WHERE staff_id = 1"));
    CHECK(db.pg.scalar("SELECT array_to_string(special_features, ',') FROM film WHERE film_id = 1") ==
          db.mysql.scalar("SELECT special_features FROM film WHERE film_id = 1"));
}
