#include "schema/check_literals.hpp"

#include <cctype>
#include <charconv>

namespace m2pg::schema {

namespace {

bool digits(std::string_view s, std::size_t from, std::size_t count) {
    if (from + count > s.size()) return false;
    for (std::size_t i = from; i < from + count; ++i)
        if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    return true;
}

std::size_t count_digits(std::string_view s, std::size_t from) {
    std::size_t n = 0;
    while (from + n < s.size() && std::isdigit(static_cast<unsigned char>(s[from + n]))) ++n;
    return n;
}

int number_at(std::string_view s, std::size_t from, std::size_t count) {
    int out = 0;
    std::from_chars(s.data() + from, s.data() + from + count, out);
    return out;
}

}  // namespace

bool is_plain_date(std::string_view s) {
    if (s.size() != 10 || !digits(s, 0, 4) || s[4] != '-' || !digits(s, 5, 2) || s[7] != '-' ||
        !digits(s, 8, 2))
        return false;
    const int year = number_at(s, 0, 4), month = number_at(s, 5, 2), day = number_at(s, 8, 2);
    if (year < 1 || month < 1 || month > 12 || day < 1) return false;
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return day <= kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

bool is_plain_datetime(std::string_view s) {
    if (s.size() == 10) return is_plain_date(s);
    if (s.size() < 19 || !is_plain_date(s.substr(0, 10)) || s[10] != ' ' || !digits(s, 11, 2) ||
        s[13] != ':' || !digits(s, 14, 2) || s[16] != ':' || !digits(s, 17, 2))
        return false;
    if (number_at(s, 11, 2) > 23 || number_at(s, 14, 2) > 59 || number_at(s, 17, 2) > 59) return false;
    if (s.size() == 19) return true;
    return s[19] == '.' && s.size() <= 26 && s.size() > 20 && digits(s, 20, s.size() - 20);
}

bool is_plain_regex(std::string_view pattern) {
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(pattern[i]);
        if (c == '\\') {
            if (i + 1 >= pattern.size() || !std::ispunct(static_cast<unsigned char>(pattern[i + 1])))
                return false;
            ++i;
        } else if (c == '{') {
            // ARE reads every { as a bound of at most 255; PCRE takes a malformed one literally.
            std::size_t j = i + 1;
            const std::size_t low = count_digits(pattern, j);
            if (low == 0 || low > 3 || number_at(pattern, j, low) > 255) return false;
            j += low;
            if (j < pattern.size() && pattern[j] == ',') {
                const std::size_t high = count_digits(pattern, ++j);
                if (high > 3 || (high > 0 && number_at(pattern, j, high) > 255)) return false;
                j += high;
            }
            if (j >= pattern.size() || pattern[j] != '}') return false;
            i = j;
        } else if (c == '(' && i + 1 < pattern.size() && pattern[i + 1] == '?') {
            return false;  // (?i), (?=...): options and lookarounds differ
        } else if (c < 0x20 || c == 0x7f) {
            return false;
        }
    }
    return true;
}

}  // namespace m2pg::schema
