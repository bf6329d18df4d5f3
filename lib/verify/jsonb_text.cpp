#include "verify/jsonb_text.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <utility>
#include <vector>

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

class Parser {
public:
    explicit Parser(std::string_view text) : s_(text) {}

    std::string document() {
        std::string out;
        value(out, 0);
        skip_space();
        if (pos_ != s_.size()) throw Rejected{};
        return out;
    }

private:
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

    void value(std::string& out, int depth) {
        if (depth > 6400) throw Rejected{};  // PostgreSQL's stack depth limit comes first
        const char c = peek();
        if (c == '{') return object(out, depth);
        if (c == '[') return array(out, depth);
        if (c == '"') return append_escaped(string(), out);
        if (c == 't') return expect_word("true"), void(out += "true");
        if (c == 'f') return expect_word("false"), void(out += "false");
        if (c == 'n') return expect_word("null"), void(out += "null");
        if (c == '-' || (c >= '0' && c <= '9')) return void(out += numeric_text(number()));
        throw Rejected{};
    }

    void object(std::string& out, int depth) {
        ++pos_;
        std::vector<std::pair<std::string, std::string>> members;  // key, rendered value
        if (peek() == '}') {
            ++pos_;
        } else {
            for (;;) {
                if (peek() != '"') throw Rejected{};
                std::string key = string();
                if (peek() != ':') throw Rejected{};
                ++pos_;
                std::string rendered;
                value(rendered, depth + 1);
                members.emplace_back(std::move(key), std::move(rendered));
                const char c = peek();
                ++pos_;
                if (c == '}') break;
                if (c != ',') throw Rejected{};
            }
        }
        // jsonb orders keys by length, then bytewise, and of duplicate keys keeps the last.
        std::stable_sort(members.begin(), members.end(), [](const auto& a, const auto& b) {
            if (a.first.size() != b.first.size()) return a.first.size() < b.first.size();
            return a.first < b.first;
        });
        out += '{';
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
    }

    void array(std::string& out, int depth) {
        ++pos_;
        out += '[';
        if (peek() == ']') {
            ++pos_;
        } else {
            for (bool first = true;; first = false) {
                if (!first) out += ", ";
                value(out, depth + 1);
                const char c = peek();
                ++pos_;
                if (c == ']') break;
                if (c != ',') throw Rejected{};
            }
        }
        out += ']';
    }

    unsigned hex4() {
        if (pos_ + 4 > s_.size()) throw Rejected{};
        unsigned v = 0;
        for (int i = 0; i < 4; ++i) {
            const char c = s_[pos_++];
            v <<= 4;
            if (c >= '0' && c <= '9') v |= static_cast<unsigned>(c - '0');
            else if (c >= 'a' && c <= 'f') v |= static_cast<unsigned>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') v |= static_cast<unsigned>(c - 'A' + 10);
            else throw Rejected{};
        }
        return v;
    }

    // The decoded string; pos_ is at the opening quote.
    std::string string() {
        ++pos_;
        std::string out;
        for (;;) {
            if (pos_ >= s_.size()) throw Rejected{};
            const char c = s_[pos_++];
            if (c == '"') return out;
            if (static_cast<unsigned char>(c) < 0x20) throw Rejected{};
            if (c != '\\') {
                out += c;
                continue;
            }
            if (pos_ >= s_.size()) throw Rejected{};
            const char e = s_[pos_++];
            switch (e) {
                case '"': out += '"'; break;
                case '\\': out += '\\'; break;
                case '/': out += '/'; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                case 'u': {
                    std::uint32_t cp = hex4();
                    if (cp >= 0xD800 && cp <= 0xDBFF) {
                        if (s_.substr(pos_, 2) != "\\u") throw Rejected{};
                        pos_ += 2;
                        const unsigned low = hex4();
                        if (low < 0xDC00 || low > 0xDFFF) throw Rejected{};
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                        throw Rejected{};
                    }
                    // copy removed the \u0000 escape itself (jsonb rejects it): the
                    // character is simply gone.
                    if (cp != 0) util::append_utf8(out, cp);
                    break;
                }
                default:
                    throw Rejected{};
            }
        }
    }

    std::string_view number() {
        const std::size_t start = pos_;
        auto digits = [&] {
            const std::size_t from = pos_;
            while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
            return pos_ - from;
        };
        if (s_[pos_] == '-') ++pos_;
        const std::size_t int_start = pos_;
        const std::size_t int_digits = digits();
        if (int_digits == 0 || (int_digits > 1 && s_[int_start] == '0')) throw Rejected{};
        if (pos_ < s_.size() && s_[pos_] == '.') {
            ++pos_;
            if (digits() == 0) throw Rejected{};
        }
        if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
            ++pos_;
            if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) ++pos_;
            const std::size_t exp_start = pos_;
            if (digits() == 0) throw Rejected{};
            if (pos_ - exp_start > 7) throw Rejected{};
        }
        return s_.substr(start, pos_ - start);
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
