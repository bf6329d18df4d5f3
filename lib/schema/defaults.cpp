#include "schema/defaults.hpp"

#include <algorithm>
#include <cctype>
#include <regex>

#include "target/postgres/identifier.hpp"
#include "util/text.hpp"

namespace m2pg::schema {
using model::Column;
using target::postgres::quote_literal;

namespace {

using convert::Codec;

// What COLUMN_DEFAULT said, before looking at the target type.
enum class Form { String, Bits, Number, Now, Today, TimeOfDay, Uuid, Unknown };

struct ParsedDefault {
    Form form = Form::Unknown;
    std::string value;  // the unescaped string, the 0/1 digits, the number text
    int precision = 0;  // fractional digits of current_timestamp(n)
};

bool is_number(const std::string& s) {
    static const std::regex kNumber(R"([+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?)");
    return std::regex_match(s, kNumber);
}

ParsedDefault parse_default(const std::string& text) {
    ParsedDefault out;
    if (text.size() >= 2 && text.front() == '\'' && text.back() == '\'') {
        out.form = Form::String;
        out.value = convert::unescape_mysql_string(std::string_view(text).substr(1, text.size() - 2));
        return out;
    }
    std::string lower = util::ascii_lower(text);
    static const std::regex kBits(R"(b'([01]*)')");
    static const std::regex kNow(
        R"((current_timestamp|now|localtimestamp|localtime)(\((\d?)\))?)");
    static const std::regex kToday(R"((curdate|current_date)(\(\))?)");
    static const std::regex kTime(R"((curtime|current_time)(\((\d?)\))?)");
    std::smatch m;
    if (std::regex_match(lower, m, kBits)) {
        out.form = Form::Bits;
        out.value = m[1];
    } else if (is_number(lower)) {
        out.form = Form::Number;
        out.value = text;
    } else if (std::regex_match(lower, m, kNow)) {
        out.form = Form::Now;
        out.precision = m[3].length() ? std::stoi(m[3]) : 0;
    } else if (std::regex_match(lower, m, kToday)) {
        out.form = Form::Today;
    } else if (std::regex_match(lower, m, kTime)) {
        out.form = Form::TimeOfDay;
        out.precision = m[3].length() ? std::stoi(m[3]) : 0;
    } else if (lower == "uuid()") {
        out.form = Form::Uuid;
    }
    return out;
}

// '0000-00-00', '2024-00-10 12:00:00', ...: any zero year, month or day part.
bool is_zero_date(const std::string& value) {
    static const std::regex kDate(R"((\d{4})-(\d{2})-(\d{2}).*)");
    std::smatch m;
    if (!std::regex_match(value, m, kDate)) return false;
    return m[1] == "0000" || m[2] == "00" || m[3] == "00";
}

std::string hex_bytea(const std::string& bytes) { return "'\\x" + util::hex_encode(bytes) + "'::bytea"; }

// The n of "binary(n)" / "bit(n)", or 0.
std::size_t type_width(const Column& column) {
    static const std::regex kWidth(R"([a-z]+\((\d+)\).*)");
    std::smatch m;
    std::string type = util::ascii_lower(column.column_type);
    return std::regex_match(type, m, kWidth) ? std::stoul(m[1]) : 0;
}

// MySQL bit values are numbers: b'1' in a bit(3) is 001, the width the copy writes.
std::optional<std::string> bit_digits(const ParsedDefault& d, std::size_t width) {
    std::string bits;
    if (d.form == Form::Bits) {
        bits = d.value;
    } else if (d.form == Form::Number &&
               std::all_of(d.value.begin(), d.value.end(),
                           [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
        if (d.value.size() > 19) return std::nullopt;
        for (unsigned long long v = std::stoull(d.value); v; v >>= 1)
            bits.insert(bits.begin(), (v & 1) ? '1' : '0');
    } else {
        return std::nullopt;
    }
    bits.erase(0, std::min(bits.find('1'), bits.size()));
    if (width == 0) width = std::max<std::size_t>(bits.size(), 1);
    if (bits.size() > width) return std::nullopt;
    return std::string(width - bits.size(), '0') + bits;
}

std::optional<std::string> as_boolean(const std::string& value) {
    if (value == "0") return "false";
    if (value == "1") return "true";
    return std::nullopt;
}

std::string now_expression(const ParsedDefault& d) {
    return d.precision > 0 ? "CURRENT_TIMESTAMP(" + std::to_string(d.precision) + ")"
                           : "CURRENT_TIMESTAMP";
}

std::string set_array(const std::string& value) {
    if (value.empty()) return "'{}'::text[]";
    std::string out = "ARRAY[";
    std::size_t from = 0;
    while (true) {
        std::size_t comma = value.find(',', from);
        if (from) out += ", ";
        out += quote_literal(value.substr(from, comma - from));
        if (comma == std::string::npos) break;
        from = comma + 1;
    }
    return out + "]::text[]";
}

// nullopt: this form of default does not fit this codec.
std::optional<std::string> translate(const Column& column, const convert::Mapping& mapping,
                                     const ParsedDefault& d) {
    bool is_literal = d.form == Form::String || d.form == Form::Number;
    switch (mapping.codec) {
        case Codec::Bool:
            return is_literal ? as_boolean(d.value) : std::nullopt;
        case Codec::BitBool: {
            auto bits = bit_digits(d, 1);
            if (!bits && d.form == Form::String) return as_boolean(d.value);
            return bits ? as_boolean(*bits) : std::nullopt;
        }
        case Codec::Bit: {
            auto bits = bit_digits(d, type_width(column));
            return bits ? std::optional<std::string>("B'" + *bits + "'") : std::nullopt;
        }
        case Codec::Int:
        case Codec::Decimal:
        case Codec::Float:
        case Codec::Double:
        case Codec::Year:
            return is_literal && is_number(d.value) ? std::optional<std::string>(d.value)
                                                    : std::nullopt;
        case Codec::Text:
        case Codec::Enum:
            if (d.form == Form::Uuid) return "gen_random_uuid()::text";
            return is_literal ? std::optional<std::string>(quote_literal(d.value)) : std::nullopt;
        case Codec::Set:
            return d.form == Form::String ? std::optional<std::string>(set_array(d.value))
                                          : std::nullopt;
        case Codec::Json: {
            if (d.form != Form::String) return std::nullopt;
            bool is_json_type = mapping.pg_type == "json" || mapping.pg_type == "jsonb";
            return quote_literal(d.value) + (is_json_type ? "::" + mapping.pg_type : "");
        }
        case Codec::Bytes: {
            if (!is_literal) return std::nullopt;
            std::string bytes = d.value;
            // BINARY(n) pads with 0x00, so the stored default is n bytes long.
            if (util::ascii_lower(column.data_type) == "binary")
                bytes.resize(std::max(bytes.size(), type_width(column)), '\0');
            return hex_bytea(bytes);
        }
        case Codec::Date:
            if (d.form == Form::Today || d.form == Form::Now) return "CURRENT_DATE";
            return d.form == Form::String ? std::optional<std::string>(quote_literal(d.value))
                                          : std::nullopt;
        case Codec::DateTime:
        case Codec::Timestamp:
            if (d.form == Form::Now) return now_expression(d);
            if (d.form == Form::Today) return "CURRENT_DATE";
            return d.form == Form::String ? std::optional<std::string>(quote_literal(d.value))
                                          : std::nullopt;
        case Codec::MysqlTime:
            if (d.form == Form::TimeOfDay || d.form == Form::Now) return "LOCALTIME";
            return is_literal ? std::optional<std::string>(quote_literal(d.value)) : std::nullopt;
        case Codec::Uuid:
            if (d.form == Form::Uuid) return "gen_random_uuid()";
            return d.form == Form::String ? std::optional<std::string>(quote_literal(d.value))
                                          : std::nullopt;
        case Codec::Inet:
            return d.form == Form::String ? std::optional<std::string>(quote_literal(d.value))
                                          : std::nullopt;
        case Codec::Geometry:
        case Codec::JsonArray:  // a pairing codec only: no MySQL type maps to it
            return std::nullopt;
    }
    return std::nullopt;
}

}  // namespace

DefaultTranslation translate_default(const Column& column, const convert::Mapping& mapping) {
    DefaultTranslation out;
    if (!column.default_value || util::ascii_lower(*column.default_value) == "null") return out;
    // An AUTO_INCREMENT or generated column gets its values elsewhere.
    if (column.is_auto_increment || !column.generation_expression.empty()) return out;
    const std::string& text = *column.default_value;
    ParsedDefault parsed = parse_default(text);

    bool is_date = mapping.codec == Codec::Date || mapping.codec == Codec::DateTime ||
                   mapping.codec == Codec::Timestamp;
    if (is_date && parsed.form == Form::String && is_zero_date(parsed.value)) {
        out.drop_not_null = !column.is_nullable;
        out.note = "zero-date default " + text + " dropped (zero dates become NULL)" +
                   std::string(out.drop_not_null ? "; NOT NULL dropped so those rows can be copied" : "");
        return out;
    }
    if ((parsed.form == Form::String || parsed.form == Form::Number) &&
        parsed.value.find('\0') != std::string::npos) {
        out.note = "default " + text + " dropped: a Postgres value cannot hold a NUL byte";
        return out;
    }
    out.expression = translate(column, mapping, parsed);
    if (!out.expression)
        out.note = "default " + text + " not translated for " + mapping.pg_type + "; left out";
    return out;
}

}  // namespace m2pg::schema
