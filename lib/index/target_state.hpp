#pragma once
// What the target schema already has: tables with their sizes, indexes (valid or left
// INVALID by a killed CREATE INDEX CONCURRENTLY) and constraints. Read once per run in
// three catalog queries, so re-running `m2pg index` costs nothing for what is done.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "target/postgres/connection.hpp"

namespace m2pg::index {

struct ExistingIndex {
    std::string table;
    std::string name;
    bool is_valid = true;  // pg_index.indisvalid
    bool is_unique = false;
    bool is_primary = false;
    std::string method;                // btree, gin, ...
    bool is_plain = true;              // no expression, no predicate, no DESC/NULLS FIRST
    std::vector<std::string> columns;  // key columns in order (plain indexes)
};

struct ExistingConstraint {
    std::string table;
    std::string name;
    char type = 'p';  // pg_constraint.contype: p, u, f, c
    bool is_validated = true;
    std::vector<std::string> columns;
    std::string referenced_table;  // foreign keys
    std::vector<std::string> referenced_columns;
};

struct TargetState {
    std::map<std::string, std::int64_t> table_bytes;  // ordinary/partitioned tables → pg_total_relation_size
    std::vector<ExistingIndex> indexes;
    std::vector<ExistingConstraint> constraints;

    bool has_table(const std::string& table) const { return table_bytes.count(table) > 0; }
    // Index names are unique per schema; constraint names per table.
    const ExistingIndex* find_index(const std::string& name) const;
    const ExistingConstraint* find_constraint(const std::string& table, const std::string& name) const;
    const ExistingConstraint* primary_key(const std::string& table) const;
};

// Throws TargetError/ConnectionError from the server.
TargetState read_target_state(target::postgres::PgConnection& pg, const std::string& schema);

}  // namespace m2pg::index
