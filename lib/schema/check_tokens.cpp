#include "schema/check_tokens.hpp"

#include <array>
#include <cctype>

#include "convert/types.hpp"

namespace m2pg::schema {

namespace {

bool is_word_start(char c) {
    return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '$';
}
bool is_word_char(char c) { return is_word_start(c) || std::isdigit(static_cast<unsigned char>(c)); }
bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// Longest first, so "<=>" is not read as "<=" then ">".
constexpr std::array<std::string_view, 21> kSymbols = {
    "<=>", "<=", ">=", "<>", "!=", "&&", "||", "<<", ">>", "(", ")", ",",
    "=",   "<",  ">",  "+",  "-",  "*",  "/",  "%",  "!"};

class Lexer {
public:
    explicit Lexer(std::string_view clause) : s_(clause) {}

    CheckTokens run() {
        CheckTokens out;
        while (out.problem.empty()) {
            while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
            if (i_ >= s_.size()) break;
            out.problem = next(out.tokens);
        }
        if (!out.problem.empty()) out.tokens.clear();
        return out;
    }

private:
    std::string_view s_;
    std::size_t i_ = 0;

    // Appends one token, or says why it cannot.
    std::string next(std::vector<CheckToken>& tokens) {
        const char c = s_[i_];
        if (c == '`') return quoted_name(tokens);
        if (c == '\'') return string_literal(tokens);
        if (c == '"') return "double-quoted text (a string, or a name under ANSI_QUOTES)";
        if (c == '@') return "a variable";
        if (c == '#' || s_.substr(i_, 2) == "/*" ||
            (s_.substr(i_, 2) == "--" &&
             (i_ + 2 >= s_.size() || std::isspace(static_cast<unsigned char>(s_[i_ + 2])))))
            return "a comment";
        if (is_digit(c) || (c == '.' && i_ + 1 < s_.size() && is_digit(s_[i_ + 1])))
            return number(tokens);
        if (is_word_start(c)) {
            const std::size_t start = i_;
            while (i_ < s_.size() && is_word_char(s_[i_])) ++i_;
            std::string word(s_.substr(start, i_ - start));
            for (char& ch : word) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
            tokens.push_back({CheckTokenKind::Word, std::move(word)});
            return {};
        }
        for (std::string_view symbol : kSymbols) {
            if (s_.substr(i_, symbol.size()) == symbol) {
                tokens.push_back({CheckTokenKind::Symbol, std::string(symbol)});
                i_ += symbol.size();
                return {};
            }
        }
        return "the character '" + std::string(1, c) + "'";
    }

    std::string quoted_name(std::vector<CheckToken>& tokens) {
        std::string name;
        for (++i_; i_ < s_.size(); ++i_) {
            if (s_[i_] != '`') {
                name += s_[i_];
            } else if (i_ + 1 < s_.size() && s_[i_ + 1] == '`') {
                name += '`';
                ++i_;
            } else {
                ++i_;
                tokens.push_back({CheckTokenKind::Column, std::move(name)});
                return {};
            }
        }
        return "an unterminated `name`";
    }

    std::string string_literal(std::vector<CheckToken>& tokens) {
        const std::size_t start = ++i_;
        for (; i_ < s_.size(); ++i_) {
            if (s_[i_] == '\\') {
                ++i_;  // the escaped character, even a quote
            } else if (s_[i_] == '\'') {
                if (i_ + 1 < s_.size() && s_[i_ + 1] == '\'') {
                    ++i_;
                    continue;
                }
                std::string value = convert::unescape_mysql_string(s_.substr(start, i_ - start));
                ++i_;
                if (value.find('\0') != std::string::npos) return "a string holding a NUL byte";
                tokens.push_back({CheckTokenKind::String, std::move(value)});
                return {};
            }
        }
        return "an unterminated string";
    }

    std::string number(std::vector<CheckToken>& tokens) {
        const std::size_t start = i_;
        while (i_ < s_.size() && is_digit(s_[i_])) ++i_;
        if (i_ < s_.size() && s_[i_] == '.') {
            ++i_;
            while (i_ < s_.size() && is_digit(s_[i_])) ++i_;
        }
        if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
            std::size_t j = i_ + 1;
            if (j < s_.size() && (s_[j] == '+' || s_[j] == '-')) ++j;
            if (j < s_.size() && is_digit(s_[j])) {
                i_ = j;
                while (i_ < s_.size() && is_digit(s_[i_])) ++i_;
            }
        }
        // 0x1F, 0b101 and names that start with digits.
        if (i_ < s_.size() && (is_word_char(s_[i_]) || s_[i_] == '.'))
            return "the number or name '" + std::string(s_.substr(start, i_ + 1 - start)) + "...'";
        tokens.push_back({CheckTokenKind::Number, std::string(s_.substr(start, i_ - start))});
        return {};
    }
};

}  // namespace

CheckTokens tokenize_check_clause(std::string_view clause) { return Lexer(clause).run(); }

}  // namespace m2pg::schema
