#include "convert/text.hpp"

#include <doctest/doctest.h>

#include <iterator>
#include <string>
#include <string_view>

#include "util/error.hpp"

using m2pg::ConvertError;
using m2pg::convert::append_copy_escaped;
using m2pg::convert::append_copy_text;
using m2pg::convert::ColumnStats;
using m2pg::convert::excerpt;
using m2pg::convert::InvalidUtf8Policy;
using m2pg::convert::is_valid_utf8;

using namespace std::string_literals;

namespace {

std::string copy_text(std::string_view in, ColumnStats& stats,
                      InvalidUtf8Policy policy = InvalidUtf8Policy::Fail) {
    std::string out;
    append_copy_text(in.data(), in.size(), policy, stats, out);
    return out;
}

std::string copy_text(std::string_view in, InvalidUtf8Policy policy = InvalidUtf8Policy::Fail) {
    ColumnStats stats;
    return copy_text(in, stats, policy);
}

std::string error_of(std::string_view in) {
    try {
        copy_text(in);
    } catch (const ConvertError& e) {
        return e.what();
    }
    return "(no error)";
}

const std::string kEmoji = "\xF0\x9F\x98\x80";                       // U+1F600, 4 bytes
const std::string kHebrew = "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D";        // שלום (RTL)
const std::string kCombining = "e\xCC\x81\xE1\x84\x80\xE1\x85\xA1";  // e + U+0301, jamo
const std::string kFffd = "\xEF\xBF\xBD";

}  // namespace

TEST_CASE("is_valid_utf8 accepts ASCII, NUL, emoji, RTL text and combining marks") {
    CHECK(is_valid_utf8(""));
    CHECK(is_valid_utf8("plain ascii"));
    CHECK(is_valid_utf8("a\0b"s));
    CHECK(is_valid_utf8(kEmoji));
    CHECK(is_valid_utf8(kHebrew));
    CHECK(is_valid_utf8(kCombining));
    CHECK(is_valid_utf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF, the last code point
    CHECK(is_valid_utf8("\xEF\xBF\xBD"));      // a real U+FFFD
}

TEST_CASE("is_valid_utf8 rejects overlong forms, stray continuations, truncation, surrogates "
          "and bytes above U+10FFFF") {
    CHECK_FALSE(is_valid_utf8("\xC0\x80"));          // overlong NUL
    CHECK_FALSE(is_valid_utf8("\xE0\x80\xAF"));      // overlong '/'
    CHECK_FALSE(is_valid_utf8("a\x80" "b"));         // lone continuation byte
    CHECK_FALSE(is_valid_utf8("\xE2\x82"));          // truncated euro sign
    CHECK_FALSE(is_valid_utf8("\xF0\x9F\x98"));      // truncated emoji
    CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));      // UTF-16 surrogate D800
    CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // U+110000
    CHECK_FALSE(is_valid_utf8("\xF5\x80\x80\x80"));
    CHECK_FALSE(is_valid_utf8("\xFF"));
}

TEST_CASE("excerpt keeps printable text and UTF-8, writes other bytes as \\xNN and marks a cut") {
    CHECK(excerpt("hello") == "hello");
    CHECK(excerpt("a\tb\\c\0d"s) == "a\\x09b\\x5Cc\\x00d");
    CHECK(excerpt("\xC0\x80" "x") == "\\xC0\\x80x");
    CHECK(excerpt(kHebrew) == kHebrew);
    CHECK(excerpt(std::string(50, 'z')) == std::string(40, 'z') + "...");
    CHECK(excerpt("abcdef", 3) == "abc...");
    // 3 ASCII bytes then a 4-byte emoji: a 5-byte limit must not cut the emoji in half.
    CHECK(excerpt("abc" + kEmoji, 5) == "abc...");
    CHECK(excerpt("abc" + kEmoji, 7) == "abc" + kEmoji);
}

TEST_CASE("append_copy_escaped escapes backslash, tab, newline and carriage return only") {
    std::string out = "kept|";
    append_copy_escaped("a\\b\tc\nd\re\x01" "f", out);
    CHECK(out == "kept|a\\\\b\\tc\\nd\\re\x01" "f");
}

TEST_CASE("copy text of an empty value is an empty field, not NULL") {
    CHECK(copy_text("") == "");
}

TEST_CASE("copy text escapes every COPY special and leaves other bytes alone") {
    CHECK(copy_text("\\") == "\\\\");
    CHECK(copy_text("\t") == "\\t");
    CHECK(copy_text("\n") == "\\n");
    CHECK(copy_text("\r") == "\\r");
    CHECK(copy_text("C:\\dir\\n\r\nend\t") == "C:\\\\dir\\\\n\\r\\nend\\t");
    CHECK(copy_text("\\N") == "\\\\N");  // text that reads like the NULL marker stays text
    CHECK(copy_text("\\.") == "\\\\.");  // and the end-of-data marker too
    CHECK(copy_text("\x01\x1F\x7F") == "\x01\x1F\x7F");
}

TEST_CASE("copy text keeps emoji, RTL text and combining marks byte for byte") {
    const std::string mixed = "a" + kEmoji + " " + kHebrew + " " + kCombining + "\t";
    CHECK(copy_text(mixed) == "a" + kEmoji + " " + kHebrew + " " + kCombining + "\\t");
}

TEST_CASE("copy text strips NUL bytes at start, middle and end and counts each byte") {
    ColumnStats stats;
    CHECK(copy_text("\0abc"s, stats) == "abc");
    CHECK(copy_text("ab\0\0c"s, stats) == "abc");
    CHECK(copy_text("abc\0"s, stats) == "abc");
    CHECK(copy_text("\0"s, stats) == "");
    CHECK(stats.nuls_stripped == 5);
    CHECK(stats.invalid_utf8_replaced == 0);
}

TEST_CASE("pgloader #1573: bytes after a NUL are kept, not dropped") {
    ColumnStats stats;
    CHECK(copy_text("before\0after \t and "s + kEmoji, stats) ==
          "beforeafter \\t and " + kEmoji);
    CHECK(stats.nuls_stripped == 1);
}

TEST_CASE("copy text appends to the caller's buffer, so one buffer holds a whole row") {
    ColumnStats stats;
    std::string out = "1\t";
    append_copy_text("x\ty", 3, InvalidUtf8Policy::Fail, stats, out);
    out += '\t';
    append_copy_text("z", 1, InvalidUtf8Policy::Fail, stats, out);
    CHECK(out == "1\tx\\ty\tz");
}

TEST_CASE("invalid UTF-8 under the Fail policy throws with the byte offset and an excerpt") {
    CHECK(error_of("abc\xC0\x80" "def") ==
          "invalid UTF-8 at byte offset 3 (bytes \\xC0) in value 'abc\\xC0\\x80def'");
    CHECK(error_of("\x80") == "invalid UTF-8 at byte offset 0 (bytes \\x80) in value '\\x80'");
    CHECK(error_of("ok \xE2\x82") ==
          "invalid UTF-8 at byte offset 3 (bytes \\xE2\\x82) in value 'ok \\xE2\\x82'");
    CHECK(error_of("\xED\xA0\x80") ==
          "invalid UTF-8 at byte offset 0 (bytes \\xED) in value '\\xED\\xA0\\x80'");
    CHECK(error_of("\xF5\x80\x80\x80") ==
          "invalid UTF-8 at byte offset 0 (bytes \\xF5) in value '\\xF5\\x80\\x80\\x80'");
    // The offset counts the bytes of the value as MySQL sent it, NULs included.
    CHECK(error_of("\0\0"s + kEmoji + "\xFF") ==
          "invalid UTF-8 at byte offset 6 (bytes \\xFF) in value '\\x00\\x00" + kEmoji +
              "\\xFF'");
    CHECK_THROWS_AS(copy_text("\xF4\x90\x80\x80"), ConvertError);
    CHECK_THROWS_AS(copy_text("\xE0\x80\xAF"), ConvertError);
}

TEST_CASE("invalid UTF-8 under the Replace policy writes one U+FFFD per maximal invalid "
          "subsequence and counts them") {
    ColumnStats stats;
    const auto replace = InvalidUtf8Policy::Replace;
    // C0 can never start a sequence and 80 is a stray continuation: two replacements.
    CHECK(copy_text("a\xC0\x80" "b", stats, replace) == "a" + kFffd + kFffd + "b");
    CHECK(stats.invalid_utf8_replaced == 2);
    // A truncated sequence is one maximal subpart.
    CHECK(copy_text("x\xF0\x9F\x98", stats, replace) == "x" + kFffd);
    CHECK(stats.invalid_utf8_replaced == 3);
    // ED A0 is a surrogate prefix: ED alone is the maximal subpart, then A0 and 80.
    CHECK(copy_text("\xED\xA0\x80", stats, replace) == kFffd + kFffd + kFffd);
    CHECK(stats.invalid_utf8_replaced == 6);
    CHECK(copy_text("\xF5\t\\", stats, replace) == kFffd + "\\t\\\\");
    CHECK(stats.invalid_utf8_replaced == 7);
    // A real U+FFFD in the data is valid text and is not counted.
    CHECK(copy_text(kFffd + kEmoji, stats, replace) == kFffd + kEmoji);
    CHECK(stats.invalid_utf8_replaced == 7);
    CHECK(stats.nuls_stripped == 0);
}

TEST_CASE("copy text finds a special byte at every position of a long ASCII run") {
    // The fast path skips clean 8-byte words; a special must be seen wherever it falls.
    const std::string specials[] = {"\\", "\t", "\n", "\r", "\0"s, "\x80"};
    const std::string expected_for[] = {"\\\\", "\\t", "\\n", "\\r", "", kFffd};
    for (std::size_t k = 0; k < std::size(specials); ++k) {
        for (std::size_t pos = 0; pos < 24; ++pos) {
            std::string in(24, 'a');
            in.replace(pos, 1, specials[k]);
            std::string expected(24, 'a');
            expected.replace(pos, 1, expected_for[k]);
            ColumnStats stats;
            CAPTURE(k);
            CAPTURE(pos);
            CHECK(copy_text(in, stats, InvalidUtf8Policy::Replace) == expected);
        }
    }
    // Controls below 0x0E other than tab, LF and CR take the slow path and stay as they are.
    const std::string controls = std::string(9, 'x') + "\x01\x08\x0B\x0C\x0E\x1F" + "yyyyyyyyy";
    CHECK(copy_text(controls) == controls);
}
