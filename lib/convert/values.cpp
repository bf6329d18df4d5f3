#include "convert/values.hpp"

#include <array>
#include <cstring>
#include <string>
#include <string_view>

#include "util/error.hpp"

namespace m2pg::convert {

namespace {

// Measured cost of encode_value(Codec::Text) into a reused buffer (g++ -O2, one core of
// the 2-core dev box, 2M iterations): ~200 bytes of ASCII with one tab 28 ns/value (the
// 8-byte clean-word skip in text.cpp; 70 ns byte by byte); ~210 bytes mixing Latin,
// Cyrillic, CJK, Arabic and an emoji 155 ns/value (ICU's U8_NEXT per code point).
// Bytes (200 → bytea hex) 65 ns, DateTime 12 ns.

constexpr std::string_view kNull = "\\N";

[[noreturn]] void fail(std::string_view what, const char* data, std::size_t len) {
    throw ConvertError(Where{}, std::string(what) + ": '" +
                                    excerpt(std::string_view(data, len)) + "'");
}

void encode_bool(const char* data, std::size_t len, std::string& out) {
    if (len == 1 && data[0] == '0') {
        out += 'f';
    } else if (len == 1 && data[0] == '1') {
        out += 't';
    } else {
        // tinyint(1) is a full tinyint: the (1) is only a display width.
        fail("tinyint(1) value does not fit boolean (only 0 and 1 do); the profile can map "
             "the column to smallint",
             data, len);
    }
}

void encode_bit_bool(const char* data, std::size_t len, std::string& out) {
    const auto b = len == 1 ? static_cast<unsigned char>(data[0]) : 0xFF;
    if (b == 0) {
        out += 'f';
    } else if (b == 1) {
        out += 't';
    } else {
        fail("bit(1) value is not one byte 0x00 or 0x01", data, len);
    }
}

// MySQL sends bit(n) as (n+7)/8 raw bytes, big-endian, the value right-aligned, so the
// first byte carries 8*bytes-n leading padding bits that are not part of the value.
void encode_bit(const char* data, std::size_t len, int bit_width, std::string& out) {
    if (bit_width <= 0 || bit_width > 64)
        throw Error("internal: Codec::Bit needs ValueContext::bit_width 1..64, got " +
                    std::to_string(bit_width));
    const auto width = static_cast<std::size_t>(bit_width);
    const std::size_t bytes = (width + 7) / 8;
    if (len != bytes)
        fail("bit(" + std::to_string(width) + ") value has " + std::to_string(len) +
                 " bytes, expected " + std::to_string(bytes),
             data, len);
    const std::size_t padding = bytes * 8 - width;
    const auto* p = reinterpret_cast<const unsigned char*>(data);
    if (padding > 0 && (p[0] >> (8 - padding)) != 0)
        fail("bit(" + std::to_string(width) + ") value has bits set above its width", data, len);
    for (std::size_t bit = padding; bit < bytes * 8; ++bit)
        out += ((p[bit / 8] >> (7 - bit % 8)) & 1) ? '1' : '0';
}

constexpr std::array<char, 512> kHexPairs = [] {
    constexpr char digits[] = "0123456789abcdef";
    std::array<char, 512> t{};
    for (std::size_t b = 0; b < 256; ++b) {
        t[2 * b] = digits[b >> 4];
        t[2 * b + 1] = digits[b & 0xF];
    }
    return t;
}();

// bytea hex format is \x followed by the hex digits; in a COPY text field the backslash
// must itself be escaped, so the field reads \\x.
void encode_bytes(const char* data, std::size_t len, std::string& out) {
    const std::size_t start = out.size();
    out.resize(start + 3 + 2 * len);
    char* w = out.data() + start;
    *w++ = '\\';
    *w++ = '\\';
    *w++ = 'x';
    const auto* p = reinterpret_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < len; ++i) {
        std::memcpy(w, &kHexPairs[2 * std::size_t{p[i]}], 2);
        w += 2;
    }
}

// Bytes of the values MySQL prints for numbers, years, UUIDs and addresses: digits,
// letters (exponents, hex, inf/nan), '.', ':', '+' and '-', none of which COPY text format
// escapes or PostgreSQL reads as anything but part of the value.
constexpr std::array<bool, 256> kPlainByte = [] {
    std::array<bool, 256> t{};
    for (unsigned char c = '0'; c <= '9'; ++c) t[c] = true;
    for (unsigned char c = 'a'; c <= 'z'; ++c) t[c] = true;
    for (unsigned char c = 'A'; c <= 'Z'; ++c) t[c] = true;
    t['.'] = t[':'] = t['+'] = t['-'] = true;
    return t;
}();

std::string plain_kind(Codec codec) {
    switch (codec) {
        case Codec::Int: return "integer";
        case Codec::Decimal: return "decimal";
        case Codec::Float: return "float";
        case Codec::Double: return "double";
        case Codec::Year: return "year";
        case Codec::Uuid: return "uuid";
        case Codec::Inet: return "inet";
        default: return std::string(codec_name(codec));
    }
}

// Passed through as MySQL printed it; any other byte (a tab or newline would split the
// COPY row, a NUL or backslash change it) means the value is not what the column's type
// prints, and is refused rather than written.
void encode_plain(Codec codec, const char* data, std::size_t len, std::string& out) {
    const auto* p = reinterpret_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < len; ++i)
        if (!kPlainByte[p[i]])
            fail("not a MySQL " + plain_kind(codec) + " value (byte " + std::to_string(i) +
                     " is not a digit, letter, '.', ':', '+' or '-')",
                 data, len);
    out.append(data, len);
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool all_digits(const char* p, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i)
        if (!is_digit(p[i])) return false;
    return true;
}

int number(const char* p, std::size_t n) {
    int v = 0;
    for (std::size_t i = 0; i < n; ++i) v = v * 10 + (p[i] - '0');
    return v;
}

int days_in_month(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : kDays[month - 1];
}

// "HH:MM:SS" optionally followed by "." and 1..6 digits, as MySQL prints datetime(n); a
// field out of its range (25:00:00, 12:60:00) PostgreSQL would refuse.
bool is_time_of_day(const char* p, std::size_t n) {
    if (n < 8 || !all_digits(p, 2) || p[2] != ':' || !all_digits(p + 3, 2) || p[5] != ':' ||
        !all_digits(p + 6, 2) || number(p, 2) > 23 || number(p + 3, 2) > 59 || number(p + 6, 2) > 59)
        return false;
    if (n == 8) return true;
    return n >= 10 && n <= 15 && p[8] == '.' && all_digits(p + 9, n - 9);
}

enum class DateKind { Real, Zero };

// Checks "YYYY-MM-DD" at the start of the value. A zero part (0000-00-00, 2024-00-15,
// 2024-02-00) is a MySQL zero date, and so is year 0000: PostgreSQL has no year 0 (it
// would be 1 BC), so such a date cannot be kept. A day past the month's end (stored under
// ALLOW_INVALID_DATES) cannot be kept either and throws.
DateKind check_date(const char* data, std::size_t len, const char* what) {
    if (len < 10 || !all_digits(data, 4) || data[4] != '-' || !all_digits(data + 5, 2) ||
        data[7] != '-' || !all_digits(data + 8, 2))
        fail(std::string("malformed MySQL ") + what, data, len);
    const int year = number(data, 4);
    const int month = number(data + 5, 2);
    const int day = number(data + 8, 2);
    if (year == 0 || month == 0 || day == 0) return DateKind::Zero;
    if (month > 12 || day > days_in_month(year, month))
        fail(std::string(what) + " is not a calendar date PostgreSQL accepts", data, len);
    return DateKind::Real;
}

void encode_date(const char* data, std::size_t len, ColumnStats& stats, std::string& out) {
    const DateKind kind = check_date(data, len, "date");
    if (len != 10) fail("malformed MySQL date", data, len);
    if (kind == DateKind::Zero) {
        ++stats.zero_dates_nulled;
        out += kNull;
        return;
    }
    out.append(data, len);
}

// DATETIME and TIMESTAMP: the time of day is kept exactly as MySQL printed it.
void encode_date_time(const char* data, std::size_t len, std::string_view suffix,
                      ColumnStats& stats, std::string& out) {
    const DateKind kind = check_date(data, len, "datetime");
    if (len < 11 || data[10] != ' ' || !is_time_of_day(data + 11, len - 11))
        fail("malformed MySQL datetime", data, len);
    if (kind == DateKind::Zero) {
        ++stats.zero_dates_nulled;
        out += kNull;
        return;
    }
    out.append(data, len);
    out += suffix;
}

// MySQL TIME "[-]HHH:MM:SS[.ffffff]" (±838:59:59) is passed through: PostgreSQL 15 reads
// that text as an interval of the same length, the sign applying to the whole value
// ("-12:30:00" is minus 12 h 30 min, "-00:00:00.5" minus half a second) and hours above
// 24 staying hours ("838:59:59"), checked in tests/integration/convert/values_copy_test.
void encode_mysql_time(const char* data, std::size_t len, std::string& out) {
    const std::size_t sign = len > 0 && data[0] == '-' ? 1 : 0;
    std::size_t hours = 0;
    while (sign + hours < len && is_digit(data[sign + hours])) ++hours;
    if (hours < 1 || hours > 3) fail("malformed MySQL time", data, len);
    const std::size_t rest = sign + hours;
    const char* p = data + rest;
    const std::size_t n = len - rest;
    const bool ok = n >= 6 && p[0] == ':' && all_digits(p + 1, 2) && p[3] == ':' &&
                    all_digits(p + 4, 2) && number(p + 1, 2) <= 59 && number(p + 4, 2) <= 59 &&
                    (n == 6 || (n >= 8 && n <= 13 && p[6] == '.' && all_digits(p + 7, n - 7)));
    if (!ok) fail("malformed MySQL time", data, len);
    out.append(data, len);
}

// SET "a,b" → the text[] literal {"a","b"}: every element quoted, with " and \ escaped by a
// backslash inside it (array syntax), and the whole literal then COPY-escaped, so an
// element's backslash reaches the field as four. MySQL forbids commas in set members, so
// splitting on ',' is exact.
void encode_set(const char* data, std::size_t len, const ValueContext& context,
                ColumnStats& stats, std::string& out) {
    // Sets are rare and short; one scratch buffer per thread keeps this allocation-free.
    thread_local std::string literal;
    literal.clear();
    literal += '{';
    if (len > 0) {
        literal += '"';
        for (std::size_t i = 0; i < len; ++i) {
            const char c = data[i];
            if (c == ',') {
                literal += "\",\"";
                continue;
            }
            if (c == '"' || c == '\\') literal += '\\';
            literal += c;
        }
        literal += '"';
    }
    literal += '}';
    append_copy_text(literal.data(), literal.size(), context.invalid_utf8, stats, out);
}

// jsonb rejects the escape \u0000 ("unsupported Unicode escape sequence"), so it is removed
// from the field just written at out[start..]. The field is already COPY-escaped: every
// backslash there starts a two-character escape, and a JSON backslash reads "\\\\". A JSON
// backslash opens an escape only when the one before it did not (in \\u0000 the second
// backslash is escaped, so "u0000" is plain text): an odd run of backslashes.
void strip_json_nul_escapes(std::string& out, std::size_t start, ColumnStats& stats) {
    char* b = out.data();
    const std::size_t end = out.size();
    std::size_t r = start;
    std::size_t w = start;
    bool in_escape = false;  // the previous JSON character was a backslash opening an escape
    while (r < end) {
        if (b[r] != '\\') {
            in_escape = false;
            b[w++] = b[r++];
            continue;
        }
        const bool json_backslash = end - r >= 2 && b[r + 1] == '\\';
        if (json_backslash && !in_escape && end - r >= 7 && b[r + 2] == 'u' &&
            b[r + 3] == '0' && b[r + 4] == '0' && b[r + 5] == '0' && b[r + 6] == '0') {
            ++stats.json_nul_escapes_stripped;
            r += 7;
            continue;
        }
        in_escape = json_backslash && !in_escape;
        b[w++] = b[r++];
        if (r < end) b[w++] = b[r++];
    }
    out.resize(w);
}

// '' is no JSON document (json and jsonb refuse it). Some apps wrote it into TEXT columns
// holding JSON for an empty object; where the profile says so it becomes {}, counted.
// A value of NUL bytes only is '' once they are stripped, and is treated as ''.
void encode_json(const char* data, std::size_t len, const ValueContext& context,
                 ColumnStats& stats, std::string& out) {
    const std::size_t start = out.size();
    if (len > 0) append_copy_text(data, len, context.invalid_utf8, stats, out);
    if (out.size() == start) {
        if (!context.empty_json_as_object)
            fail("'' is not a JSON document, which json and jsonb require; if the app means an empty object there, "
                 "the profile's [empty_json] columns makes it {}",
                 data, len);
        ++stats.empty_json_as_object;
        out += "{}";
        return;
    }
    if (std::memchr(out.data() + start, '\\', out.size() - start) != nullptr)
        strip_json_nul_escapes(out, start, stats);
}

}  // namespace

void encode_value(Codec codec, const char* data, std::size_t len, const ValueContext& context,
                  ColumnStats& stats, std::string& out) {
    if (data == nullptr) {
        out += kNull;
        return;
    }
    switch (codec) {
        case Codec::Int:
        case Codec::Decimal:
        case Codec::Float:
        case Codec::Double:
        case Codec::Year:
        case Codec::Uuid:
        case Codec::Inet:
            encode_plain(codec, data, len, out);
            return;
        case Codec::Text:
        case Codec::Enum:
            append_copy_text(data, len, context.invalid_utf8, stats, out);
            return;
        case Codec::Bool:
            encode_bool(data, len, out);
            return;
        case Codec::Bytes:
        case Codec::Geometry:  // the copy engine selects ST_AsWKB(col): WKB bytes
            encode_bytes(data, len, out);
            return;
        case Codec::Date:
            encode_date(data, len, stats, out);
            return;
        case Codec::DateTime:
            encode_date_time(data, len, {}, stats, out);
            return;
        case Codec::Timestamp:
            // The copy session's time zone is UTC, so the offset makes timestamptz exact
            // whatever the target session's TimeZone is.
            encode_date_time(data, len, "+00", stats, out);
            return;
        case Codec::MysqlTime:
            encode_mysql_time(data, len, out);
            return;
        case Codec::Bit:
            encode_bit(data, len, context.bit_width, out);
            return;
        case Codec::BitBool:
            encode_bit_bool(data, len, out);
            return;
        case Codec::Set:
            encode_set(data, len, context, stats, out);
            return;
        case Codec::Json:
            encode_json(data, len, context, stats, out);
            return;
        case Codec::JsonArray:
            encode_json_array(data, len, context.array_element, context.invalid_utf8, stats, out);
            return;
    }
    throw Error("internal: encode_value got an unknown codec " +
                std::to_string(static_cast<int>(codec)));
}

}  // namespace m2pg::convert
