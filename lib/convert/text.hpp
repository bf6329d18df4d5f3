#pragma once
// Text as the copy engine must hand it to PostgreSQL: NUL bytes stripped (Postgres text
// cannot hold them), UTF-8 validated with ICU, and escaped for COPY text format, where a
// field may not contain a raw backslash, tab, newline or carriage return.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace m2pg::convert {

// What conversion changed in one column, summed over the rows it saw; the copy engine
// reports these as counted warnings, so nothing is changed silently.
struct ColumnStats {
    std::uint64_t nuls_stripped = 0;          // 0x00 bytes removed, one per byte
    std::uint64_t zero_dates_nulled = 0;      // zero or partial-zero dates written as NULL
    std::uint64_t invalid_utf8_replaced = 0;  // maximal invalid subsequences → U+FFFD
    std::uint64_t json_nul_escapes_stripped = 0;  // \u0000 escapes removed from JSON
    std::uint64_t empty_json_as_object = 0;   // '' written as {} where the profile says so

    ColumnStats& operator+=(const ColumnStats& other) {
        nuls_stripped += other.nuls_stripped;
        zero_dates_nulled += other.zero_dates_nulled;
        invalid_utf8_replaced += other.invalid_utf8_replaced;
        json_nul_escapes_stripped += other.json_nul_escapes_stripped;
        empty_json_as_object += other.empty_json_as_object;
        return *this;
    }
    bool any() const {
        return nuls_stripped || zero_dates_nulled || invalid_utf8_replaced || json_nul_escapes_stripped ||
               empty_json_as_object;
    }
};

enum class InvalidUtf8Policy {
    Fail,     // throw ConvertError naming the byte offset
    Replace,  // write U+FFFD for each maximal invalid subsequence and count it
};

// True when `text` is well-formed UTF-8: no overlong forms, surrogates, code points above
// U+10FFFF or truncated sequences. NUL bytes are well-formed here.
bool is_valid_utf8(std::string_view text);

// Appends `text` with each maximal invalid UTF-8 subsequence replaced by U+FFFD, counted in
// `stats` (what InvalidUtf8Policy::Replace does, for values decoded before they are escaped).
void append_utf8_repaired(std::string_view text, ColumnStats& stats, std::string& out);

// A short, printable rendering of a value for error messages: at most `max_bytes` bytes of
// input, printable ASCII and well-formed multi-byte UTF-8 kept, every other byte (controls,
// invalid UTF-8) and the backslash written as \xNN, and "..." when cut short.
std::string excerpt(std::string_view text, std::size_t max_bytes = 40);

// Appends `text` escaped for a COPY text-format field (\\ \t \n \r); no validation, for
// bytes already known to be valid UTF-8 without NUL.
void append_copy_escaped(std::string_view text, std::string& out);

// Appends one COPY text-format field holding `data`: NUL bytes stripped and counted,
// UTF-8 validated under `policy`, COPY escapes applied. `data` must not be null. Throws
// ConvertError (without Where: the caller knows table, column and row) for invalid UTF-8
// under InvalidUtf8Policy::Fail, naming the byte offset in `data` and an excerpt; `out`
// may then hold a partial field, which the caller discards with the row.
void append_copy_text(const char* data, std::size_t len, InvalidUtf8Policy policy,
                      ColumnStats& stats, std::string& out);

}  // namespace m2pg::convert
