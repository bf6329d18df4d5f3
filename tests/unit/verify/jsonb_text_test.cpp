#include <doctest/doctest.h>
#include <pthread.h>

#include <optional>
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

namespace {
// Runs `work` on a thread with a 256 KiB stack, as small as a worker's could be.
void on_small_stack(void (*work)(void*), void* arg) {
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 256 * 1024);
    struct Job {
        void (*work)(void*);
        void* arg;
    } job{work, arg};
    pthread_t thread;
    REQUIRE(pthread_create(&thread, &attr, [](void* j) -> void* {
        auto* job = static_cast<Job*>(j);
        job->work(job->arg);
        return nullptr;
    }, &job) == 0);
    pthread_join(thread, nullptr);
    pthread_attr_destroy(&attr);
}
}  // namespace

TEST_CASE("fuzz regression: a document nested 10,000 deep (PostgreSQL takes it) renders without exhausting the stack") {
    // Found by tests/unit/convert/values_fuzz_test under ASan: the recursive parser overflowed
    // the stack, and refused (as if Postgres had) any document deeper than 6,400 levels.
    std::string arrays = std::string(10000, '[') + std::string(10000, ']');
    std::string objects;
    for (int i = 0; i < 10000; ++i) objects += "{\"k\": ";
    objects += "1" + std::string(10000, '}');
    struct Result {
        std::string arrays, objects;
        std::optional<std::string> a, o;
    } r{arrays, objects, {}, {}};
    on_small_stack([](void* p) {
        auto* r = static_cast<Result*>(p);
        r->a = jsonb_text(r->arrays);
        r->o = jsonb_text(r->objects);
    }, &r);
    CHECK(r.a == arrays);
    CHECK(r.o == objects);
}
