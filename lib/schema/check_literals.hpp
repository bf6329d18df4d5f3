#pragma once
// Literals of a MySQL CHECK clause that Postgres must read exactly as MySQL does. Postgres
// parses a date literal when the constraint is created and a pattern when it first runs;
// MySQL accepted both already, so only the forms both agree on pass.
#include <string_view>

namespace m2pg::schema {

// 'YYYY-MM-DD' naming a real calendar day: Postgres rejects '2001-02-29' and zero dates,
// MySQL only warns.
bool is_plain_date(std::string_view text);

// 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM:SS[.ffffff]', each field in range.
bool is_plain_datetime(std::string_view text);

// A REGEXP pattern MariaDB's PCRE and Postgres' ARE read alike: literal characters,
// classes, anchors, quantifiers with well-formed {m,n} bounds, groups and alternation; a
// backslash only before punctuation. \d, \b, (?i), lookarounds and control characters
// differ in detail between the engines, so they are not plain.
bool is_plain_regex(std::string_view pattern);

}  // namespace m2pg::schema
