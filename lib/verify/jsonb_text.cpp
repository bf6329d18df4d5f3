#include "verify/jsonb_text.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <utility>
#include <vector>

#include "convert/json_scan.hpp"

namespace m2pg::verify {

namespace {

// Thrown inside the parser only; jsonb_text turns it into nullopt.
struct Rejected {};

// PostgreSQL rejects numbers whose exponent makes numeric overflow; well before that a
// huge exponent would make us build a huge string, so the same bound stops both.
constexpr long kMaxExponent = 131072 + 16383;

// escape_json() of PostgreSQL 15: the short escapes, \u00xx for other controls, and every
// other byte (UTF-8 included, and '/') as it is.
void append_escaped(const std::string& s, std::string& out) {
    out += '"';
    for (char c : s) {
        switch (c) {
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
                    out += buf;
                } else {
                    out += c;
                }
        }
    }
    out += '"';
}

// Iterative, with the open arrays and objects on a heap stack of their own: a document
// nested as deep as PostgreSQL accepts (tens of thousands of levels, by its max_stack_depth)
// must neither overflow our stack nor be refused where Postgres took it.
class Parser {
public:
    explicit Parser(std::string_view text) : s_(text) {}

    std::string document() {
        std::vector<Open> open;
        std::string done;  // the value just read, rendered
        for (;;) {
            // A value starts here: a scalar completes at once, '[' or '{' opens a level.
            bool have_value = false;
            const char c = peek();
            if (c == '{' || c == '[') {
                ++pos_;
                open.emplace_back().is_object = c == '{';
                const char close = c == '{' ? '}' : ']';
                if (peek() == close) {
                    ++pos_;
                    done = finish(open.back());
                    open.pop_back();
                    have_value = true;
                } else if (c == '{') {
                    open.back().key = key();
                }
            } else {
                done = scalar(c);
                have_value = true;
            }
            // Each completed value goes into its parent, which may complete in turn.
            while (have_value) {
                if (open.empty()) {
                    skip_space();
                    if (pos_ != s_.size()) throw Rejected{};
                    return done;
                }
                Open& parent = open.back();
                if (parent.is_object) {
                    parent.members.emplace_back(std::move(parent.key), std::move(done));
                } else {
                    if (!parent.elements.empty()) parent.elements += ", ";
                    parent.elements += done;
                }
                const char next = peek();
                ++pos_;
                if (next == ',') {
                    if (parent.is_object) parent.key = key();
                    have_value = false;  // the next member's value follows
                } else if (next == (parent.is_object ? '}' : ']')) {
                    done = finish(parent);
                    open.pop_back();
                } else {
                    throw Rejected{};
                }
            }
        }
    }

private:
    struct Open {
        bool is_object = false;
        std::vector<std::pair<std::string, std::string>> members;  // object: key, rendered value
        std::string key;                                            // object: the member being read
        std::string elements;                                       // array: rendered so far
    };

    void skip_space() {
        while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r'))
            ++pos_;
    }

    char peek() {
        skip_space();
        if (pos_ >= s_.size()) throw Rejected{};
        return s_[pos_];
    }

    void expect_word(std::string_view word) {
        if (s_.substr(pos_, word.size()) != word) throw Rejected{};
        pos_ += word.size();
    }

    // A member's key and its ':'; the value follows.
    std::string key() {
        if (peek() != '"') throw Rejected{};
        std::string k = string();
        if (peek() != ':') throw Rejected{};
        ++pos_;
        return k;
    }

    std::string scalar(char c) {
        std::string out;
        if (c == '"') append_escaped(string(), out);
        else if (c == 't') expect_word("true"), out = "true";
        else if (c == 'f') expect_word("false"), out = "false";
        else if (c == 'n') expect_word("null"), out = "null";
        else if (c == '-' || (c >= '0' && c <= '9')) out = numeric_text(number());
        else throw Rejected{};
        return out;
    }

    static std::string finish(Open& level) {
        if (!level.is_object) return "[" + level.elements + "]";
        auto& members = level.members;
        // jsonb orders keys by length, then bytewise, and of duplicate keys keeps the last.
        std::stable_sort(members.begin(), members.end(), [](const auto& a, const auto& b) {
            if (a.first.size() != b.first.size()) return a.first.size() < b.first.size();
            return a.first < b.first;
        });
        std::string out = "{";
        bool first = true;
        for (std::size_t i = 0; i < members.size(); ++i) {
            if (i + 1 < members.size() && members[i + 1].first == members[i].first) continue;
            if (!first) out += ", ";
            first = false;
            append_escaped(members[i].first, out);
            out += ": ";
            out += members[i].second;
        }
        out += '}';
        return out;
    }

    // The decoded string; pos_ is at the opening quote. copy removed the \u0000 escape
    // itself (jsonb rejects it): the character is simply gone.
    std::string string() {
        std::string out;
        std::uint64_t nul_escapes = 0;
        if (convert::read_json_string(s_, pos_, out, nul_escapes) != convert::JsonScan::Ok) throw Rejected{};
        return out;
    }

    std::string_view number() {
        const auto n = convert::read_json_number(s_, pos_);
        if (!n || n->exponent_digits > 7) throw Rejected{};
        return n->text;
    }

    std::string_view s_;
    std::size_t pos_ = 0;
};

}  // namespace

std::string numeric_text(std::string_view number) {
    bool negative = false;
    std::size_t i = 0;
    if (i < number.size() && number[i] == '-') negative = true, ++i;
    std::string int_digits, frac_digits;
    while (i < number.size() && number[i] >= '0' && number[i] <= '9') int_digits += number[i++];
    if (i < number.size() && number[i] == '.') {
        ++i;
        while (i < number.size() && number[i] >= '0' && number[i] <= '9') frac_digits += number[i++];
    }
    long exponent = 0;
    if (i < number.size() && (number[i] == 'e' || number[i] == 'E')) {
        ++i;
        bool exp_negative = false;
        if (i < number.size() && (number[i] == '+' || number[i] == '-')) exp_negative = number[i++] == '-';
        for (; i < number.size(); ++i) exponent = exponent * 10 + (number[i] - '0');
        if (exp_negative) exponent = -exponent;
    }
    if (exponent > kMaxExponent || exponent < -kMaxExponent) throw std::out_of_range("JSON number exponent out of range");

    const std::string digits = int_digits + frac_digits;
    const long point = static_cast<long>(int_digits.size()) + exponent;  // digits before the point
    const long scale = std::max(0L, static_cast<long>(frac_digits.size()) - exponent);

    std::string whole;
    if (point > 0) {
        whole = digits.substr(0, static_cast<std::size_t>(std::min<long>(point, static_cast<long>(digits.size()))));
        if (point > static_cast<long>(digits.size())) whole.append(static_cast<std::size_t>(point) - digits.size(), '0');
    }
    const std::size_t lead = whole.find_first_not_of('0');
    whole = lead == std::string::npos ? "0" : whole.substr(lead);

    std::string fraction;
    if (scale > 0) {
        if (point < 0) fraction.assign(static_cast<std::size_t>(-point), '0');
        if (point < static_cast<long>(digits.size())) fraction += digits.substr(static_cast<std::size_t>(std::max(0L, point)));
        fraction.resize(static_cast<std::size_t>(scale), '0');
    }
    const bool zero = digits.find_first_not_of('0') == std::string::npos;
    std::string out = negative && !zero ? "-" : "";
    out += whole;
    if (!fraction.empty()) out += "." + fraction;
    return out;
}

std::optional<std::string> jsonb_text(std::string_view json) {
    std::string cleaned;
    if (json.find('\0') != std::string_view::npos) {
        cleaned.reserve(json.size());
        for (char c : json)
            if (c != '\0') cleaned += c;
        json = cleaned;
    }
    try {
        return Parser(json).document();
    } catch (const Rejected&) {
        return std::nullopt;
    } catch (const std::out_of_range&) {
        return std::nullopt;
    }
}

}  // namespace m2pg::verify
