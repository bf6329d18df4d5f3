#pragma once
// The per-row data checks of one table, as SQL conditions over one column each, chosen by
// the MySQL column and the target column it lands in (targets.hpp). All conditions of a
// table are summed in one pass (scan_sql), and only the probes that hit fetch sample keys
// (sample_sql). Pure: no server here.
#include <cstdint>
#include <string>
#include <vector>

#include "check/targets.hpp"
#include "model/catalog.hpp"

namespace m2pg::check {

enum class ProbeKind {
    NulBytes,             // raw 0x00 bytes: Postgres text cannot hold them
    JsonNulEscape,        // the JSON escape \u0000 (odd backslashes before it): jsonb rejects it
    InvalidUtf8,          // bytes that are not UTF-8 in a utf8/utf8mb4 column
    DoubleEncodedLatin1,  // a latin1 column whose bytes are valid, non-ASCII UTF-8
    TooLong,              // CHAR_LENGTH above the target varchar(n)
    ZeroDate,             // zero or partial-zero date (year, month or day 0)
    OutOfRange,           // an integer beyond the target type (or not 0/1 for boolean)
    InvalidEnum,          // '' at enum index 0: what non-strict MySQL stores for an invalid value
    NullIntoNotNull,      // NULL where the target column is NOT NULL
    NotInEnum,            // not a label of the target's enum type
    CheckViolation,       // outside a CHECK (col IN (...)) list of the target
    InvalidJson,          // text that json/jsonb refuses ('' included)
    EmptyJsonAsObject,    // '' that the copy writes as {} (the profile's [empty_json] columns)
    JsonNotArray,         // not a JSON array of scalars, for an array column
    InvalidValue,         // text (or a TIME) that the target type's input refuses: uuid, inet, time
    Rounded,              // more fraction digits than the target's numeric scale: rounded silently
    ArrayElementRefused,  // an array element of a kind (or range) the target's element type refuses
    ArrayElementTooLong,  // an array element longer than the target element's varchar(n)
};

std::string_view probe_code(ProbeKind kind);

struct Probe {
    ProbeKind kind = ProbeKind::NulBytes;
    std::string column;
    std::string condition;    // SQL, true for an affected row
    std::int64_t limit = 0;   // TooLong: the target's character limit
    std::string target_type;  // the Postgres type the column lands in
    bool is_nullable = true;  // the target column takes NULL
    std::string detail;       // what the message needs beyond the type (labels, constraint)
};

// The probes a table needs: text checks on every text/json column that lands in text,
// length checks where the target has a smaller varchar(n) than MySQL allows, zero dates
// on every date column, range checks where the target type is narrower than MySQL's.
std::vector<Probe> plan_probes(const TableLanding& table);

// SELECT COUNT(*), COALESCE(SUM(cond1), 0), ... FROM `table`: one pass for all probes.
std::string scan_sql(const model::Table& table, const std::vector<Probe>& probes);

// The first kMaxSampleKeys keys of rows matching `probe`, in key order.
std::string sample_sql(const model::Table& table, const std::vector<std::string>& key_columns,
                       const Probe& probe);

// SQL expressions the fixes reuse, so check and fix agree on what they match.
std::string nul_condition(const std::string& quoted_column);
std::string json_escape_condition(const std::string& quoted_column);
// Bytes that are not UTF-8 (CONVERT changes them), or a UTF-16 surrogate encoded as UTF-8.
std::string invalid_utf8_condition(const std::string& quoted_column);
// The column's value with NUL bytes and odd-backslash \u0000 escapes removed and invalid
// UTF-8 and encoded surrogates turned into '?' (utf8 charsets only).
std::string unicode_fixed_value(const std::string& quoted_column, bool is_json, bool is_utf8);

}  // namespace m2pg::check
