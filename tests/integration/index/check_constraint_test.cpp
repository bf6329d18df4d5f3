// m2pg index with MySQL CHECK constraints: a MariaDB table with a column-level and a named
// check, copied into bare Postgres tables by m2pg::copy, then checked by the tool.
#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "support/copy_support.hpp"
#include "support/servers.hpp"

using m2pg::test::run_tool;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// MariaDB names the column-level check after its column ("Qty"); m2pg schema makes that
// orders_qty_check. The copy creates bare tables: no checks yet.
void load_and_copy(const m2pg::test::Scratch& db) {
    db.mysql.exec("CREATE TABLE Orders (Id int NOT NULL PRIMARY KEY, Qty int NOT NULL CHECK (Qty >= 0), "
                  "Price decimal(10,2), CONSTRAINT chk_Price CHECK (Price < 1000));"
                  "INSERT INTO Orders VALUES (1, 0, 10.50), (2, 5, NULL), (3, 12, 999.99)");
    auto result = m2pg::test::copy_all(m2pg::test::copy_options(db));
    REQUIRE(result.finished());
    REQUIRE(db.pg.scalar("SELECT count(*) FROM pg_constraint WHERE contype = 'c' AND conrelid = 'orders'::regclass") ==
            "0");
}

std::vector<std::string> index_args(const m2pg::test::Scratch& db) {
    return {"index", db.pg.dsn_text(), "--from-mysql", db.mysql.dsn_text(), "--create-indexes"};
}

std::string checks(const m2pg::test::Scratch& db) {
    return db.pg
        .scalar("SELECT string_agg(conname || ' ' || convalidated || ' ' || pg_get_constraintdef(oid), '; ' ORDER BY "
                "conname) FROM pg_constraint WHERE contype = 'c' AND conrelid = 'orders'::regclass")
        .value_or("");
}

}  // namespace

TEST_CASE("m2pg index --create-indexes adds and validates MySQL's CHECK constraints and skips them on a second run"
          * doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    load_and_copy(db);

    auto run = run_tool("m2pg", index_args(db));
    INFO(run.out, run.err);
    REQUIRE(run.exit_code == 0);
    CHECK(contains(run.out, "start    orders.orders_qty_check (validate check)\n"));
    CHECK(contains(run.out, "done     orders.orders_qty_check (validate check) "));
    CHECK(contains(run.out, "done     orders.chk_price (validate check) "));
    CHECK(contains(run.out, "m2pg index: 3 built, 0 rebuilt, 0 finished, 0 skipped, 0 failed; "));  // pkey + 2 checks
    CHECK(checks(db) == "chk_price true CHECK ((price < (1000)::numeric)); orders_qty_check true CHECK ((qty >= 0))");
    std::string refused;
    try {
        db.pg.exec("INSERT INTO orders VALUES (4, -1, 1)");
    } catch (const std::exception& e) {
        refused = e.what();
    }
    CHECK(contains(refused, "violates check constraint \"orders_qty_check\""));

    auto again = run_tool("m2pg", index_args(db));
    INFO(again.out, again.err);
    REQUIRE(again.exit_code == 0);
    CHECK(contains(again.out, "skip     orders.orders_qty_check (check): exists\n"));
    CHECK(contains(again.out, "skip     orders.chk_price (check): exists\n"));
    CHECK(contains(again.out, "m2pg index: 0 built, 0 rebuilt, 0 finished, 3 skipped, 0 failed; "));
}

TEST_CASE("a row breaking a CHECK fails its VALIDATE with exit 4 naming the constraint and the row, and once fixed a "
          "re-run only validates" * doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    load_and_copy(db);
    db.pg.exec("INSERT INTO orders VALUES (7, -2, 1), (8, 1, NULL)");

    auto run = run_tool("m2pg", index_args(db));
    INFO(run.out, run.err);
    CHECK(run.exit_code == 4);
    CHECK(contains(run.out, "FAILED   orders.orders_qty_check (validate check): "));
    CHECK(contains(run.out, "\"orders_qty_check\""));
    CHECK(contains(run.out, "1 row(s) violate CHECK (qty >= 0), e.g. 7; the constraint stays NOT VALID\n"));
    CHECK(contains(run.out, "done     orders.chk_price (validate check) "));
    CHECK(contains(run.err, "1 of 3 failed (orders.orders_qty_check)"));
    CHECK(checks(db) == "chk_price true CHECK ((price < (1000)::numeric)); "
                        "orders_qty_check false CHECK ((qty >= 0)) NOT VALID");

    db.pg.exec("UPDATE orders SET qty = 2 WHERE id = 7");
    auto rerun = run_tool("m2pg", index_args(db));
    INFO(rerun.out, rerun.err);
    REQUIRE(rerun.exit_code == 0);
    CHECK(contains(rerun.out, "done     orders.orders_qty_check (validate check) "));
    CHECK(contains(rerun.out, "m2pg index: 0 built, 0 rebuilt, 1 finished, 2 skipped, 0 failed; "));
    CHECK(checks(db) == "chk_price true CHECK ((price < (1000)::numeric)); orders_qty_check true CHECK ((qty >= 0))");
}
