#pragma once
// The SQL of full-text indexes. Single-column documents are the bare column, so that the
// application's own `to_tsvector('english', message) @@ ...` queries match the index
// expression and use it; several columns are joined with spaces, NULLs as ''.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace m2pg::index {

// A tsvector's lexemes may hold at most 1 MiB - 1 bytes ("string is too long for
// tsvector"). A UTF-8 character is at most 4 bytes and lower-casing grows one by at most
// one byte, so the lexemes of 200,000 characters stay under 1,000,000 bytes whatever the
// text: indexing left(document, kFulltextPrefixChars) can never hit the limit.
inline constexpr std::size_t kFulltextPrefixChars = 200000;

// The document expression over Postgres column names, cut to prefix_chars when given:
//   message | coalesce(name, '') || ' ' || coalesce(content, '') | left(message, 200000)
std::string fulltext_document(const std::vector<std::string>& columns,
                              std::optional<std::size_t> prefix_chars = std::nullopt);

// CREATE INDEX name ON schema.table USING gin (to_tsvector('config'::regconfig, document))
std::string fulltext_index_sql(const std::string& schema, const std::string& table,
                               const std::string& name, const std::string& config,
                               const std::vector<std::string>& columns,
                               std::optional<std::size_t> prefix_chars = std::nullopt);

// Inserts CONCURRENTLY after the INDEX keyword of a CREATE [UNIQUE] INDEX statement.
// Throws Error (a bug) when the statement is not one.
std::string with_concurrently(const std::string& create_index_sql);

// DROP INDEX [CONCURRENTLY] IF EXISTS schema.name
std::string drop_index_sql(const std::string& schema, const std::string& name, bool concurrently);

// schema.name, each quoted as needed.
std::string qualified(const std::string& schema, const std::string& name);

}  // namespace m2pg::index
