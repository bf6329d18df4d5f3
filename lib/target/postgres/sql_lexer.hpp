#pragma once
// The tokens of PostgreSQL SQL text as the server's own lexer (scan.l) cuts it, for the
// tools that read migration files: the migration runner splits them into statements, and
// check reads the tables they make. Pure text work, no server, never throws: text the
// server would refuse (an unterminated string) still lexes, marked, so the server can say
// what is wrong with it.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace m2pg::target::postgres {

enum class SqlTokenKind {
    Word,        // keyword or unquoted identifier; text folded to ASCII lower case
    QuotedName,  // "Users" or U&"..."; text is the name, "" undone, case kept
    String,      // '...', E'...', N'...', U&'...', $tag$...$tag$; text is the value
    BitString,   // B'0101' or X'1F'; text is what is between the quotes
    Number,      // 12, 1.5, .5e3, 0x1F; text as written
    Parameter,   // $1; text as written
    Symbol,      // ( ) [ ] , ; . : :: and operators (runs like <= or ->>); text as written
};

struct SqlToken {
    SqlTokenKind kind = SqlTokenKind::Symbol;
    std::string text;
    std::size_t offset = 0;     // byte offset of the token's first character in the text
    std::size_t length = 0;     // bytes it spans in the text, quotes included
    bool terminated = true;     // false: a string or quoted name ran to the end of the text
    std::string_view dollar_tag;  // "$body$" for a dollar-quoted string (a view of the text)

    bool is(std::string_view word) const { return kind == SqlTokenKind::Word && text == word; }
    bool is_symbol(std::string_view symbol) const { return kind == SqlTokenKind::Symbol && text == symbol; }
    std::size_t end() const { return offset + length; }
};

// Every token of `sql`, comments (-- and nested /* */) and whitespace skipped. Strings
// follow standard_conforming_strings = on (the default since PostgreSQL 9.1): a backslash
// escapes only in E'' strings, where \n, \t, \b, \f, \r, octal, \xHH, \uXXXX and
// \UXXXXXXXX are undone. Two string literals separated by whitespace holding a newline are
// one string, as the server reads them.
std::vector<SqlToken> lex_sql(std::string_view sql);

}  // namespace m2pg::target::postgres
