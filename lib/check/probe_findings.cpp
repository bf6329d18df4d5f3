#include "check/probe_findings.hpp"

#include "source/mysql/connection.hpp"

namespace m2pg::check {

report::Finding probe_finding(const model::Table& table, const Probe& p, std::uint64_t count,
                              std::vector<std::string> sample_keys, const std::string& types_source) {
    using report::Severity;
    report::Finding f;
    f.code = std::string(probe_code(p.kind));
    f.table = table.name;
    f.column = p.column;
    f.count = count;
    f.sample_keys = std::move(sample_keys);
    const std::string rows = std::to_string(count) + (count == 1 ? " row" : " rows");
    const std::string hold = count == 1 ? " holds" : " hold";
    const std::string where = table.name + "." + p.column;
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
            f.message = rows + " of " + where + hold +
                        " byte sequences that are not valid UTF-8 (or UTF-16 surrogates encoded as UTF-8, which MariaDB "
                        "stores and PostgreSQL refuses)";
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
                        " characters, the target's varchar(" + std::to_string(p.limit) + ") (from " + types_source +
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
            f.message = rows + " of " + where + hold + " values that do not fit the target type " + p.target_type +
                        " (from " + types_source + ")";
            f.fix = p.target_type == "boolean" ? "map the column to smallint (profile [casts])"
                                               : "map the column to a wider type (profile [casts] or policy)";
            break;
        case ProbeKind::NullIntoNotNull:
            f.severity = Severity::Error;
            f.message = rows + " of " + where + hold + " NULL, which the target column (" + p.target_type +
                        " NOT NULL, from " + types_source + ") refuses";
            f.fix = "set a value in MySQL first (UPDATE ... SET " + source::mysql::quote_ident(p.column) +
                    " = ... WHERE " + source::mysql::quote_ident(p.column) +
                    " IS NULL), or drop NOT NULL from the target column";
            break;
        case ProbeKind::NotInEnum:
            f.severity = Severity::Error;
            f.message = rows + " of " + where + hold + " values that are not labels of the target's enum type " +
                        p.target_type + " (" + p.detail + "; from " + types_source +
                        "), compared as Postgres does: case and spaces exact";
            f.fix = "set one of the labels in MySQL first, or add the value to the enum type (ALTER TYPE " +
                    p.target_type + " ADD VALUE ...)";
            break;
        case ProbeKind::CheckViolation:
            f.severity = Severity::Error;
            f.message = rows + " of " + where + hold + " values outside the target's CHECK constraint " + p.detail +
                        " (from " + types_source + ")";
            f.fix = "set an allowed value in MySQL first, or widen the target's CHECK constraint";
            break;
        case ProbeKind::InvalidJson:
            f.severity = Severity::Error;
            f.message = rows + " of " + where + hold + " text that the target's " + p.target_type +
                        " refuses as JSON (from " + types_source + "; '' and escapes such as \\q included)";
            f.fix = "set valid JSON in MySQL first (for '': UPDATE ... SET " + source::mysql::quote_ident(p.column) +
                    " = '{}' WHERE " + source::mysql::quote_ident(p.column) +
                    " = ''), or make the target column text";
            break;
        case ProbeKind::EmptyJsonAsObject:
            f.severity = Severity::Warning;
            f.message = rows + " of " + where + hold + " '', which " + p.target_type +
                        " refuses: the copy writes {} there, as the profile's [empty_json] columns say";
            f.fix = "none needed; or set '{}' in MySQL first";
            break;
        case ProbeKind::JsonNotArray:
            f.severity = Severity::Error;
            f.message = rows + " of " + where + hold + " values that are not a JSON array of scalars (not JSON, an object, a scalar, nested arrays or objects), which the target's " +
                        p.target_type + " needs (from " + types_source + ")";
            f.fix = "make each value a JSON array of strings or numbers in MySQL, or change the target column's type";
            break;
        case ProbeKind::InvalidValue:
            f.severity = Severity::Error;
            f.message = rows + " of " + where + hold + " values that the target's " + p.detail +
                        " refuses (column " + p.target_type + ", from " + types_source + ")";
            f.fix = "set values the type reads in MySQL (or NULL where the column allows it), or make the target "
                    "column text";
            break;
        case ProbeKind::Rounded:
            f.severity = Severity::Warning;
            f.message = rows + " of " + where + hold + " more than " + std::to_string(p.limit) +
                        " fraction digits: the target's " + p.target_type + " rounds them without a word (from " +
                        types_source + ")";
            f.fix = "none if the rounding is acceptable; else widen the target's scale";
            break;
        case ProbeKind::ArrayElementRefused:
            f.severity = Severity::Error;
            f.message = rows + " of " + where + hold + " JSON array elements the target's " + p.target_type +
                        " does not take: its elements must be " + p.detail + " (or null; from " + types_source + ")";
            f.fix = "fix those elements in MySQL, or change the target column's element type";
            break;
        case ProbeKind::ArrayElementTooLong:
            f.severity = Severity::Error;
            f.message = rows + " of " + where + hold + " JSON array elements longer than " + std::to_string(p.limit) +
                        " characters, the target's " + p.target_type + " elements (from " + types_source +
                        "; counted in characters)";
            f.fix = "shorten or drop those elements in MySQL, or widen the target's element type";
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
