#pragma once
// The MySQL → PostgreSQL type map (DESIGN.md "Type conversion"): one table, one place.
// Given a catalog column it answers which Postgres type the column becomes, which codec
// decodes its MySQL text-protocol values, and whether the conversion can lose or change
// information (the note, which `check` reports as a finding).
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "model/catalog.hpp"

namespace m2pg::convert {

// How the copy engine decodes a MySQL text-protocol value of the column.
enum class Codec {
    Bool,       // tinyint(1) → boolean: "0" false, "1" true
    Int,
    Decimal,
    Float,
    Double,
    Text,
    Bytes,
    Date,
    DateTime,   // datetime → timestamp
    Timestamp,  // timestamp → timestamptz (session time zone UTC)
    MysqlTime,  // time → interval, spans ±838:59:59
    Year,
    Bit,        // bit(n) bytes → bit varying(n)
    BitBool,    // bit(1) byte → boolean
    Enum,
    Set,        // "a,b" → {a,b}
    Json,
    JsonArray,  // a JSON array of scalars → a Postgres array (json_array.hpp)
    Geometry,   // MySQL internal geometry (SRID + WKB)
    Uuid,
    Inet,
};

enum class BigintUnsignedPolicy {
    Numeric,  // numeric(20): every value fits, but FK columns must all use it
    Bigint,   // the profile says values fit in bigint; a larger one fails the copy
};

enum class SpatialPolicy {
    Wkb,      // bytea holding WKB, no extension needed
    PostGis,  // geometry(Type), needs the postgis extension
};

enum class BitPolicy {
    Bit1AsBoolean,    // bit(1) → boolean, bit(n>1) → bit varying(n)
    AlwaysBitVarying, // bit(n) → bit varying(n) for every n
};

enum class CharPolicy {
    // MySQL strips CHAR's trailing spaces on read, so a value is never padded; varchar(n)
    // keeps it exactly, while Postgres char(n) pads again and ignores trailing spaces in
    // comparisons and length().
    Varchar,
    Char,  // char(n) stays char(n) for applications that rely on bpchar semantics
};

enum class JsonPolicy {
    Jsonb,  // indexable, but normalises key order, whitespace and duplicate keys
    Json,   // keeps the document text exactly
};

struct TypeConfig {
    bool tinyint1_as_boolean = true;
    BigintUnsignedPolicy bigint_unsigned = BigintUnsignedPolicy::Numeric;
    SpatialPolicy spatial = SpatialPolicy::Wkb;
    BitPolicy bit = BitPolicy::Bit1AsBoolean;
    CharPolicy char_type = CharPolicy::Varchar;
    JsonPolicy json = JsonPolicy::Jsonb;
    // "table.column" (MySQL names, matched case-insensitively) → a Postgres type such as
    // "smallint". Consulted before the rules; the codec follows the new type where it must
    // (tinyint(1) → smallint decodes as Int, not Bool).
    std::map<std::string, std::string> column_overrides;
    // "table.column" patterns (MySQL names, `*` and `?` wildcards, case ignored) of text
    // columns holding JSON where the app wrote '' for an empty object: json refuses '', so
    // copy writes {} there (counted). Elsewhere '' into json is an error naming the row.
    std::vector<std::string> empty_json_as_object;
};

// Whether `table.column` is one of config.empty_json_as_object.
bool writes_empty_json_as_object(const TypeConfig& config, std::string_view table, std::string_view column);

struct Mapping {
    std::string pg_type;  // ready for DDL: "numeric(20)", "timestamp(6)", "text[]"
    Codec codec = Codec::Text;
    // Non-empty when the conversion can lose or change information (zero dates become
    // NULL, a generated column is copied as plain, ...); several notes joined by "; ".
    std::string note;
    std::vector<std::string> enum_values;  // enum and set members, unescaped, in order
    bool is_override = false;              // pg_type came from column_overrides
};

// Maps one column of `table_name`. Pure: no server, no globals. Throws ConvertError
// naming table.column and the full COLUMN_TYPE for a type it does not know, and
// UsageError for an override whose type is not a plain Postgres type name.
Mapping map_column(const TypeConfig& config, std::string_view table_name,
                   const model::Column& column);

// The members of "enum('a','b''c')" or "set(...)", unescaped ('' and backslash escapes as
// MariaDB prints them in COLUMN_TYPE). Throws ConvertError on a malformed list.
std::vector<std::string> parse_enum_values(std::string_view column_type);

// Undoes MySQL string-literal escaping of the text between the quotes: '' → ' and the
// backslash escapes (\0 \b \n \r \t \Z \\ \' \"; \% and \_ keep their backslash).
std::string unescape_mysql_string(std::string_view quoted_body);

std::string_view codec_name(Codec codec);

}  // namespace m2pg::convert
