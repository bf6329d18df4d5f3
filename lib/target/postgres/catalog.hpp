#pragma once
// What the target already has: tables with their column types, foreign keys between
// them, and whether they hold rows. Read from pg_catalog in a few queries per schema.
#include <string>
#include <utility>
#include <vector>

#include "target/postgres/connection.hpp"

namespace m2pg::target::postgres {

// A Postgres column as pg_catalog describes it.
struct TargetColumn {
    std::string name;
    std::string type;       // format_type(): "character varying(26)", "text[]", "jsonb"
    std::string base_type;  // pg_type.typname of the element-less type: "varchar", "_text", "jsonb"
    bool is_enum = false;   // a CREATE TYPE ... AS ENUM type
    bool not_null = false;
    bool has_default = false;
};

struct TargetTable {
    std::string schema;
    std::string name;
    std::vector<TargetColumn> columns;
};


// Ordinary and partitioned tables of `schema` with their live columns in order.
std::vector<TargetTable> read_target_tables(PgConnection& pg, const std::string& schema);

// (child table, parent table) for every foreign key between tables of `schema`.
std::vector<std::pair<std::string, std::string>> read_foreign_key_edges(PgConnection& pg, const std::string& schema);

// The given tables that hold at least one row (an index-only probe each, not a count).
std::vector<std::string> non_empty_tables(PgConnection& pg, const std::string& schema,
                                          const std::vector<std::string>& tables);

}  // namespace m2pg::target::postgres
