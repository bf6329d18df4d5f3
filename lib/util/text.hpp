#pragma once
// Small string helpers that many modules need and none owns: ASCII case folding, hex
// encoding, joining, folding onto one line. Pure functions, no locale: SQL keywords, type names and DSN parts are ASCII.
#include <string>
#include <string_view>
#include <vector>

namespace m2pg::util {

// `text` with 'A'..'Z' turned into 'a'..'z'; every other byte (UTF-8 included) kept as is.
std::string ascii_lower(std::string_view text);

// True when `a` and `b` differ at most in the case of ASCII letters.
bool ascii_iequals(std::string_view a, std::string_view b);

enum class HexCase { Lower, Upper };

// Two hex digits per byte of `bytes`, most significant nibble first ("\x01\xab" -> "01ab").
std::string hex_encode(std::string_view bytes, HexCase letters = HexCase::Lower);

// `parts` with `separator` between each two of them ("" when there are none).
std::string join(const std::vector<std::string>& parts, std::string_view separator);

// The pieces of `text` between `separator`s; empty text gives no pieces, "a,,b" three.
std::vector<std::string> split(std::string_view text, char separator);

// Appends the UTF-8 encoding of code point `cp` (at most U+10FFFF; the caller has checked it).
void append_utf8(std::string& out, char32_t cp);

// `text` on one line, for a line of a summary or a comment: every run of whitespace that
// holds a line break, carriage return or tab becomes one space, and the ends are trimmed.
// (libpq's messages span lines: "server closed the connection unexpectedly\n\tThis ...")
std::string one_line(std::string_view text);

}  // namespace m2pg::util
