// Fuzz: random byte strings and random numbers through every value codec (convert/values,
// text, json_array). The contract: each value is converted exactly (read back from the COPY
// field it must equal the input, as far as the codec promises: NUL bytes stripped and
// counted, zero dates NULL and counted) or refused with ConvertError saying what is wrong;
// never another exception, a crash, or a field that breaks the COPY stream. Deterministic:
// a failure prints the seed and the input (M2PG_FUZZ_SEED and M2PG_FUZZ_ITERATIONS replay
// or scale a run). Built with -fsanitize=address,undefined it also checks memory and UB.
#include <doctest/doctest.h>

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "convert/json_array.hpp"
#include "convert/row_key.hpp"
#include "convert/text.hpp"
#include "convert/types.hpp"
#include "convert/values.hpp"
#include "support/fuzz.hpp"
#include "util/error.hpp"
#include "verify/jsonb_text.hpp"

using m2pg::ConvertError;
using namespace m2pg::convert;
using namespace m2pg::test::fuzz;

namespace {

struct Outcome {
    bool ok = false;
    std::string out;      // the COPY field
    ColumnStats stats;
    std::string error;    // the ConvertError message
};

// Runs one value through the codec; anything but success or ConvertError fails the test.
Outcome run(Codec codec, const std::string& in, const ValueContext& context, const std::string& where) {
    Outcome o;
    try {
        encode_value(codec, in.data(), in.size(), context, o.stats, o.out);
        o.ok = true;
    } catch (const ConvertError& e) {
        o.error = e.what();
        if (o.error.empty()) FAIL_CHECK(where << ": ConvertError without a message");
    } catch (const std::exception& e) {
        FAIL_CHECK(where << ": not a ConvertError: " << e.what());
    }
    return o;
}

std::string without_nul(std::string_view s) {
    std::string out;
    for (char c : s)
        if (c != '\0') out += c;
    return out;
}

bool digits(std::string_view s, std::size_t at, std::size_t n) {
    if (at + n > s.size()) return false;
    for (std::size_t i = at; i < at + n; ++i)
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

int num(std::string_view s, std::size_t at, std::size_t n) {
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) v = v * 10 + (s[i] - '0');
    return v;
}

// "YYYY-MM-DD": 1 real, 0 a zero date (a zero part), -1 not one PostgreSQL takes.
int date_kind(std::string_view s) {
    if (s.size() < 10 || !digits(s, 0, 4) || s[4] != '-' || !digits(s, 5, 2) || s[7] != '-' || !digits(s, 8, 2))
        return -1;
    const int y = num(s, 0, 4), m = num(s, 5, 2), d = num(s, 8, 2);
    if (y == 0 || m == 0 || d == 0) return 0;
    using namespace std::chrono;
    return year_month_day{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}}.ok() ? 1 : -1;
}

// "HH:MM:SS[.f{1,6}]" with hours up to `max_hour_digits` digits (and up to 23 when 2).
bool valid_time(std::string_view s, bool interval) {
    std::size_t at = 0;
    if (interval && !s.empty() && s[0] == '-') at = 1;
    std::size_t h = 0;
    while (at + h < s.size() && s[at + h] >= '0' && s[at + h] <= '9') ++h;
    if (interval ? (h < 1 || h > 3) : h != 2) return false;
    if (!interval && num(s, at, 2) > 23) return false;
    at += h;
    if (at + 6 > s.size() || s[at] != ':' || !digits(s, at + 1, 2) || s[at + 3] != ':' || !digits(s, at + 4, 2))
        return false;
    if (num(s, at + 1, 2) > 59 || num(s, at + 4, 2) > 59) return false;
    at += 6;
    if (at == s.size()) return true;
    const std::size_t frac = s.size() - at - 1;
    return s[at] == '.' && frac >= 1 && frac <= 6 && digits(s, at + 1, frac);
}

// Splits a Postgres array literal of quoted elements ({"a","b"}) back into its elements.
std::optional<std::vector<std::string>> array_elements(std::string_view s) {
    if (s.size() < 2 || s.front() != '{' || s.back() != '}') return std::nullopt;
    std::vector<std::string> out;
    std::size_t i = 1;
    if (s.size() == 2) return out;
    for (;;) {
        if (i >= s.size() || s[i] != '"') return std::nullopt;
        ++i;
        std::string e;
        for (;;) {
            if (i >= s.size()) return std::nullopt;
            if (s[i] == '\\') {
                if (++i >= s.size()) return std::nullopt;
                e += s[i++];
            } else if (s[i] == '"') {
                ++i;
                break;
            } else {
                e += s[i++];
            }
        }
        out.push_back(e);
        if (i >= s.size()) return std::nullopt;
        if (s[i] == '}') return i + 1 == s.size() ? std::optional(out) : std::nullopt;
        if (s[i++] != ',') return std::nullopt;
    }
}

// JSON text with every \u0000 escape removed (an odd run of backslashes opens an escape),
// read on the decoded document: what copy promises to write.
std::string without_json_nul_escapes(std::string_view s) {
    std::string out;
    std::size_t i = 0;
    while (i < s.size()) {
        if (s[i] != '\\') {
            out += s[i++];
            continue;
        }
        if (s.substr(i, 6) == "\\u0000") {
            i += 6;
            continue;
        }
        out += s[i++];
        if (i < s.size()) out += s[i++];  // the escaped character, whatever it is
    }
    return out;
}

struct Checker {
    std::uint64_t seed;
    int iteration = 0;
    int converted = 0;
    int refused = 0;

    std::string where(Codec codec, const std::string& in) const {
        return "seed " + std::to_string(seed) + " iteration " + std::to_string(iteration) + " codec " +
               std::string(codec_name(codec)) + " input \"" + hex(in) + "\"";
    }

    // Runs `in` through `codec` and checks the outcome; returns the decoded field on success.
    std::optional<std::string> check(Codec codec, const std::string& in, const ValueContext& context = {}) {
        const std::string at = where(codec, in);
        Outcome o = run(codec, in, context, at);
        if (!o.ok) {
            ++refused;
            return std::nullopt;
        }
        ++converted;
        std::optional<std::string> field;
        try {
            field = decode_copy_field(o.out);
        } catch (const std::invalid_argument& e) {
            FAIL_CHECK(at << ": the COPY field \"" << hex(o.out) << "\" is broken: " << e.what());
            return std::nullopt;
        }
        if (field && (field->find('\0') != std::string::npos || !is_valid_utf8(*field)))
            FAIL_CHECK(at << ": the field holds a NUL or invalid UTF-8: \"" << hex(*field) << "\"");
        if (!field) return std::string("\\N");  // NULL: the zero-date path checks its own
        return field;
    }

    void expect(bool ok, Codec codec, const std::string& in, const std::string& what, const std::string& got) {
        if (!ok) FAIL_CHECK(where(codec, in) << ": " << what << "; got \"" << hex(got) << "\"");
    }
};

ValueContext with_bits(int width) {
    ValueContext c;
    c.bit_width = width;
    return c;
}

}  // namespace

TEST_CASE("fuzz: every codec converts a random value exactly or refuses it with ConvertError") {
    const std::uint64_t seed = m2pg::test::fuzz::seed();
    INFO("M2PG_FUZZ_SEED=" << seed);
    Gen g(seed);
    Checker c{seed};
    const int n = iterations(4000);
    for (c.iteration = 0; c.iteration < n; ++c.iteration) {
        const std::string in = g.value();
        const std::string clean = without_nul(in);

        // Text and enum (the '' error value included), under both UTF-8 policies.
        for (Codec codec : {Codec::Text, Codec::Enum}) {
            if (auto f = c.check(codec, in))
                c.expect(*f == clean && is_valid_utf8(clean), codec, in, "text read back differs from the input", *f);
            else
                c.expect(!is_valid_utf8(clean), codec, in, "valid UTF-8 text was refused", "");
            ValueContext replace;
            replace.invalid_utf8 = InvalidUtf8Policy::Replace;
            // Repaired where the bytes stand, then the NULs stripped (a NUL ends a sequence).
            ColumnStats stats;
            std::string repaired;
            append_utf8_repaired(in, stats, repaired);
            repaired = without_nul(repaired);
            if (auto f = c.check(codec, in, replace))
                c.expect(*f == repaired, codec, in, "text under Replace differs from the repaired input", *f);
            else
                c.expect(false, codec, in, "Replace refused a value", "");
        }

        // bytea: all bytes, read back from the hex form.
        for (Codec codec : {Codec::Bytes, Codec::Geometry}) {
            auto f = c.check(codec, in);
            std::string back;
            if (f && f->size() == 2 + 2 * in.size() && f->rfind("\\x", 0) == 0)
                for (std::size_t i = 0; i < in.size(); ++i)
                    back += static_cast<char>(std::stoi(f->substr(2 + 2 * i, 2), nullptr, 16));
            c.expect(f && back == in, codec, in, "bytea read back differs from the input", f.value_or(""));
        }

        // Set: the text[] literal read back, joined with ',', is the input.
        if (auto f = c.check(Codec::Set, in)) {
            std::string joined;
            if (auto elements = array_elements(*f)) {
                for (std::size_t i = 0; i < elements->size(); ++i) joined += (i ? "," : "") + (*elements)[i];
                c.expect(joined == clean, Codec::Set, in, "set read back differs from the input", *f);
            } else {
                c.expect(false, Codec::Set, in, "set field is not an array literal", *f);
            }
        }

        // JSON: the document with NUL bytes and \u0000 escapes removed; Postgres parses it.
        for (bool empty_as_object : {false, true}) {
            ValueContext json;
            json.empty_json_as_object = empty_as_object;
            if (auto f = c.check(Codec::Json, in, json)) {
                const std::string expected = clean.empty() ? "{}" : without_json_nul_escapes(clean);
                c.expect(*f == expected, Codec::Json, in, "JSON read back differs from the input", *f);
                // verify renders the MySQL document as jsonb would: it must agree with the written one.
                const auto mysql_side = m2pg::verify::jsonb_text(clean);
                c.expect(!mysql_side || mysql_side == m2pg::verify::jsonb_text(*f), Codec::Json, in,
                         "jsonb_text of input and field differ", *f);
            }
        }

        // A JSON array into text[] / integer[] / numeric[] / varchar(3)[]: refused or a literal.
        for (const ArrayElement& e : {array_element_for("text", 0, false, "text[]"),
                                      array_element_for("int2", 0, false, "smallint[]"),
                                      array_element_for("numeric", 0, false, "numeric[]"),
                                      array_element_for("varchar", 3, false, "character varying(3)[]")}) {
            ValueContext a;
            a.array_element = e;
            if (auto f = c.check(Codec::JsonArray, in, a))
                c.expect(f->size() >= 2 && f->front() == '{' && f->back() == '}', Codec::JsonArray, in,
                         "array field is not a literal", *f);
        }

        // Numbers, years, UUIDs, addresses: passed through only when nothing in them needs escaping.
        for (Codec codec : {Codec::Int, Codec::Decimal, Codec::Float, Codec::Double, Codec::Year, Codec::Uuid,
                            Codec::Inet})
            if (auto f = c.check(codec, in)) c.expect(*f == in, codec, in, "pass-through value changed", *f);

        // Booleans.
        if (auto f = c.check(Codec::Bool, in))
            c.expect((in == "0" && *f == "f") || (in == "1" && *f == "t"), Codec::Bool, in, "tinyint(1) as boolean", *f);
        if (auto f = c.check(Codec::BitBool, in))
            c.expect((in == std::string(1, '\0') && *f == "f") || (in == "\x01" && *f == "t"), Codec::BitBool, in,
                     "bit(1) as boolean", *f);

        // bit(n) for every width: read the bits back into bytes.
        for (int width = 1; width <= 64; ++width) {
            const std::string raw = g.chance(50) ? g.bytes(static_cast<std::size_t>((width + 7) / 8)) : in;
            if (auto f = c.check(Codec::Bit, raw, with_bits(width))) {
                bool same = f->size() == static_cast<std::size_t>(width);
                std::string back((width + 7) / 8, '\0');
                const int padding = static_cast<int>(back.size()) * 8 - width;
                for (int b = 0; same && b < width; ++b) {
                    if ((*f)[b] != '0' && (*f)[b] != '1') same = false;
                    const int bit = padding + b;
                    if ((*f)[b] == '1') back[bit / 8] = static_cast<char>(back[bit / 8] | (0x80 >> (bit % 8)));
                }
                c.expect(same && back == raw, Codec::Bit, raw, "bit(" + std::to_string(width) + ") read back differs",
                         *f);
            }
        }

        // Dates and times: random text, and near-misses of valid values.
        static const char* const kDates[] = {"2024-02-29", "2023-02-29", "0000-00-00", "2024-00-15", "2024-02-00",
                                             "0001-01-01", "9999-12-31", "1970-01-01", "2024-13-01", "2024-04-31"};
        static const char* const kTimes[] = {"00:00:00", "23:59:59", "23:59:59.999999", "12:30:00.5", "24:00:00",
                                             "12:60:00", "12:00:60"};
        static const char* const kDurations[] = {"838:59:59", "-838:59:59", "838:59:59.999999", "-838:59:59.999999",
                                                 "-00:00:00.5", "0:00:00", "12:30:00", "999:99:99", "-1:60:00"};
        for (const std::string& date : {in, std::string(g.pick(kDates)), g.mutate(g.pick(kDates))}) {
            if (auto f = c.check(Codec::Date, date)) {
                const int kind = date_kind(date);
                c.expect(date.size() == 10 && ((kind == 1 && *f == date) || (kind == 0 && *f == "\\N")), Codec::Date,
                         date, "date converted wrongly", *f);
            }
        }
        for (Codec codec : {Codec::DateTime, Codec::Timestamp}) {
            const std::string suffix = codec == Codec::Timestamp ? "+00" : "";
            const std::string real = std::string(g.pick(kDates)) + " " + g.pick(kTimes);
            for (const std::string& dt : {in, real, g.mutate(real)}) {
                if (auto f = c.check(codec, dt)) {
                    const int kind = date_kind(dt);
                    const bool time_ok = dt.size() > 11 && dt[10] == ' ' && valid_time(dt.substr(11), false);
                    c.expect(time_ok && ((kind == 1 && *f == dt + suffix) || (kind == 0 && *f == "\\N")), codec, dt,
                             "datetime converted wrongly", *f);
                }
            }
        }
        for (const std::string& t : {in, std::string(g.pick(kDurations)), g.mutate(g.pick(kDurations))})
            if (auto f = c.check(Codec::MysqlTime, t))
                c.expect(*f == t && valid_time(t, true), Codec::MysqlTime, t, "time converted wrongly", *f);
    }
    MESSAGE("seed " << seed << ": " << c.converted << " values converted exactly, " << c.refused
                    << " refused with ConvertError");
    CHECK(c.converted > 0);
    CHECK(c.refused > 0);
}

TEST_CASE("fuzz: random numbers pass through exactly and parse back to the same value") {
    const std::uint64_t seed = m2pg::test::fuzz::seed();
    INFO("M2PG_FUZZ_SEED=" << seed);
    Gen g(seed);
    Checker c{seed};
    const int n = iterations(20000);
    for (c.iteration = 0; c.iteration < n; ++c.iteration) {
        // Integers of every width, signed and unsigned.
        const std::uint64_t bits = g.u64() >> g.in(0, 63);
        const std::string i = g.chance(50) ? std::to_string(bits) : std::to_string(-static_cast<std::int64_t>(bits >> 1));
        if (auto f = c.check(Codec::Int, i)) {
            long long back = 0;
            unsigned long long uback = 0;
            const bool same = std::from_chars(f->data(), f->data() + f->size(), back).ec == std::errc() ?
                                  std::to_string(back) == i :
                                  std::from_chars(f->data(), f->data() + f->size(), uback).ec == std::errc() &&
                                      std::to_string(uback) == i;
            c.expect(same, Codec::Int, i, "integer read back differs", *f);
        } else {
            c.expect(false, Codec::Int, i, "an integer was refused", "");
        }

        // Doubles from random bits (denormals, -0, inf, nan included), as MySQL prints them
        // (%.17g) and as text; read back bit for bit.
        double d = 0;
        const std::uint64_t dbits = g.u64();
        std::memcpy(&d, &dbits, sizeof d);
        if (g.chance(5)) d = g.pick({0.0, -0.0, 5e-324, -5e-324, 2.2250738585072014e-308, 1.7976931348623157e308,
                                     HUGE_VAL, -HUGE_VAL});
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.17g", d);
        for (Codec codec : {Codec::Double, Codec::Float}) {
            if (auto f = c.check(codec, buf)) {
                const double back = std::strtod(f->c_str(), nullptr);
                c.expect(std::isnan(d) ? std::isnan(back) : std::memcmp(&back, &d, sizeof d) == 0, codec, buf,
                         "double read back differs", *f);
            } else {
                c.expect(false, codec, buf, "a double was refused", "");
            }
        }

        // Decimals: up to 65 digits, with a scale, a sign, and exponent forms.
        std::string dec = g.chance(30) ? "-" : "";
        const auto int_digits = g.in(1, 65);
        for (int k = 0; k < int_digits; ++k) dec += static_cast<char>('0' + g.in(0, 9));
        if (g.chance(60)) {
            dec += '.';
            for (int k = 0, s = static_cast<int>(g.in(1, 30)); k < s; ++k) dec += static_cast<char>('0' + g.in(0, 9));
        }
        if (g.chance(10)) dec += "e" + std::to_string(g.in(-400, 400));
        if (auto f = c.check(Codec::Decimal, dec)) c.expect(*f == dec, Codec::Decimal, dec, "decimal changed", *f);
        else c.expect(false, Codec::Decimal, dec, "a decimal was refused", "");
    }
    MESSAGE("seed " << seed << ": " << c.converted << " numbers exact");
}

TEST_CASE("fuzz: JSON documents (deep nesting, huge numbers, escapes) through json, json arrays and verify's jsonb_text") {
    const std::uint64_t seed = m2pg::test::fuzz::seed();
    INFO("M2PG_FUZZ_SEED=" << seed);
    Gen g(seed);
    Checker c{seed};
    const int n = iterations(2000);
    static const char* const kScalars[] = {
        "0", "-0", "1e999999999", "-1E-99999999", "123456789012345678901234567890.12345678901234567890", "1.5e+300",
        "true", "false", "null", "\"\"", "\"\\u0000\"", "\"a\\u0000b\"", "\"\\\\u0000\"", "\"\\ud800\"",
        "\"\\udc00\\ud800\"", "\"\\ud83d\\ude00\"", "\"\\q\"", "\"\\u12\"", "\"\t\"", "\"\xC3\xA9\"", "\"\xED\xA0\x80\"",
        "01", "1.", ".5", "-", "1e", "\"abc", "NaN", "Infinity", "\"x\xFFy\""};
    for (c.iteration = 0; c.iteration < n; ++c.iteration) {
        // A document built from random pieces, nested up to a few thousand levels.
        std::string doc;
        const auto depth = g.chance(2) ? g.in(1000, 10000) : g.in(0, 6);
        for (std::int64_t k = 0; k < depth; ++k) doc += g.chance(50) ? "[" : "{\"k\":";
        std::string close;  // the openers reversed: '[' closes with ']', '{"k":' with '}'
        for (std::size_t k = doc.size(); k-- > 0;) {
            if (doc[k] == '[') close += ']';
            else if (doc[k] == '{') close += '}';
        }
        doc += g.pick(kScalars);
        if (g.chance(30)) doc += "," + std::string(g.pick(kScalars));
        doc += close;
        if (g.chance(30)) doc = g.mutate(doc);
        for (const std::string& in : {doc, g.hostile(g.length())}) {
            c.check(Codec::Json, in);
            for (const ArrayElement& e : {array_element_for("text", 0, false, "text[]"),
                                          array_element_for("int8", 0, false, "bigint[]"),
                                          array_element_for("numeric", 0, false, "numeric[]")}) {
                ValueContext a;
                a.array_element = e;
                c.check(Codec::JsonArray, in, a);
            }
            try {
                (void)m2pg::verify::jsonb_text(in);
            } catch (const std::exception& e) {
                FAIL_CHECK(c.where(Codec::Json, in) << ": jsonb_text threw " << e.what());
            }
        }
        // An array of random valid strings into text[]: the elements read back exactly.
        std::vector<std::string> strings;
        std::string json = "[";
        for (std::int64_t k = 0, count = g.in(0, 5); k < count; ++k) {
            ColumnStats ignored;
            std::string s;
            append_utf8_repaired(without_nul(g.value()), ignored, s);
            strings.push_back(s);
            json += k ? "," : "";
            json += '"';
            for (unsigned char ch : s) {
                if (ch == '"' || ch == '\\') json += '\\', json += static_cast<char>(ch);
                else if (ch < 0x20) {
                    char esc[8];
                    std::snprintf(esc, sizeof esc, "\\u%04x", ch);
                    json += esc;
                } else json += static_cast<char>(ch);
            }
            json += '"';
        }
        json += "]";
        ValueContext a;
        a.array_element = array_element_for("text", 0, false, "text[]");
        if (auto f = c.check(Codec::JsonArray, json, a)) {
            const auto elements = array_elements(*f);
            c.expect(elements && *elements == strings, Codec::JsonArray, json, "text[] elements read back differ", *f);
        } else {
            c.expect(false, Codec::JsonArray, json, "an array of strings was refused", "");
        }
    }
    MESSAGE("seed " << seed << ": " << c.converted << " converted, " << c.refused << " refused");
}

TEST_CASE("fuzz: messages and type parsing take any bytes: excerpt, row keys, enum lists, MySQL string escapes") {
    const std::uint64_t seed = m2pg::test::fuzz::seed();
    INFO("M2PG_FUZZ_SEED=" << seed);
    Gen g(seed);
    const int n = iterations(3000);
    for (int i = 0; i < n; ++i) {
        const std::string in = g.value();
        INFO("iteration " << i << " input \"" << hex(in) << "\"");
        const std::string e = excerpt(in, static_cast<std::size_t>(g.in(0, 80)));
        if (!is_valid_utf8(e) || e.find('\0') != std::string::npos) FAIL_CHECK("excerpt is not printable UTF-8: " << hex(e));
        (void)key_values_text({in, std::nullopt, in});
        (void)named_key_text({"a", "b"}, {in, std::nullopt});
        (void)unescape_mysql_string(in);
        for (const std::string& type : {"enum(" + in + ")", "set('" + in + "')", "enum('a','" + in + "')", in}) {
            try {
                (void)parse_enum_values(type);
            } catch (const ConvertError&) {
                // refused, with a message: fine
            } catch (const std::exception& ex) {
                FAIL_CHECK("parse_enum_values threw a non-ConvertError: " << ex.what());
            }
        }
    }
}
