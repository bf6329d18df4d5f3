#pragma once
// PostgreSQL's jsonb output text, computed client-side. MySQL cannot render a JSON value
// the way jsonb does (jsonb sorts keys by length then bytes, keeps the last of duplicate
// keys, prints numbers as numeric does, and re-escapes strings), so verify parses the MySQL
// text here and prints what `value::jsonb::text` prints on PostgreSQL 15.
#include <optional>
#include <string>
#include <string_view>

namespace m2pg::verify {

// The jsonb text of the JSON document `json`, after what copy does to a JSON value: NUL
// bytes dropped, and \u0000 escapes removed (jsonb rejects them). nullopt when PostgreSQL
// would reject the document (malformed JSON, a lone surrogate escape, invalid UTF-8 is not
// checked here): such a value can never equal what is stored in Postgres.
std::optional<std::string> jsonb_text(std::string_view json);

// The text of a JSON number as PostgreSQL's numeric prints it: plain positional digits,
// display scale max(0, fraction digits - exponent), "-" only for a non-zero value
// ("1e2" → "100", "1.50e1" → "15.0", "-0.0" → "0.0", "1E-3" → "0.001").
// Expects a valid JSON number; throws std::out_of_range for an exponent beyond numeric's range.
std::string numeric_text(std::string_view number);

}  // namespace m2pg::verify
