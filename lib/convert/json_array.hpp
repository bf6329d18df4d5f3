#pragma once
// A JSON array of scalars (MySQL json, or text holding JSON) into a Postgres array column
// (Mattermost's RetentionIdsForDeletion.Ids: json → character varying(26)[]). Exact or an
// error: every element must be a scalar the element type holds as it is — a string for a
// text element (no longer than varchar(n) in characters), an integer in range for an
// integer element, a number for numeric — or JSON null (a NULL element).
#include <cstddef>
#include <cstdint>
#include <string>

#include "convert/text.hpp"

namespace m2pg::convert {

enum class ArrayElementKind {
    None,     // not an array target
    Text,     // text, varchar(n), citext
    Integer,  // smallint, integer, bigint: [min, max]
    Numeric,  // numeric without precision or scale: any JSON number, as written
};

// The element of the target array, as pairing read it from the target column.
struct ArrayElement {
    ArrayElementKind kind = ArrayElementKind::None;
    std::int64_t max_chars = 0;  // varchar(n): n characters; 0: no limit
    std::int64_t min = 0;        // Integer kind: the element type's range
    std::int64_t max = 0;
    std::string pg_type;  // the target column's type for messages: "character varying(26)[]"
};

// The element description for a Postgres array whose element is pg_type.typname
// `element_type` ("varchar", "int4", ...), with varchar's `max_chars` (0: none) and whether
// numeric carries a precision. Kind None when no exact conversion from JSON exists (float,
// numeric(p,s), bpchar, boolean, ...).
ArrayElement array_element_for(const std::string& element_type, std::int64_t max_chars, bool numeric_has_typmod,
                               const std::string& pg_type);

// Appends the COPY text field holding the Postgres array literal for the JSON document
// `data`: {"a","b\"c",NULL} with every string element quoted and escaped for array syntax
// and the literal escaped for COPY. NUL bytes and \u0000 escapes are removed (counted, as
// for any text and JSON value); invalid UTF-8 follows `policy`. Throws ConvertError
// (without Where: the caller names table, column and row) when the document is not a JSON
// array, an element is an object or array, its kind does not fit the element type, or it
// does not fit (varchar(n) characters, integer range), naming the element's position.
void encode_json_array(const char* data, std::size_t len, const ArrayElement& element, InvalidUtf8Policy policy,
                       ColumnStats& stats, std::string& out);

}  // namespace m2pg::convert
