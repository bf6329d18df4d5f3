#pragma once
// What the target already has: tables with their column types, foreign keys between
// them, and whether they hold rows. Read from pg_catalog in a few queries per schema.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "target/postgres/connection.hpp"

namespace m2pg::target::postgres {

// A Postgres column as pg_catalog describes it (a domain by its base type and its typmod).
struct TargetColumn {
    std::string name;
    std::string type;       // format_type(): "character varying(26)", "text[]", "jsonb"
    std::string base_type;  // pg_type.typname of the element-less type: "varchar", "_text", "jsonb"
    bool is_enum = false;   // a CREATE TYPE ... AS ENUM type
    std::vector<std::string> enum_labels;  // in sort order
    // varchar(n) / char(n), or the element's for an array of them (varchar(26)[]): characters.
    std::optional<std::int64_t> max_chars;
    // numeric(p,s), or the element's for an array of them.
    std::optional<std::int64_t> numeric_precision;
    std::optional<std::int64_t> numeric_scale;
    std::string element_type;  // typname of an array's element ("varchar", "int4"); empty: not an array
    bool not_null = false;
    bool has_default = false;  // a default other than NULL, an identity or a generated column

    bool is_array() const { return !element_type.empty(); }
};

// A CHECK constraint of a target table: its name and pg_get_constraintdef text.
struct TargetCheck {
    std::string name;
    std::string definition;  // "CHECK ((type = ANY (ARRAY['D'::text, 'O'::text])))"
};

struct TargetTable {
    std::string schema;
    std::string name;
    std::vector<TargetColumn> columns;
    std::vector<TargetCheck> checks;  // by name

    const TargetColumn* find_column(const std::string& column_name) const;
};


// Ordinary and partitioned tables of `schema` with their live columns in order and their
// CHECK constraints.
std::vector<TargetTable> read_target_tables(PgConnection& pg, const std::string& schema);

// (child table, parent table) for every foreign key between tables of `schema`.
std::vector<std::pair<std::string, std::string>> read_foreign_key_edges(PgConnection& pg, const std::string& schema);

// The given tables that hold at least one row (an index-only probe each, not a count).
std::vector<std::string> non_empty_tables(PgConnection& pg, const std::string& schema,
                                          const std::vector<std::string>& tables);

}  // namespace m2pg::target::postgres
