#include <doctest/doctest.h>

#include "target/postgres/simple_check.hpp"

using m2pg::target::postgres::allowed_values;

TEST_CASE("IN lists and = ANY (ARRAY[...]) as written and as pg_get_constraintdef prints them") {
    for (const char* check : {"CHECK (type IN ('D', 'O'))", "CHECK ((type = ANY (ARRAY['D'::text, 'O'::text])))",
                              "CHECK (((type)::text = ANY ((ARRAY['D'::character varying, 'O'::character varying])::text[])))",
                              "CHECK (type = 'D' OR type = 'O')", "CHECK ((type = 'D'::bpchar) OR (type = 'O'::bpchar))"}) {
        CAPTURE(check);
        const auto v = allowed_values(check);
        REQUIRE(v);
        CHECK(v->column == "type");
        CHECK(v->values == std::vector<std::string>{"D", "O"});
        CHECK(!v->numeric);
    }
}

TEST_CASE("numeric lists, negative numbers as the server prints them, quoted column names, NOT VALID") {
    auto v = allowed_values("CHECK ((n = ANY (ARRAY[1, 2, '-3'::integer])))");
    REQUIRE(v);
    CHECK(v->numeric);
    CHECK(v->values == std::vector<std::string>{"1", "2", "-3"});
    v = allowed_values("CHECK (\"Kind\" IN (-1, 2.5)) NOT VALID");
    REQUIRE(v);
    CHECK(v->column == "Kind");
    CHECK(v->values == std::vector<std::string>{"-1", "2.5"});
    CHECK(!allowed_values("CHECK (n IN (1, 'x'))"));
}

TEST_CASE("anything else is not a simple check") {
    for (const char* check : {"CHECK ((price > (0)::numeric))", "CHECK (a IN ('x') AND b IN ('y'))",
                              "CHECK (a = 'x' OR b = 'y')", "CHECK (lower(a) IN ('x'))", "CHECK (a IN (b, 'x'))",
                              "CHECK (a IN ())", "CHECK (a NOT IN ('x'))", "", "CHECK ("}) {
        CAPTURE(check);
        CHECK(!allowed_values(check));
    }
}
