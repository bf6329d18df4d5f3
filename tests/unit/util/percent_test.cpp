#include "util/percent.hpp"

#include <doctest/doctest.h>

using m2pg::util::percent_decode;

TEST_CASE("percent_decode turns %XX escapes into bytes, in either case of hex digit") {
    CHECK(percent_decode("p%40ss%3Aw%2Frd%25x") == "p@ss:w/rd%x");
    CHECK(percent_decode("%e2%82%AC") == "\xE2\x82\xAC");
    CHECK(percent_decode("") == "");
    CHECK(percent_decode("plain") == "plain");
}

TEST_CASE("percent_decode treats '+' as a space only when asked") {
    CHECK(percent_decode("a+b%2B") == "a+b+");
    CHECK(percent_decode("a+b%2B", true) == "a b+");
}

TEST_CASE("percent_decode rejects truncated, non-hex and NUL escapes") {
    CHECK_FALSE(percent_decode("%").has_value());
    CHECK_FALSE(percent_decode("ab%4").has_value());
    CHECK_FALSE(percent_decode("%zz").has_value());
    CHECK_FALSE(percent_decode("%4g").has_value());
    CHECK_FALSE(percent_decode("a%00b").has_value());
}
