#pragma once
// MySQL conditions that are true for a value the target column refuses, one function per
// rule of the target's type: integer ranges, enum labels, CHECK lists, JSON, arrays and
// the text formats Postgres types parse. Each takes the quoted MySQL column; NULL counts as
// false (the copy writes NULL as NULL, which only NOT NULL refuses). check sums them over a
// table, copy asks them before the first row. Pure.
#include <cstdint>
#include <string>
#include <vector>

#include <optional>

#include "convert/json_array.hpp"
#include "model/catalog.hpp"
#include "target/postgres/simple_check.hpp"

namespace m2pg::schema {

// Integers as decimal text: bigint unsigned does not fit a signed 64-bit number.
struct IntegerRange {
    std::string min;
    std::string max;
};

// The range of a MySQL integer column (tinyint ... bigint, unsigned or not); nullopt for others.
std::optional<IntegerRange> mysql_integer_range(const model::Column& column);
// The range of a Postgres integer type by its pg_type name (int2, int4, int8); nullopt for others.
std::optional<IntegerRange> pg_integer_range(const std::string& typname);

// `q < min OR q > max`, each bound only where `from` reaches past `to`; empty when `to`
// holds every value of `from`.
std::string integer_outside(const std::string& quoted_column, const IntegerRange& from, const IntegerRange& to);

// The value compared as Postgres compares text: its exact UTF-8 bytes, without the NUL
// bytes copy strips. MySQL's own comparison would fold case under a _ci collation and
// ignore trailing spaces (PAD SPACE).
std::string label_bytes(const std::string& quoted_column);

// Not one of `labels` (an enum type's labels, case and spaces exact).
std::string not_a_label(const std::string& quoted_column, const std::vector<std::string>& labels);

// Outside a CHECK list: compared as numbers when the list holds numbers, else as text.
std::string not_allowed(const std::string& quoted_column, const target::postgres::AllowedValues& allowed);

// Text that Postgres' json input refuses: what MySQL's JSON_VALID refuses ('' included),
// and the escapes MariaDB's JSON_VALID lets through (\q, \u12) after an odd run of backslashes.
std::string not_json(const std::string& quoted_column);

// Not a JSON array of scalars (an array column takes one element per scalar).
std::string not_array_of_scalars(const std::string& quoted_column);

// A JSON array with a scalar element the copy refuses for `element` (convert/json_array):
// a number or boolean for text, anything but an integer in range for integers, a string
// or boolean for numeric. JSON null is a NULL element, always taken.
std::string array_element_refused(const std::string& quoted_column, const convert::ArrayElement& element);

// A JSON array with a string element longer than `chars` characters.
std::string array_element_longer(const std::string& quoted_column, std::int64_t chars);

// Text that Postgres' uuid input refuses: 32 hex digits, a hyphen allowed after any group
// of four, the whole optionally in braces; nothing else (no spaces, no '').
std::string not_uuid(const std::string& quoted_column);

// Text that Postgres' inet input refuses: an IPv4 or IPv6 address (IS_IPV4 / IS_IPV6),
// optionally /prefix within the address's bits.
std::string not_inet(const std::string& quoted_column);

// A number that does not fit numeric(precision, scale) once rounded to `scale` digits.
std::string numeric_overflow(const std::string& quoted_column, std::int64_t precision, std::int64_t scale);

// A number with more fraction digits than `scale`: Postgres rounds it without a word.
std::string rounded_at(const std::string& quoted_column, std::int64_t scale);

// A MySQL TIME outside the time of day Postgres' time holds (00:00:00 to 24:00:00).
std::string not_time_of_day(const std::string& quoted_column);

// A short list of values for a message: 'a', 'b', ... (at most `max` of them).
std::string quoted_list(const std::vector<std::string>& values, std::size_t max = 10);

}  // namespace m2pg::schema
