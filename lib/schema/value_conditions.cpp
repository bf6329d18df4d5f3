#include "schema/value_conditions.hpp"

#include "util/text.hpp"

namespace m2pg::schema {

namespace {

// A MySQL literal of exactly these bytes, whatever they hold: X'...' (X'' is the empty string).
std::string hex_literal(const std::string& bytes) {
    static const char* kDigits = "0123456789ABCDEF";
    std::string out = "X'";
    for (unsigned char b : bytes) {
        out += kDigits[b >> 4];
        out += kDigits[b & 15];
    }
    return out + "'";
}

// a < b for integers written in decimal without leading zeros.
bool less(const std::string& a, const std::string& b) {
    const bool na = a[0] == '-', nb = b[0] == '-';
    if (na != nb) return na;
    const std::string ma = na ? a.substr(1) : a, mb = nb ? b.substr(1) : b;
    const bool magnitude_less = ma.size() != mb.size() ? ma.size() < mb.size() : ma < mb;
    const bool equal = ma == mb;
    return na ? !magnitude_less && !equal : magnitude_less;
}

}  // namespace

std::optional<IntegerRange> mysql_integer_range(const model::Column& c) {
    const std::string t = util::ascii_lower(c.data_type);
    if (t == "tinyint") return c.is_unsigned ? IntegerRange{"0", "255"} : IntegerRange{"-128", "127"};
    if (t == "smallint") return c.is_unsigned ? IntegerRange{"0", "65535"} : IntegerRange{"-32768", "32767"};
    if (t == "mediumint") return c.is_unsigned ? IntegerRange{"0", "16777215"} : IntegerRange{"-8388608", "8388607"};
    if (t == "int" || t == "integer")
        return c.is_unsigned ? IntegerRange{"0", "4294967295"} : IntegerRange{"-2147483648", "2147483647"};
    if (t == "bigint")
        return c.is_unsigned ? IntegerRange{"0", "18446744073709551615"}
                             : IntegerRange{"-9223372036854775808", "9223372036854775807"};
    return std::nullopt;
}

std::optional<IntegerRange> pg_integer_range(const std::string& typname) {
    if (typname == "int2") return IntegerRange{"-32768", "32767"};
    if (typname == "int4") return IntegerRange{"-2147483648", "2147483647"};
    if (typname == "int8") return IntegerRange{"-9223372036854775808", "9223372036854775807"};
    return std::nullopt;
}

std::string integer_outside(const std::string& q, const IntegerRange& from, const IntegerRange& to) {
    std::vector<std::string> outside;
    if (less(from.min, to.min)) outside.push_back(q + " < " + to.min);
    if (less(to.max, from.max)) outside.push_back(q + " > " + to.max);
    return util::join(outside, " OR ");
}

std::string label_bytes(const std::string& q) {
    return "CAST(REPLACE(CONVERT(" + q + " USING utf8mb4), CHAR(0 USING utf8mb4), '') AS BINARY)";
}

std::string not_a_label(const std::string& q, const std::vector<std::string>& labels) {
    if (labels.empty()) return q + " IS NOT NULL";
    std::vector<std::string> literals;
    for (const auto& l : labels) literals.push_back(hex_literal(l));
    return label_bytes(q) + " NOT IN (" + util::join(literals, ", ") + ")";
}

std::string not_allowed(const std::string& q, const target::postgres::AllowedValues& allowed) {
    // allowed_values only reads numbers that are plain digits, a sign and a point.
    if (allowed.numeric) return q + " NOT IN (" + util::join(allowed.values, ", ") + ")";
    return not_a_label(q, allowed.values);
}

std::string not_json(const std::string& q) {
    // PCRE: a backslash not preceded by another, pairs, then one escaping a character JSON
    // has no escape for, or \u without four hex digits.
    return "(JSON_VALID(" + q + ") = 0 OR (INSTR(" + q + R"(, '\\') > 0 AND CONVERT()" + q +
           R"sql( USING utf8mb4) COLLATE utf8mb4_bin REGEXP '(?<!\\\\)(?:\\\\\\\\)*\\\\(?:[^"\\\\/bfnrtu]|u(?![0-9a-fA-F]{4}))')))sql";
}

// JSON_TABLE (MariaDB 10.6+, MySQL 8.0.4+) fails on text that is not JSON, so each use
// is behind JSON_VALID in a CASE, which MariaDB and MySQL evaluate in order per row.
std::string not_array_of_scalars(const std::string& q) {
    return "CASE WHEN " + q + " IS NULL THEN 0 WHEN JSON_VALID(" + q + ") = 0 OR JSON_TYPE(" + q +
           ") <> 'ARRAY' THEN 1 WHEN EXISTS (SELECT 1 FROM JSON_TABLE(" + q +
           ", '$[*]' COLUMNS (e JSON PATH '$')) AS m2pg_e WHERE LEFT(e, 1) IN ('{', '[')) THEN 1 ELSE 0 END";
}

namespace {

// CASE WHEN the value is a JSON array THEN some element matches `element_condition` (over
// `e`, the element's JSON text) ELSE 0.
std::string some_element(const std::string& q, const std::string& element_condition) {
    return "CASE WHEN JSON_VALID(" + q + ") = 1 AND JSON_TYPE(" + q + ") = 'ARRAY' THEN EXISTS (SELECT 1 FROM JSON_TABLE(" +
           q + ", '$[*]' COLUMNS (e JSON PATH '$', v LONGTEXT CHARACTER SET utf8mb4 PATH '$')) AS m2pg_e WHERE " +
           element_condition + ") ELSE 0 END";
}

}  // namespace

std::string array_element_refused(const std::string& q, const convert::ArrayElement& element) {
    // The element's JSON text: a string starts with ", an object with {, an array with [.
    const std::string scalar = "e <> 'null' AND LEFT(e, 1) NOT IN ('{', '[')";
    switch (element.kind) {
        case convert::ArrayElementKind::Text: return some_element(q, scalar + " AND LEFT(e, 1) <> '\"'");
        case convert::ArrayElementKind::Integer:
            // Written as an integer (no fraction, no exponent: the copy refuses 1e2 and 1.0), in range.
            return some_element(q, scalar + " AND (e NOT REGEXP '^-?[0-9]+$' OR CAST(e AS DECIMAL(65, 0)) NOT BETWEEN " +
                                       std::to_string(element.min) + " AND " + std::to_string(element.max) + ")");
        case convert::ArrayElementKind::Numeric: return some_element(q, scalar + " AND LEFT(e, 1) IN ('\"', 't', 'f')");
        case convert::ArrayElementKind::None: break;
    }
    return "0";
}

std::string array_element_longer(const std::string& q, std::int64_t chars) {
    return some_element(q, "LEFT(e, 1) = '\"' AND CHAR_LENGTH(v) > " + std::to_string(chars));
}

std::string not_uuid(const std::string& q) {
    // \z, not $: PCRE's $ also matches before a final newline, which uuid refuses.
    return "NOT (CONVERT(" + q + R"sql( USING utf8mb4) COLLATE utf8mb4_bin REGEXP )sql"
           R"sql('^(?:[0-9a-fA-F]{4}-?){7}[0-9a-fA-F]{4}\\z|^\\{(?:[0-9a-fA-F]{4}-?){7}[0-9a-fA-F]{4}\\}\\z'))sql";
}

std::string not_inet(const std::string& q) {
    const std::string address = "SUBSTRING_INDEX(" + q + ", '/', 1)";
    const std::string prefix = "SUBSTRING(" + q + ", LOCATE('/', " + q + ") + 1)";
    auto within = [&](const std::string& digits, int bits) {
        return "(LOCATE('/', " + q + ") = 0 OR (" + prefix + " REGEXP '^[0-9]{1," + digits + "}\\\\z' AND " + prefix +
               " + 0 <= " + std::to_string(bits) + "))";
    };
    return "(" + q + " IS NOT NULL AND NOT ((IS_IPV4(" + address + ") AND " + within("2", 32) + ") OR (IS_IPV6(" +
           address + ") AND " + within("3", 128) + ")))";
}

std::string numeric_overflow(const std::string& q, std::int64_t precision, std::int64_t scale) {
    // 10^(precision - scale) as a DECIMAL literal: MySQL compares it exactly.
    return "ABS(ROUND(" + q + ", " + std::to_string(scale) + ")) >= 1" +
           std::string(static_cast<std::size_t>(precision - scale), '0');
}

std::string rounded_at(const std::string& q, std::int64_t scale) {
    return q + " <> ROUND(" + q + ", " + std::to_string(scale) + ")";
}

std::string not_time_of_day(const std::string& q) { return "(" + q + " < '00:00:00' OR " + q + " > '24:00:00')"; }

std::string quoted_list(const std::vector<std::string>& values, std::size_t max) {
    std::string out;
    for (std::size_t i = 0; i < values.size() && i < max; ++i) out += (i ? ", '" : "'") + values[i] + "'";
    if (values.size() > max) out += ", ... (" + std::to_string(values.size()) + " in all)";
    return out;
}

}  // namespace m2pg::schema
