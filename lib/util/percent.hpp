#pragma once
// Percent-decoding (RFC 3986 %XX escapes) for the URI forms of connection strings.
#include <optional>
#include <string>
#include <string_view>

namespace m2pg::util {

// Decodes every %XX escape; with plus_is_space, '+' also becomes a space (the query-string
// rule go-sql-driver applies to parameter values). Returns nullopt when a '%' is not
// followed by two hex digits, or when it decodes to NUL: a NUL would silently cut the
// value short once it reaches the C client libraries.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space = false);

}  // namespace m2pg::util
