#pragma once
// A column type as written in Postgres DDL ("VARCHAR(26)", "timestamp(3) with time zone",
// "int[]", "public.channel_type"), described as pg_catalog would describe the column:
// format_type() text, pg_type.typname, typmod parts. Pure: names the server does not
// build in (enums, domains, extension types) are left for the caller to resolve.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "target/postgres/sql_lexer.hpp"

namespace m2pg::target::postgres {

struct TypeSpec {
    std::string format;   // format_type(): "character varying(26)", "integer[]", "channel_type"
    std::string typname;  // pg_type.typname of the column's type: "varchar", "_int4", "channel_type"
    std::string element;  // an array's element typname ("varchar"); empty: not an array
    std::optional<std::int64_t> max_chars;  // varchar(n) / char(n), of the element for an array
    std::optional<std::int64_t> numeric_precision;
    std::optional<std::int64_t> numeric_scale;
    bool is_builtin = true;  // false: a name the caller must resolve (enum, domain, extension)
    bool is_serial = false;  // serial, bigserial, smallserial: NOT NULL with a default

    bool is_array() const { return !element.empty(); }
    // The type's own typname, or the element's for an array.
    const std::string& scalar_typname() const { return is_array() ? element : typname; }
};

// Reads the type starting at tokens[pos] (stopping before `end`) and leaves pos after it;
// nullopt when no type name starts there.
std::optional<TypeSpec> read_type(const std::vector<SqlToken>& tokens, std::size_t& pos, std::size_t end);

// The same type as an array of it: "[]" added to format, "_" to typname.
TypeSpec array_of(const TypeSpec& element);

}  // namespace m2pg::target::postgres
