#include "target/postgres/sql_lexer.hpp"
#include "util/text.hpp"

#include <cstdint>

namespace m2pg::target::postgres {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool is_ident_start(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}
bool is_ident_char(char c) { return is_ident_start(c) || is_digit(c) || c == '$'; }
// scan.l's op_chars: a run of them is one operator.
bool is_op_char(char c) {
    switch (c) {
        case '~': case '!': case '@': case '#': case '^': case '&': case '|': case '`': case '?':
        case '+': case '-': case '*': case '/': case '%': case '<': case '>': case '=':
            return true;
        default:
            return false;
    }
}

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

class Lexer {
public:
    explicit Lexer(std::string_view s) : s_(s) {}

    std::vector<SqlToken> run() {
        std::vector<SqlToken> out;
        while (skip_blanks()) out.push_back(next());
        return out;
    }

    // Past whitespace and comments; false at the end of the text.
    bool skip_blanks() {
        while (i_ < s_.size()) {
            if (is_space(s_[i_])) {
                ++i_;
            } else if (at("--")) {
                while (i_ < s_.size() && s_[i_] != '\n') ++i_;
            } else if (at("/*")) {
                skip_block_comment();
            } else {
                return true;
            }
        }
        return false;
    }

private:
    bool at(std::string_view text) const { return s_.compare(i_, text.size(), text) == 0; }
    char peek(std::size_t ahead) const { return i_ + ahead < s_.size() ? s_[i_ + ahead] : '\0'; }

    void skip_block_comment() {
        int depth = 0;
        while (i_ < s_.size()) {
            if (at("/*")) {
                ++depth;
                i_ += 2;
            } else if (at("*/")) {
                i_ += 2;
                if (--depth == 0) return;
            } else {
                ++i_;
            }
        }
    }

    SqlToken next() {
        const std::size_t start = i_;
        const char c = s_[i_];
        SqlToken t;
        if (c == '\'') {
            t = quoted_string(Mode::Standard);
        } else if ((c == 'e' || c == 'E') && peek(1) == '\'') {
            ++i_;
            t = quoted_string(Mode::Escaped);
        } else if ((c == 'n' || c == 'N') && peek(1) == '\'') {
            ++i_;
            t = quoted_string(Mode::Standard);
        } else if ((c == 'b' || c == 'B' || c == 'x' || c == 'X') && peek(1) == '\'') {
            ++i_;
            t = quoted_string(Mode::Standard);
            t.kind = SqlTokenKind::BitString;
        } else if ((c == 'u' || c == 'U') && peek(1) == '&' && (peek(2) == '\'' || peek(2) == '"')) {
            // Unicode escapes (\XXXX, UESCAPE) are left as written: migrations do not use them.
            i_ += 2;
            t = s_[i_] == '"' ? quoted_name() : quoted_string(Mode::Standard);
        } else if (c == '"') {
            t = quoted_name();
        } else if (c == '$' && is_digit(peek(1))) {
            ++i_;
            while (i_ < s_.size() && is_digit(s_[i_])) ++i_;
            t.kind = SqlTokenKind::Parameter;
            t.text = std::string(s_.substr(start, i_ - start));
        } else if (c == '$') {
            t = dollar_string();
        } else if (is_ident_start(c)) {
            t.kind = SqlTokenKind::Word;
            while (i_ < s_.size() && is_ident_char(s_[i_])) t.text += ascii_lower(s_[i_++]);
        } else if (is_digit(c) || (c == '.' && is_digit(peek(1)))) {
            t = number();
        } else {
            t = symbol();
        }
        t.offset = start;
        t.length = i_ - start;
        return t;
    }

    enum class Mode { Standard, Escaped };

    // At the opening quote. A literal continues after whitespace holding a newline.
    SqlToken quoted_string(Mode mode) {
        SqlToken t;
        t.kind = SqlTokenKind::String;
        for (;;) {
            ++i_;  // the opening quote
            t.terminated = false;
            while (i_ < s_.size()) {
                const char c = s_[i_];
                if (c == '\'') {
                    if (peek(1) == '\'') {
                        t.text += '\'';
                        i_ += 2;
                        continue;
                    }
                    ++i_;
                    t.terminated = true;
                    break;
                }
                if (mode == Mode::Escaped && c == '\\' && i_ + 1 < s_.size()) {
                    escape(t.text);
                    continue;
                }
                t.text += c;
                ++i_;
            }
            if (!t.terminated) return t;
            std::size_t j = i_;
            bool newline = false;
            while (j < s_.size() && is_space(s_[j])) newline |= s_[j++] == '\n';
            if (!newline || j >= s_.size() || s_[j] != '\'') return t;
            i_ = j;
        }
    }

    // At a backslash inside E'...': appends what the escape means.
    void escape(std::string& out) {
        const char c = s_[i_ + 1];
        i_ += 2;
        auto hex_digits = [&](std::size_t most) {
            std::uint32_t v = 0;
            std::size_t n = 0;
            while (n < most && i_ < s_.size() && is_hex(s_[i_])) {
                const char h = s_[i_++];
                v = v * 16 + static_cast<std::uint32_t>(is_digit(h) ? h - '0' : ascii_lower(h) - 'a' + 10);
                ++n;
            }
            return std::pair{v, n};
        };
        switch (c) {
            case 'b': out += '\b'; return;
            case 'f': out += '\f'; return;
            case 'n': out += '\n'; return;
            case 'r': out += '\r'; return;
            case 't': out += '\t'; return;
            case 'x': {
                auto [v, n] = hex_digits(2);
                if (n == 0) out += 'x';
                else out += static_cast<char>(v);
                return;
            }
            case 'u':
            case 'U': {
                auto [v, n] = hex_digits(c == 'u' ? 4 : 8);
                if (n == 0) {
                    out += c;
                    return;
                }
                // A high surrogate joins the low one that must follow it.
                if (v >= 0xD800 && v <= 0xDBFF && at("\\u")) {
                    const std::size_t back = i_;
                    i_ += 2;
                    auto [low, m] = hex_digits(4);
                    if (m == 4 && low >= 0xDC00 && low <= 0xDFFF) {
                        v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00);
                    } else {
                        i_ = back;
                    }
                }
                util::append_utf8(out, v);
                return;
            }
            default:
                break;
        }
        if (c >= '0' && c <= '7') {
            std::uint32_t v = static_cast<std::uint32_t>(c - '0');
            for (int k = 0; k < 2 && i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '7'; ++k)
                v = v * 8 + static_cast<std::uint32_t>(s_[i_++] - '0');
            out += static_cast<char>(v & 0xFF);
            return;
        }
        out += c;  // \\ \' and any other character stand for themselves
    }

    SqlToken quoted_name() {
        SqlToken t;
        t.kind = SqlTokenKind::QuotedName;
        t.terminated = false;
        ++i_;
        while (i_ < s_.size()) {
            if (s_[i_] == '"') {
                if (peek(1) == '"') {
                    t.text += '"';
                    i_ += 2;
                    continue;
                }
                ++i_;
                t.terminated = true;
                break;
            }
            t.text += s_[i_++];
        }
        return t;
    }

    // At a '$' not followed by a digit: $tag$ ... $tag$, or a lone '$' symbol.
    SqlToken dollar_string() {
        const std::size_t start = i_;
        std::size_t end = i_ + 1;
        if (end < s_.size() && is_ident_start(s_[end]))
            while (end < s_.size() && is_ident_char(s_[end]) && s_[end] != '$') ++end;
        SqlToken t;
        if (end >= s_.size() || s_[end] != '$') {
            ++i_;
            t.kind = SqlTokenKind::Symbol;
            t.text = "$";
            return t;
        }
        t.kind = SqlTokenKind::String;
        t.dollar_tag = s_.substr(start, end - start + 1);
        const std::size_t body = end + 1;
        const std::size_t close = s_.find(t.dollar_tag, body);
        if (close == std::string_view::npos) {
            t.text = std::string(s_.substr(body));
            t.terminated = false;
            i_ = s_.size();
        } else {
            t.text = std::string(s_.substr(body, close - body));
            i_ = close + t.dollar_tag.size();
        }
        return t;
    }

    SqlToken number() {
        const std::size_t start = i_;
        SqlToken t;
        t.kind = SqlTokenKind::Number;
        auto digits = [&] {
            while (i_ < s_.size() && (is_digit(s_[i_]) || (s_[i_] == '_' && is_digit(peek(1))))) ++i_;
        };
        if (s_[i_] == '0' && (peek(1) == 'x' || peek(1) == 'X' || peek(1) == 'o' || peek(1) == 'O' || peek(1) == 'b' ||
                              peek(1) == 'B') &&
            is_hex(peek(2))) {
            i_ += 2;
            while (i_ < s_.size() && (is_hex(s_[i_]) || s_[i_] == '_')) ++i_;
        } else {
            digits();
            // "1..2" is an integer and a range operator, not a decimal.
            if (i_ < s_.size() && s_[i_] == '.' && peek(1) != '.') {
                ++i_;
                digits();
            }
            if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E') &&
                (is_digit(peek(1)) || ((peek(1) == '+' || peek(1) == '-') && is_digit(peek(2))))) {
                i_ += 2;
                digits();
            }
        }
        t.text = std::string(s_.substr(start, i_ - start));
        return t;
    }

    SqlToken symbol() {
        SqlToken t;
        t.kind = SqlTokenKind::Symbol;
        const char c = s_[i_];
        if (c == ':' && (peek(1) == ':' || peek(1) == '=')) {
            t.text = std::string(s_.substr(i_, 2));
            i_ += 2;
        } else if (c == '.' && peek(1) == '.') {
            t.text = "..";
            i_ += 2;
        } else if (is_op_char(c)) {
            t.text = operator_run();
        } else {
            t.text = std::string(1, c);
            ++i_;
        }
        return t;
    }

    // scan.l's rule: the longest run of operator characters, cut before a comment start;
    // a trailing + or - belongs to the next token unless the operator holds a character
    // only a user-defined operator can ("=-1" is "=" then "-1").
    std::string operator_run() {
        std::size_t end = i_;
        while (end < s_.size() && is_op_char(s_[end])) {
            if (end > i_ && (s_.compare(end, 2, "--") == 0 || s_.compare(end, 2, "/*") == 0)) break;
            ++end;
        }
        std::string op(s_.substr(i_, end - i_));
        if (op.size() > 1 && op.find_first_of("~!@#^&|`?%") == std::string::npos)
            while (op.size() > 1 && (op.back() == '+' || op.back() == '-')) op.pop_back();
        i_ += op.size();
        return op;
    }

    std::string_view s_;
    std::size_t i_ = 0;
};

}  // namespace

std::vector<SqlToken> lex_sql(std::string_view sql) { return Lexer(sql).run(); }

}  // namespace m2pg::target::postgres
