#pragma once
// The tokens of a MySQL CHECK clause as information_schema.CHECK_CONSTRAINTS prints it
// ("`age` between 18 and 99", "`s` in ('a','b\'c')"). Lexing only: what the tokens mean,
// and whether Postgres reads them the same, is lib/schema/check_clause's job.
#include <string>
#include <string_view>
#include <vector>

namespace m2pg::schema {

enum class CheckTokenKind {
    Column,  // `name` in backticks; text is the name, `` unescaped
    Word,    // a bare word (keyword, function or unquoted name); text is lower case
    Number,  // 12, 1.5, .5, 1.5e3 as written
    String,  // '...'; text is the value, MySQL's escapes undone
    Symbol,  // ( ) , and operators: = <=> <> != < <= > >= + - * / % ! && || & | ^ ~ << >>
};

struct CheckToken {
    CheckTokenKind kind = CheckTokenKind::Symbol;
    std::string text;
};

struct CheckTokens {
    std::vector<CheckToken> tokens;
    std::string problem;  // non-empty when the clause holds something not lexed here
};

// Refuses (with `problem` set) what it cannot read the same way every time: double-quoted
// text (a string, or a name under ANSI_QUOTES), comments, user variables, hex and bit
// literals, a string holding a NUL byte (no Postgres text can), and an unterminated quote.
CheckTokens tokenize_check_clause(std::string_view clause);

}  // namespace m2pg::schema
