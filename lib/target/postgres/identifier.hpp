#pragma once
// Postgres names for MySQL objects: case policy, quoting, literals and the 63-byte limit.
#include <string>
#include <string_view>

namespace m2pg::target::postgres {

// Postgres truncates identifiers longer than NAMEDATALEN-1 bytes.
inline constexpr std::size_t kMaxIdentifierBytes = 63;

enum class IdentifierCase {
    Lower,     // MySQL `Posts.Message` → posts.message, as an app's own Postgres schema names them
    Preserve,  // keep MySQL's spelling; mixed-case names are then quoted everywhere
};

// The name as it appears in a Postgres string or as a quoted identifier's content (not
// quoted). Lower folds Unicode case too (ICU root locale), so `Ünïcödé` → `ünïcödé`.
std::string target_name(std::string_view mysql_name, IdentifierCase policy);

// An identifier ready for SQL: bare when Postgres would read it back unchanged
// ([a-z_][a-z0-9_]* and not a keyword that needs quoting in PostgreSQL 15), otherwise in
// double quotes with embedded quotes doubled. Throws ConvertError for an empty name or a
// NUL byte.
std::string quote_ident(std::string_view name);

// A string literal for standard_conforming_strings = on (the default since 9.1): single
// quotes, embedded ones doubled, backslashes literal. Throws ConvertError on a NUL byte,
// which no Postgres text value can hold.
std::string quote_literal(std::string_view value);

// Names of tables and columns: longer than 63 bytes is a ConvertError naming the object,
// since Postgres would silently truncate it and the copy would then look for a name
// that does not exist. `what` describes the object for the message ("table", "column
// posts.Message").
void require_identifier_fits(std::string_view name, std::string_view what);

// Names we make up (indexes, constraints, sequences) may be shortened: longer than 63
// bytes becomes a prefix cut at a UTF-8 boundary + "_" + 8 hex digits of a hash of the
// whole name, so the result is deterministic and distinct names stay distinct.
std::string fit_identifier(std::string_view name);

// Whether Postgres 15 needs `word` quoted as a column or table name (reserved,
// type/function-name and column-name keywords; lower case input).
bool is_quoted_keyword(std::string_view word);

// FNV-1a 32-bit as 8 lower-case hex digits: stable across platforms and runs.
std::string short_hash(std::string_view text);

}  // namespace m2pg::target::postgres
