#include "migrate/statements.hpp"

#include <algorithm>
#include <cctype>

#include "target/postgres/sql_lexer.hpp"

namespace m2pg::migrate {

std::vector<Statement> split_statements(std::string_view script) {
    std::vector<Statement> out;
    const auto tokens = target::postgres::lex_sql(script);
    std::size_t first = 0;  // the statement's first token
    auto close = [&](std::size_t end_token, std::size_t end_offset) {
        if (end_token == first) return;  // nothing but ';' (and comments) since the last one
        const std::size_t start = tokens[first].offset;
        std::size_t end = end_offset;
        while (end > start && std::isspace(static_cast<unsigned char>(script[end - 1])) != 0) --end;
        out.push_back(Statement{std::string(script.substr(start, end - start)), start, line_at(script, start)});
    };
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (!tokens[i].is_symbol(";")) continue;
        close(i, tokens[i].offset);
        first = i + 1;
    }
    close(tokens.size(), script.size());
    return out;
}

int line_at(std::string_view script, std::size_t byte_offset) {
    byte_offset = std::min(byte_offset, script.size());
    return 1 + static_cast<int>(std::count(script.begin(), script.begin() + static_cast<std::ptrdiff_t>(byte_offset), '\n'));
}

int error_line(std::string_view script, const Statement& statement, int position) {
    if (position <= 0) return statement.line;
    // Walk characters (UTF-8 lead bytes) up to the 1-based position.
    int chars = 0;
    std::size_t i = 0;
    for (; i < statement.sql.size(); ++i) {
        if ((static_cast<unsigned char>(statement.sql[i]) & 0xC0) == 0x80) continue;
        if (++chars == position) break;
    }
    if (i >= statement.sql.size()) return statement.line;
    return line_at(script, statement.offset + i);
}

}  // namespace m2pg::migrate
