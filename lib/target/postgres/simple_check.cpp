#include "target/postgres/simple_check.hpp"

#include "target/postgres/sql_lexer.hpp"

namespace m2pg::target::postgres {

namespace {

bool is_name(const SqlToken& t) { return t.kind == SqlTokenKind::Word || t.kind == SqlTokenKind::QuotedName; }

// The words a cast's type name may continue with: "character varying", "double precision",
// "timestamp without time zone".
bool continues_type(const SqlToken& t) {
    return t.is("varying") || t.is("precision") || t.is("with") || t.is("without") || t.is("time") || t.is("zone");
}

// The tokens without parentheses, casts (::type, ::type(n), ::type[]) and NOT VALID.
std::vector<SqlToken> bare(std::vector<SqlToken> t) {
    std::vector<SqlToken> out;
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (t[i].is_symbol("(") || t[i].is_symbol(")")) continue;
        if (t[i].is_symbol("::")) {
            ++i;
            while (i + 2 < t.size() && t[i + 1].is_symbol(".") && is_name(t[i + 2])) i += 2;
            while (i + 1 < t.size() && continues_type(t[i + 1])) ++i;
            if (i + 1 < t.size() && t[i + 1].is_symbol("(")) {
                while (i + 1 < t.size() && !t[i + 1].is_symbol(")")) ++i;
                ++i;
            }
            while (i + 2 < t.size() && t[i + 1].is_symbol("[") && t[i + 2].is_symbol("]")) i += 2;
            continue;
        }
        out.push_back(std::move(t[i]));
    }
    if (out.size() >= 2 && out[out.size() - 2].is("not") && out.back().is("valid")) out.resize(out.size() - 2);
    return out;
}

class Reader {
public:
    explicit Reader(std::vector<SqlToken> t) : t_(std::move(t)) {}

    std::optional<AllowedValues> run() {
        AllowedValues out;
        if (!at_end() && t_[p_].is("check")) ++p_;
        for (bool first = true;; first = false) {
            if (at_end() || !is_name(t_[p_])) return std::nullopt;
            if (!first && t_[p_].text != out.column) return std::nullopt;
            out.column = t_[p_++].text;
            if (word("in")) {
                if (!list(out, "")) return std::nullopt;
            } else if (!symbol("=")) {
                return std::nullopt;
            } else if (word("any")) {
                if (!word("array") || !symbol("[") || !list(out, "]")) return std::nullopt;
            } else if (!literal(out)) {
                return std::nullopt;
            }
            if (at_end()) break;
            if (!word("or")) return std::nullopt;
        }
        if (out.values.empty() || (has_number_ && !all_strings_numeric_)) return std::nullopt;
        out.numeric = has_number_;
        return out;
    }

private:
    bool at_end() const { return p_ >= t_.size(); }
    bool word(std::string_view w) { return !at_end() && t_[p_].is(w) ? (++p_, true) : false; }
    bool symbol(std::string_view s) { return !at_end() && t_[p_].is_symbol(s) ? (++p_, true) : false; }

    // A number, or a string: Postgres prints a negative constant in a list of numbers as
    // '-3'::integer, so strings and numbers mix only when every string reads as a number.
    bool literal(AllowedValues& out) {
        std::string sign;
        if (!at_end() && (t_[p_].is_symbol("-") || t_[p_].is_symbol("+"))) sign = t_[p_++].text == "-" ? "-" : "";
        if (at_end()) return false;
        const SqlToken& v = t_[p_];
        if (v.kind == SqlTokenKind::Number) {
            has_number_ = true;
        } else if (v.kind == SqlTokenKind::String && sign.empty()) {
            all_strings_numeric_ = all_strings_numeric_ && is_number(v.text);
        } else {
            return false;
        }
        out.values.push_back(sign + v.text);
        ++p_;
        return true;
    }

    static bool is_number(const std::string& text) {
        std::size_t i = text.size() > 1 && (text[0] == '-' || text[0] == '+') ? 1 : 0;
        bool digits = false;
        for (; i < text.size(); ++i) {
            if (text[i] >= '0' && text[i] <= '9') digits = true;
            else if (text[i] != '.') return false;
        }
        return digits;
    }

    // lit, lit, ... up to `close` ("]"), or to the end when close is empty (parentheses are gone).
    bool list(AllowedValues& out, std::string_view close) {
        for (;;) {
            if (!literal(out)) return false;
            if (symbol(",")) continue;
            return close.empty() || symbol(close);
        }
    }

    std::vector<SqlToken> t_;
    std::size_t p_ = 0;
    bool has_number_ = false;
    bool all_strings_numeric_ = true;
};

}  // namespace

std::optional<AllowedValues> allowed_values(std::string_view check_definition) {
    return Reader(bare(lex_sql(check_definition))).run();
}

}  // namespace m2pg::target::postgres
