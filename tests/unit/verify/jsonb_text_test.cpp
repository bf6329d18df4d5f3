#include <doctest/doctest.h>

#include <string>

#include "verify/jsonb_text.hpp"

using m2pg::verify::jsonb_text;
using m2pg::verify::numeric_text;

TEST_CASE("jsonb_text orders keys by length, then bytes, and keeps the last duplicate") {
    CHECK(jsonb_text(R"({"bb": 1, "a": 2, "c": 3, "aaa": [], "a": 9})") == R"({"a": 9, "c": 3, "bb": 1, "aaa": []})");
    CHECK(jsonb_text(R"({"Z":1,"a":2})") == R"({"Z": 1, "a": 2})");
}

TEST_CASE("jsonb_text prints jsonb's spacing for nested documents and empty containers") {
    CHECK(jsonb_text(" {\"a\" :\n[1,2,{\"b\":null}],\"e\":{} , \"f\":[ ]}\t") ==
          R"({"a": [1, 2, {"b": null}], "e": {}, "f": []})");
    CHECK(jsonb_text("[true,false,null]") == "[true, false, null]");
    CHECK(jsonb_text("\"top\"") == "\"top\"");
    CHECK(jsonb_text("  42 ") == "42");
}

TEST_CASE("jsonb_text prints numbers as numeric does") {
    CHECK(jsonb_text("[1e2, 1.50e1, -0, -0.0, 1E-3, 0.5e1, 123e-1, 1.0, 100, -12.340]") ==
          "[100, 15.0, 0, 0.0, 0.001, 5, 12.3, 1.0, 100, -12.340]");
    CHECK(numeric_text("1e+2") == "100");
    CHECK(numeric_text("-1.5e-2") == "-0.015");
    CHECK(numeric_text("18446744073709551615") == "18446744073709551615");
}

TEST_CASE("jsonb_text decodes escapes and re-escapes only what escape_json escapes") {
    CHECK(jsonb_text(R"("a\/b \u00e9 \ud83d\udc18 \"q\" \\ \n\t\b\f\r \u0001")") ==
          "\"a/b \xC3\xA9 \xF0\x9F\x90\x98 \\\"q\\\" \\\\ \\n\\t\\b\\f\\r \\u0001\"");
    CHECK(jsonb_text("\"raw \xF0\x9F\x90\x98 / ok\"") == "\"raw \xF0\x9F\x90\x98 / ok\"");
}

TEST_CASE("jsonb_text drops \\u0000 escapes and NUL bytes the way copy removed them") {
    CHECK(jsonb_text(R"({"s": "nul\u0000after"})") == R"({"s": "nulafter"})");
    CHECK(jsonb_text(R"({"s": "not an escape \\u0000"})") == R"({"s": "not an escape \\u0000"})");
    CHECK(jsonb_text(std::string("{\"a\":\0 1}", 9)) == R"({"a": 1})");
}

TEST_CASE("jsonb_text rejects what PostgreSQL rejects") {
    CHECK_FALSE(jsonb_text("{"));
    CHECK_FALSE(jsonb_text("[1,]"));
    CHECK_FALSE(jsonb_text("01"));
    CHECK_FALSE(jsonb_text("1."));
    CHECK_FALSE(jsonb_text("\"lone \\ud800\""));
    CHECK_FALSE(jsonb_text("\"raw\ttab\""));
    CHECK_FALSE(jsonb_text("[1] 2"));
    CHECK_FALSE(jsonb_text("1e999999999"));
    CHECK_FALSE(jsonb_text(""));
}
