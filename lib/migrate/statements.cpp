#include "migrate/statements.hpp"

#include <algorithm>
#include <cctype>

namespace m2pg::migrate {

namespace {

bool is_ident_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}

// The "$tag$" starting at pos, or empty when pos does not open a dollar quote.
std::string_view dollar_tag(std::string_view s, std::size_t pos) {
    if (pos > 0 && is_ident_char(s[pos - 1])) return {};  // a$b is an identifier, not a quote
    std::size_t end = pos + 1;
    if (end < s.size() && std::isdigit(static_cast<unsigned char>(s[end]))) return {};  // $1 is a parameter
    while (end < s.size() && is_ident_char(s[end]) && s[end] != '$') ++end;
    if (end >= s.size() || s[end] != '$') return {};
    return s.substr(pos, end - pos + 1);
}

// Index just past the construct (string, comment, quote) that starts at pos, or pos
// itself when none starts there.
std::size_t skip_quoted(std::string_view s, std::size_t pos) {
    const char c = s[pos];
    const char next = pos + 1 < s.size() ? s[pos + 1] : '\0';
    if (c == '-' && next == '-') {
        const auto end = s.find('\n', pos);
        return end == std::string_view::npos ? s.size() : end + 1;
    }
    if (c == '/' && next == '*') {
        int depth = 0;
        std::size_t i = pos;
        while (i < s.size()) {
            if (s.compare(i, 2, "/*") == 0) {
                ++depth;
                i += 2;
            } else if (s.compare(i, 2, "*/") == 0) {
                i += 2;
                if (--depth == 0) return i;
            } else {
                ++i;
            }
        }
        return s.size();
    }
    if (c == '\'' || c == '"') {
        const bool backslash_escapes =
            c == '\'' && pos > 0 && (s[pos - 1] == 'E' || s[pos - 1] == 'e') && (pos < 2 || !is_ident_char(s[pos - 2]));
        std::size_t i = pos + 1;
        while (i < s.size()) {
            if (backslash_escapes && s[i] == '\\') {
                i += 2;
            } else if (s[i] == c) {
                if (i + 1 < s.size() && s[i + 1] == c) {
                    i += 2;  // doubled quote inside
                } else {
                    return i + 1;
                }
            } else {
                ++i;
            }
        }
        return s.size();
    }
    if (c == '$') {
        const std::string_view tag = dollar_tag(s, pos);
        if (tag.empty()) return pos;
        const auto end = s.find(tag, pos + tag.size());
        return end == std::string_view::npos ? s.size() : end + tag.size();
    }
    return pos;
}

bool is_comment_start(std::string_view s, std::size_t pos) {
    return s.compare(pos, 2, "--") == 0 || s.compare(pos, 2, "/*") == 0;
}

}  // namespace

std::vector<Statement> split_statements(std::string_view script) {
    std::vector<Statement> out;
    std::size_t pos = 0;
    while (pos < script.size()) {
        // Blanks and comments between statements belong to no statement.
        while (pos < script.size()) {
            if (std::isspace(static_cast<unsigned char>(script[pos])) != 0 || script[pos] == ';') {
                ++pos;
            } else if (is_comment_start(script, pos)) {
                pos = skip_quoted(script, pos);
            } else {
                break;
            }
        }
        if (pos >= script.size()) break;
        const std::size_t start = pos;
        while (pos < script.size() && script[pos] != ';') {
            const std::size_t after = skip_quoted(script, pos);
            pos = after == pos ? pos + 1 : after;
        }
        std::size_t end = pos;
        while (end > start && std::isspace(static_cast<unsigned char>(script[end - 1])) != 0) --end;
        out.push_back(Statement{std::string(script.substr(start, end - start)), start, line_at(script, start)});
        if (pos < script.size()) ++pos;  // the ';'
    }
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
