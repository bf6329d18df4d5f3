#include "util/text.hpp"

#include <doctest/doctest.h>

#include <string>

using m2pg::util::ascii_lower;
using m2pg::util::hex_encode;
using m2pg::util::HexCase;

TEST_CASE("ascii_lower folds only A to Z and keeps every other byte") {
    CHECK(ascii_lower("VarChar(255) UNSIGNED") == "varchar(255) unsigned");
    CHECK(ascii_lower("@[`{") == "@[`{");
    CHECK(ascii_lower("\xC3\x89t\xC3\xA9") == "\xC3\x89t\xC3\xA9");
    CHECK(ascii_lower("") == "");
}

TEST_CASE("hex_encode writes two digits per byte, high nibble first, in the case asked for") {
    const std::string bytes("\x00\x01\x7f\x80\xab\xff", 6);
    CHECK(hex_encode(bytes) == "00017f80abff");
    CHECK(hex_encode(bytes, HexCase::Upper) == "00017F80ABFF");
    CHECK(hex_encode("") == "");
}

TEST_CASE("join puts the separator between parts only") {
    CHECK(m2pg::util::join({"a", "b", "c"}, ", ") == "a, b, c");
    CHECK(m2pg::util::join({"only"}, " AND ") == "only");
    CHECK(m2pg::util::join({}, ", ") == "");
}

TEST_CASE("ascii_iequals ignores the case of ASCII letters only") {
    CHECK(m2pg::util::ascii_iequals("Users", "uSERS"));
    CHECK_FALSE(m2pg::util::ascii_iequals("users", "user"));
    CHECK_FALSE(m2pg::util::ascii_iequals("\xC3\x89", "\xC3\xA9"));
    CHECK_FALSE(m2pg::util::ascii_iequals("a[", "A{"));
    CHECK(m2pg::util::ascii_iequals("", ""));
}

TEST_CASE("one_line folds line breaks and tabs with their spaces into one space and trims the ends") {
    using m2pg::util::one_line;
    CHECK(one_line("server closed the connection unexpectedly\n\tThis probably means the server terminated\n") ==
          "server closed the connection unexpectedly This probably means the server terminated");
    CHECK(one_line("  a  b \r\n c\t") == "a  b c");
    CHECK(one_line("col\nname") == "col name");
    CHECK(one_line("\n\n") == "");
    CHECK(one_line("") == "");
}

TEST_CASE("split keeps empty pieces between separators and gives nothing for empty text") {
    CHECK(m2pg::util::split("a,,b", ',') == std::vector<std::string>{"a", "", "b"});
    CHECK(m2pg::util::split("only", ',') == std::vector<std::string>{"only"});
    CHECK(m2pg::util::split("a,", ',') == std::vector<std::string>{"a", ""});
    CHECK(m2pg::util::split("", ',').empty());
}
