#pragma once
// Splitting a migration file into its statements, so each runs on its own: a failure is
// then pinned to a line of the file even when the server gives no position (a duplicate
// table), and CREATE INDEX CONCURRENTLY is not wrapped in the implicit transaction that
// PostgreSQL gives a multi-statement query. Pure text work, no server.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace m2pg::migrate {

struct Statement {
    std::string sql;          // from its first token to before its ';' (comments inside kept)
    std::size_t offset = 0;   // byte offset of sql's first character in the file
    int line = 1;             // 1-based line of that character
};

// Splits at the ';' tokens of target::postgres::lex_sql, so semicolons inside strings
// (E'' too), quoted names, comments (nested too) and $tag$ bodies do not split.
// Comment-only stretches are not statements. Limitation: a SQL-standard function body (BEGIN ATOMIC ... END) holds
// bare semicolons and must be written with $$ quoting instead.
std::vector<Statement> split_statements(std::string_view script);

// 1-based line of a byte offset.
int line_at(std::string_view script, std::size_t byte_offset);

// The file line of PostgreSQL's error position (PG_DIAG_STATEMENT_POSITION: 1-based and
// counted in characters, not bytes) inside `statement`; the statement's first line when
// position is 0 or out of range.
int error_line(std::string_view script, const Statement& statement, int position);

}  // namespace m2pg::migrate
