#include "check/probes.hpp"

#include <limits>

#include "check/row_keys.hpp"
#include "schema/defaults.hpp"
#include "source/mysql/connection.hpp"

namespace m2pg::check {

namespace {

// Whether the Postgres column will accept NULL: a NOT NULL column whose default is a zero
// date loses NOT NULL in the target (schema::translate_default), since its zero dates
// become NULL; the chat profile's migrations follow the same rule.
bool target_nullable(const model::Column& c, const convert::Mapping& m) {
    return c.is_nullable || schema::translate_default(c, m).drop_not_null;
}

using source::mysql::quote_ident;

bool is_text_type(const std::string& t) {
    return t == "char" || t == "varchar" || t == "tinytext" || t == "text" || t == "mediumtext" ||
           t == "longtext" || t == "json" || t == "enum" || t == "set";
}
bool is_utf8_charset(const std::string& cs) { return cs == "utf8" || cs == "utf8mb3" || cs == "utf8mb4"; }
bool is_date_type(const std::string& t) { return t == "date" || t == "datetime" || t == "timestamp"; }

struct Range {
    long double min;
    long double max;
};

std::optional<Range> mysql_range(const model::Column& c) {
    const std::string& t = c.data_type;
    auto r = [&](long double lo, long double hi, long double umax) {
        return c.is_unsigned ? Range{0, umax} : Range{lo, hi};
    };
    if (t == "tinyint") return r(-128, 127, 255);
    if (t == "smallint") return r(-32768, 32767, 65535);
    if (t == "mediumint") return r(-8388608, 8388607, 16777215);
    if (t == "int" || t == "integer") return r(-2147483648.0L, 2147483647.0L, 4294967295.0L);
    if (t == "bigint") return r(-9223372036854775808.0L, 9223372036854775807.0L, 18446744073709551615.0L);
    return std::nullopt;
}

std::optional<std::pair<std::string, std::string>> pg_bounds(const std::string& pg_type) {
    if (pg_type == "smallint") return std::pair{"-32768", "32767"};
    if (pg_type == "integer") return std::pair{"-2147483648", "2147483647"};
    if (pg_type == "bigint") return std::pair{"-9223372036854775808", "9223372036854775807"};
    return std::nullopt;
}

std::string qualified(const model::Table& t, const Probe& p) { return t.name + "." + p.column; }

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

std::string unicode_fixed_value(const std::string& q, bool is_json, bool is_utf8) {
    std::string v = q;
    // CONVERT of the raw bytes replaces every invalid sequence with '?'.
    if (is_utf8) v = "CONVERT(CAST(" + v + " AS BINARY) USING utf8mb4)";
    v = "REPLACE(" + v + ", _utf8mb4 X'00', '')";
    if (is_json)
        v = "REGEXP_REPLACE(CONVERT(" + v +
            R"( USING utf8mb4) COLLATE utf8mb4_bin, '(?<!\\\\)((?:\\\\\\\\)*)\\\\u0000', '\\1'))";
    return v;
}

std::vector<Probe> plan_probes(const model::Table& table, const TargetLimits& limits,
                               const convert::TypeConfig& types) {
    std::vector<Probe> out;
    for (const auto& c : table.columns) {
        const convert::Mapping m = convert::map_column(types, table.name, c);
        const std::string q = quote_ident(c.name);
        auto add = [&](ProbeKind kind, std::string condition, std::int64_t limit = 0) {
            out.push_back(Probe{kind, c.name, std::move(condition), limit, m.pg_type, target_nullable(c, m)});
        };
        if (is_text_type(c.data_type)) {
            add(ProbeKind::NulBytes, nul_condition(q));
            const bool json_target = m.codec == convert::Codec::Json || m.pg_type == "json" || m.pg_type == "jsonb";
            if (json_target) add(ProbeKind::JsonNulEscape, json_escape_condition(q));
            if (is_utf8_charset(c.charset) && c.data_type != "enum" && c.data_type != "set")
                add(ProbeKind::InvalidUtf8,
                    "CAST(" + q + " AS BINARY) <> CAST(CONVERT(CAST(" + q + " AS BINARY) USING utf8mb4) AS BINARY)");
            if (c.charset == "latin1" && c.data_type != "enum" && c.data_type != "set")
                add(ProbeKind::DoubleEncodedLatin1,
                    "(LENGTH(CONVERT(" + q + " USING utf8mb4)) <> LENGTH(" + q + ") AND CAST(CONVERT(CAST(" + q +
                        " AS BINARY) USING utf8mb4) AS BINARY) = CAST(" + q + " AS BINARY))");
            // In a numeric context an enum is its index; 0 is the error value '', never a member.
            if (c.data_type == "enum") add(ProbeKind::InvalidEnum, "(" + q + " = 0)");
            if (auto n = limits.limit(table.name, c.name); n && (!c.char_max_length || *c.char_max_length > *n))
                add(ProbeKind::TooLong, "CHAR_LENGTH(" + q + ") > " + std::to_string(*n), *n);
        } else if (is_date_type(c.data_type)) {
            add(ProbeKind::ZeroDate, "(" + q + " IS NOT NULL AND (YEAR(" + q + ") = 0 OR MONTH(" + q + ") = 0 OR DAY(" +
                                         q + ") = 0))");
        } else if (auto range = mysql_range(c)) {
            if (m.codec == convert::Codec::Bool) {
                add(ProbeKind::OutOfRange, q + " NOT IN (0, 1)");
            } else if (auto bounds = pg_bounds(m.pg_type)) {
                const long double pg_min = std::stold(bounds->first), pg_max = std::stold(bounds->second);
                std::string cond;
                if (range->max > pg_max) cond = q + " > " + bounds->second;
                if (range->min < pg_min) cond += (cond.empty() ? "" : " OR ") + q + " < " + bounds->first;
                if (!cond.empty()) add(ProbeKind::OutOfRange, "(" + cond + ")");
            }
        }
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

report::Finding probe_finding(const model::Table& table, const Probe& p, std::uint64_t count,
                              std::vector<std::string> sample_keys, const std::string& limits_source) {
    using report::Severity;
    report::Finding f;
    f.code = std::string(probe_code(p.kind));
    f.table = table.name;
    f.column = p.column;
    f.count = count;
    f.sample_keys = std::move(sample_keys);
    const std::string rows = std::to_string(count) + (count == 1 ? " row" : " rows");
    const std::string hold = count == 1 ? " holds" : " hold";
    const std::string where = qualified(table, p);
    switch (p.kind) {
        case ProbeKind::NulBytes:
            f.severity = Severity::Error;
            f.message = rows + " of " + where + hold + " NUL (0x00) bytes, which PostgreSQL text cannot store";
            f.fix = "--fix-unicode --apply strips them (original rows archived)";
            break;
        case ProbeKind::JsonNulEscape:
            f.severity = Severity::Error;
            f.message = rows + " of " + where + hold + " the JSON escape \\u0000, which " + p.target_type + " rejects";
            f.fix = "--fix-unicode --apply removes the escape (original rows archived)";
            break;
        case ProbeKind::InvalidUtf8:
            f.severity = Severity::Error;
            f.message = rows + " of " + where + hold + " byte sequences that are not valid UTF-8";
            f.fix = "--fix-unicode --apply replaces each invalid sequence with '?' (original rows archived)";
            break;
        case ProbeKind::DoubleEncodedLatin1:
            f.severity = Severity::Warning;
            f.message = rows + " of latin1 column " + where + hold +
                        " UTF-8 bytes (double-encoded): migrated as they are, they read as mojibake (Ã©)";
            f.fix = "reinterpret the bytes as UTF-8 in MySQL: ALTER TABLE ... MODIFY the column to the matching "
                    "VARBINARY/BLOB type, then back with CHARACTER SET utf8mb4";
            break;
        case ProbeKind::TooLong:
            f.severity = Severity::Error;
            f.message = rows + " of " + where + (count == 1 ? " is" : " are") + " longer than " + std::to_string(p.limit) +
                        " characters, the target's varchar(" + std::to_string(p.limit) + ") (from " + limits_source +
                        "; counted in characters, not bytes)";
            f.fix = "--fix-varchar --apply archives then deletes these rows; with --truncate it cuts the value to " +
                    std::to_string(p.limit) + " characters instead";
            break;
        case ProbeKind::ZeroDate:
            f.severity = p.is_nullable ? Severity::Warning : Severity::Error;
            f.message = rows + " of " + where + hold + " zero or partial-zero dates (year, month or day 0)" +
                        (p.is_nullable ? ", which the copy writes as NULL"
                                       : "; the column is NOT NULL, so the copy cannot write them as NULL");
            f.fix = p.is_nullable ? "none needed; or set real dates in MySQL first"
                                  : "set real dates in MySQL, or make the target column nullable";
            break;
        case ProbeKind::OutOfRange:
            f.severity = Severity::Error;
            f.message = rows + " of " + where + hold + " values that do not fit the target type " + p.target_type;
            f.fix = p.target_type == "boolean" ? "map the column to smallint (profile [casts])"
                                               : "map the column to a wider type (profile [casts] or policy)";
            break;
        case ProbeKind::InvalidEnum:
            f.severity = Severity::Warning;
            f.message = rows + " of enum column " + where + hold +
                        " '' (index 0), the value MySQL stores for an invalid one outside strict mode: the copy "
                        "writes '' (the CHECK m2pg generates admits it; an application's own enum type or CHECK "
                        "that lacks '' refuses the row)";
            f.fix = "none needed for generated schemas; else set a real member in MySQL first (UPDATE ... WHERE " +
                    source::mysql::quote_ident(p.column) + " = 0)";
            break;
    }
    return f;
}

}  // namespace m2pg::check
