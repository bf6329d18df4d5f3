#include "check/probes.hpp"

#include <optional>

#include "check/row_keys.hpp"
#include "schema/pairing.hpp"
#include "schema/value_conditions.hpp"
#include "report/report.hpp"
#include "source/mysql/connection.hpp"

namespace m2pg::check {

namespace {

using source::mysql::quote_ident;

bool is_text_type(const std::string& t) {
    return t == "char" || t == "varchar" || t == "tinytext" || t == "text" || t == "mediumtext" ||
           t == "longtext" || t == "json" || t == "enum" || t == "set";
}
bool is_utf8_charset(const std::string& cs) { return cs == "utf8" || cs == "utf8mb3" || cs == "utf8mb4"; }
bool is_date_type(const std::string& t) { return t == "date" || t == "datetime" || t == "timestamp"; }

// CHECK lists the probe compares exactly: numbers with a number column, strings with a
// text column (char(n) compares without trailing spaces, citext without case: left out).
bool takes_allowed_list(const TargetColumn& t, const target::postgres::AllowedValues& allowed) {
    if (t.is_array()) return false;
    if (allowed.numeric)
        return t.base_type == "int2" || t.base_type == "int4" || t.base_type == "int8" || t.base_type == "numeric";
    return t.base_type == "text" || t.base_type == "varchar";
}

// What the elements of an array column must be, for messages.
std::string element_description(const convert::ArrayElement& element) {
    switch (element.kind) {
        case convert::ArrayElementKind::Text: return "strings";
        case convert::ArrayElementKind::Integer:
            return "integers from " + std::to_string(element.min) + " to " + std::to_string(element.max) +
                   ", written without fraction or exponent";
        case convert::ArrayElementKind::Numeric: return "numbers";
        case convert::ArrayElementKind::None: break;
    }
    return "";
}

// Whether values reach the target as text that Postgres stores as characters (not bytea).
bool lands_as_text(const TargetColumn& t) { return t.base_type != "bytea"; }

}  // namespace

std::string_view probe_code(ProbeKind kind) {
    switch (kind) {
        case ProbeKind::NulBytes: return "nul_bytes";
        case ProbeKind::JsonNulEscape: return "json_nul_escape";
        case ProbeKind::InvalidUtf8: return "invalid_utf8";
        case ProbeKind::DoubleEncodedLatin1: return "double_encoded_utf8";
        case ProbeKind::TooLong: return "value_too_long";
        case ProbeKind::ZeroDate: return "zero_date";
        case ProbeKind::OutOfRange: return "value_out_of_range";
        case ProbeKind::InvalidEnum: return "invalid_enum_value";
        case ProbeKind::NullIntoNotNull: return "null_into_not_null";
        case ProbeKind::NotInEnum: return "invalid_enum_value";
        case ProbeKind::CheckViolation: return "check_violation";
        case ProbeKind::InvalidJson: return "invalid_json";
        case ProbeKind::EmptyJsonAsObject: return "empty_json_as_object";
        case ProbeKind::JsonNotArray: return "json_not_array";
        case ProbeKind::InvalidValue: return "invalid_value";
        case ProbeKind::Rounded: return "value_rounded";
        case ProbeKind::ArrayElementRefused: return "array_element_refused";
        case ProbeKind::ArrayElementTooLong: return "array_element_too_long";
    }
    return "unknown";
}

std::string nul_condition(const std::string& q) { return "INSTR(CAST(" + q + " AS BINARY), X'00') > 0"; }

// PCRE (MariaDB 10.0.5+, MySQL 8 ICU): a backslash not preceded by another, then pairs,
// then \u0000: an odd run of backslashes, so the escape is real. "\\u0000" (an escaped
// backslash followed by the text u0000) is left alone, unlike migration-assist's \\+u0000.
std::string json_escape_condition(const std::string& q) {
    return "CONVERT(" + q + R"( USING utf8mb4) COLLATE utf8mb4_bin REGEXP '(?<!\\\\)(\\\\\\\\)*\\\\u0000')";
}

// MariaDB's utf8mb4 takes a UTF-16 surrogate encoded as UTF-8 (ED A0..BF xx, CESU-8 from
// Java bridges), which CONVERT keeps and Postgres refuses. ED only ever starts a character,
// so the aligned hex digits find it; INSTR first keeps the regex off most rows.
std::string invalid_utf8_condition(const std::string& q) {
    const std::string bytes = "CAST(" + q + " AS BINARY)";
    return "(" + bytes + " <> CAST(CONVERT(" + bytes + " USING utf8mb4) AS BINARY) OR (INSTR(" + bytes +
           ", X'ED') > 0 AND HEX(" + q + ") REGEXP '^(..)*ED[AB]'))";
}

std::string unicode_fixed_value(const std::string& q, bool is_json, bool is_utf8) {
    std::string v = q;
    // CONVERT of the raw bytes replaces every invalid sequence with '?'; the byte-mode regex
    // (a binary string) then each encoded surrogate.
    if (is_utf8)
        v = "CONVERT(REGEXP_REPLACE(CAST(CONVERT(CAST(" + v +
            R"( AS BINARY) USING utf8mb4) AS BINARY), '\\xED[\\xA0-\\xBF][\\x80-\\xBF]', '?') USING utf8mb4))";
    v = "REPLACE(" + v + ", _utf8mb4 X'00', '')";
    if (is_json)
        v = "REGEXP_REPLACE(CONVERT(" + v +
            R"( USING utf8mb4) COLLATE utf8mb4_bin, '(?<!\\\\)((?:\\\\\\\\)*)\\\\u0000', '\\1'))";
    return v;
}

std::vector<Probe> plan_probes(const TableLanding& table) {
    std::vector<Probe> out;
    for (const auto& landing : table.columns) {
        if (!landing.has_target()) continue;
        const model::Column& c = *landing.source;
        const TargetColumn& target = landing.target;
        const std::string q = quote_ident(c.name);
        auto add = [&](ProbeKind kind, std::string condition, std::int64_t limit = 0, std::string detail = {}) {
            out.push_back(Probe{kind, c.name, std::move(condition), limit, target.type, !target.not_null,
                                std::move(detail)});
        };
        // The copy writes NULL as NULL: a target default never applies to it.
        if (c.is_nullable && target.not_null) add(ProbeKind::NullIntoNotNull, q + " IS NULL");
        if (is_text_type(c.data_type)) {
            if (!lands_as_text(target)) continue;
            add(ProbeKind::NulBytes, nul_condition(q));
            // json keeps \u0000 as written; jsonb decodes it and rejects the NUL.
            if (target.base_type == "jsonb") add(ProbeKind::JsonNulEscape, json_escape_condition(q));
            if (is_utf8_charset(c.charset) && c.data_type != "enum" && c.data_type != "set")
                add(ProbeKind::InvalidUtf8, invalid_utf8_condition(q));
            if (c.charset == "latin1" && c.data_type != "enum" && c.data_type != "set")
                add(ProbeKind::DoubleEncodedLatin1,
                    "(LENGTH(CONVERT(" + q + " USING utf8mb4)) <> LENGTH(" + q + ") AND CAST(CONVERT(CAST(" + q +
                        " AS BINARY) USING utf8mb4) AS BINARY) = CAST(" + q + " AS BINARY))");
            // In a numeric context an enum is its index; 0 is the error value '', never a member.
            // The generated CHECK admits it; a given target's labels and lists decide below.
            if (c.data_type == "enum" && table.is_generated) add(ProbeKind::InvalidEnum, "(" + q + " = 0)");
            const bool limited = !target.is_array() && target.max_chars &&
                                 (target.base_type == "varchar" || target.base_type == "bpchar");
            if (limited && (!c.char_max_length || *c.char_max_length > *target.max_chars))
                add(ProbeKind::TooLong, "CHAR_LENGTH(" + q + ") > " + std::to_string(*target.max_chars),
                    *target.max_chars);
            if ((target.base_type == "json" || target.base_type == "jsonb") && landing.empty_json_as_object) {
                add(ProbeKind::InvalidJson, "(OCTET_LENGTH(" + q + ") > 0 AND " + schema::not_json(q) + ")");
                add(ProbeKind::EmptyJsonAsObject, "OCTET_LENGTH(" + q + ") = 0");
            } else if (target.base_type == "json" || target.base_type == "jsonb") {
                add(ProbeKind::InvalidJson, schema::not_json(q));
            }
            if (target.base_type == "uuid") add(ProbeKind::InvalidValue, schema::not_uuid(q), 0, "uuid");
            if (target.base_type == "inet") add(ProbeKind::InvalidValue, schema::not_inet(q), 0, "inet");
            // JSON (or text holding it) into an array column, element by element as the copy
            // reads it (convert/json_array); a MySQL set has its own codec.
            if (landing.landing == Landing::Paired && landing.codec == convert::Codec::JsonArray) {
                const convert::ArrayElement element = schema::array_element(target);
                add(ProbeKind::JsonNotArray, schema::not_array_of_scalars(q));
                add(ProbeKind::ArrayElementRefused, schema::array_element_refused(q, element), 0, element_description(element));
                if (element.max_chars > 0)
                    add(ProbeKind::ArrayElementTooLong, schema::array_element_longer(q, element.max_chars), element.max_chars);
            }
        } else if (is_date_type(c.data_type)) {
            add(ProbeKind::ZeroDate, "(" + q + " IS NOT NULL AND (YEAR(" + q + ") = 0 OR MONTH(" + q + ") = 0 OR DAY(" +
                                         q + ") = 0))");
        } else if (c.data_type == "time" && target.base_type == "time") {
            add(ProbeKind::InvalidValue, schema::not_time_of_day(q), 0, "time, which holds 00:00:00 to 24:00:00");
        } else if (c.data_type == "decimal" && target.base_type == "numeric" && target.numeric_precision) {
            const std::int64_t p = *target.numeric_precision, s = target.numeric_scale.value_or(0);
            const std::int64_t source_scale = c.numeric_scale.value_or(0);
            if (c.numeric_precision.value_or(65) - source_scale > p - s)
                add(ProbeKind::OutOfRange, schema::numeric_overflow(q, p, s));
            if (source_scale > s) add(ProbeKind::Rounded, schema::rounded_at(q, s), s);
        } else if (auto from = schema::mysql_integer_range(c)) {
            if (target.base_type == "bool") {
                add(ProbeKind::OutOfRange, q + " NOT IN (0, 1)");
            } else if (auto to = schema::pg_integer_range(target.base_type)) {
                if (auto outside = schema::integer_outside(q, *from, *to); !outside.empty())
                    add(ProbeKind::OutOfRange, outside);
            } else if (target.base_type == "numeric" && target.numeric_precision) {
                const std::int64_t p = *target.numeric_precision, s = target.numeric_scale.value_or(0);
                const auto digits = static_cast<std::int64_t>(std::max(from->max.size(), from->min.size() - 1));
                if (digits > p - s) add(ProbeKind::OutOfRange, schema::numeric_overflow(q, p, s));
            }
        }
        if (target.is_enum && !target.is_array())
            add(ProbeKind::NotInEnum, schema::not_a_label(q, target.enum_labels), 0, schema::quoted_list(target.enum_labels));
        // A generated CHECK lists MySQL's own enum members (and ''): every value is one.
        for (const auto& list : landing.allowed)
            if (!table.is_generated && takes_allowed_list(target, list.allowed))
                add(ProbeKind::CheckViolation, schema::not_allowed(q, list.allowed), 0,
                    list.constraint + " (" + schema::quoted_list(list.allowed.values) + ")");
    }
    return out;
}

std::string scan_sql(const model::Table& table, const std::vector<Probe>& probes) {
    std::string sql = "SELECT COUNT(*)";
    for (const auto& p : probes) sql += ", COALESCE(SUM(" + p.condition + "), 0)";
    return sql + " FROM " + quote_ident(table.name);
}

std::string sample_sql(const model::Table& table, const std::vector<std::string>& key_columns, const Probe& probe) {
    const std::string keys = key_list(key_columns);
    return "SELECT " + keys + " FROM " + quote_ident(table.name) + " WHERE " + probe.condition + " ORDER BY " + keys +
           " LIMIT " + std::to_string(report::kMaxSampleKeys);
}

}  // namespace m2pg::check
