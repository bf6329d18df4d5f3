#pragma once
// The two JSON tokens that need care, read as PostgreSQL's JSON parser reads them (RFC 8259):
// a string, with its escapes undone, and a number. Shared by copy's JSON-array encoder
// (json_array.hpp) and verify's jsonb renderer, so both read a document the same way.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace m2pg::convert {

enum class JsonScan {
    Ok,
    Malformed,      // unterminated, a raw control character, an unknown escape, bad hex
    LoneSurrogate,  // a \uD800-\uDFFF escape without its pair (Postgres refuses it)
};

// Reads the string whose opening quote is at s[pos]. On Ok, `out` holds the decoded UTF-8
// and pos is past the closing quote. A \u0000 escape is dropped and counted in
// `nul_escapes`: Postgres text cannot hold U+0000, and copy removes the escape.
JsonScan read_json_string(std::string_view s, std::size_t& pos, std::string& out, std::uint64_t& nul_escapes);

struct JsonNumber {
    std::string_view text;           // as written
    bool is_integer = true;          // no fraction, no exponent
    std::size_t exponent_digits = 0;
};

// Reads the number at s[pos] (a '-' or a digit). On success pos is past it; nullopt for a
// malformed one (a leading zero, a '.' or exponent without digits).
std::optional<JsonNumber> read_json_number(std::string_view s, std::size_t& pos);

}  // namespace m2pg::convert
