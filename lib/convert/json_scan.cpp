#include "convert/json_scan.hpp"

#include "util/text.hpp"

namespace m2pg::convert {

namespace {

std::optional<unsigned> hex4(std::string_view s, std::size_t& pos) {
    if (pos + 4 > s.size()) return std::nullopt;
    unsigned v = 0;
    for (int i = 0; i < 4; ++i) {
        const char c = s[pos++];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= static_cast<unsigned>(c - '0');
        else if (c >= 'a' && c <= 'f') v |= static_cast<unsigned>(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= static_cast<unsigned>(c - 'A' + 10);
        else return std::nullopt;
    }
    return v;
}

}  // namespace

JsonScan read_json_string(std::string_view s, std::size_t& pos, std::string& out, std::uint64_t& nul_escapes) {
    ++pos;
    for (;;) {
        if (pos >= s.size()) return JsonScan::Malformed;
        const char c = s[pos++];
        if (c == '"') return JsonScan::Ok;
        if (static_cast<unsigned char>(c) < 0x20) return JsonScan::Malformed;
        if (c != '\\') {
            out += c;
            continue;
        }
        if (pos >= s.size()) return JsonScan::Malformed;
        switch (s[pos++]) {
            case '"': out += '"'; break;
            case '\\': out += '\\'; break;
            case '/': out += '/'; break;
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case 'u': {
                auto cp = hex4(s, pos);
                if (!cp) return JsonScan::Malformed;
                if (*cp >= 0xD800 && *cp <= 0xDBFF) {
                    if (s.substr(pos, 2) != "\\u") return JsonScan::LoneSurrogate;
                    pos += 2;
                    const auto low = hex4(s, pos);
                    if (!low) return JsonScan::Malformed;
                    if (*low < 0xDC00 || *low > 0xDFFF) return JsonScan::LoneSurrogate;
                    *cp = 0x10000 + ((*cp - 0xD800) << 10) + (*low - 0xDC00);
                } else if (*cp >= 0xDC00 && *cp <= 0xDFFF) {
                    return JsonScan::LoneSurrogate;
                }
                if (*cp == 0) ++nul_escapes;
                else util::append_utf8(out, static_cast<char32_t>(*cp));
                break;
            }
            default:
                return JsonScan::Malformed;
        }
    }
}

std::optional<JsonNumber> read_json_number(std::string_view s, std::size_t& pos) {
    const std::size_t start = pos;
    auto digits = [&] {
        const std::size_t from = pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
        return pos - from;
    };
    JsonNumber n;
    if (pos < s.size() && s[pos] == '-') ++pos;
    const std::size_t int_start = pos;
    const std::size_t int_digits = digits();
    if (int_digits == 0 || (int_digits > 1 && s[int_start] == '0')) return std::nullopt;
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        n.is_integer = false;
        if (digits() == 0) return std::nullopt;
    }
    if (pos < s.size() && (s[pos] == 'e' || s[pos] == 'E')) {
        ++pos;
        n.is_integer = false;
        if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) ++pos;
        n.exponent_digits = digits();
        if (n.exponent_digits == 0) return std::nullopt;
    }
    n.text = s.substr(start, pos - start);
    return n;
}

}  // namespace m2pg::convert
