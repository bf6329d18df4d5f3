#pragma once
// The value codecs: one MySQL text-protocol value in, one PostgreSQL COPY text-format field
// out. This is the copy engine's hot path (every value of every row), so an encoder only
// appends to a buffer the caller owns and reuses; it allocates nothing per value.
#include <cstddef>
#include <string>

#include "convert/json_array.hpp"
#include "convert/text.hpp"
#include "convert/types.hpp"

namespace m2pg::convert {

struct ValueContext {
    InvalidUtf8Policy invalid_utf8 = InvalidUtf8Policy::Fail;
    int bit_width = 0;  // n of bit(n), needed by Codec::Bit
    ArrayElement array_element;  // the target array's element, needed by Codec::JsonArray
    bool empty_json_as_object = false;  // Codec::Json: '' becomes {} (counted) instead of an error
};

// Appends the COPY text field for one value to `out`: \N when `data` is null (SQL NULL),
// otherwise the value as the codec's Postgres type reads it back exactly (types.hpp lists
// the pairs). Changes that are allowed but must not be silent (NUL bytes stripped, zero
// dates nulled, invalid UTF-8 replaced, JSON \u0000 removed) are counted in `stats`.
// Throws ConvertError, without Where (the caller adds table, column and row key), for a
// value that cannot be kept exactly; the message says what is wrong and quotes an
// excerpt. After a throw `out` may hold a partial field.
void encode_value(Codec codec, const char* data, std::size_t len, const ValueContext& context,
                  ColumnStats& stats, std::string& out);

}  // namespace m2pg::convert
