#pragma once
// What `m2pg index` builds: the full-text indexes (the profile's, else generated from
// MySQL FULLTEXT indexes) and, with --create-indexes, every index, primary key, foreign
// key and CHECK constraint that lib/schema/ddl defers until after the copy. Pure: no server is touched here;
// lib/index/decide compares the plan with the target, lib/index/run executes it.
#include <string>
#include <string_view>
#include <vector>

#include "convert/types.hpp"
#include "profile/profile.hpp"
#include "profile/scope.hpp"
#include "target/postgres/identifier.hpp"
#include "model/catalog.hpp"

namespace m2pg::index {

enum class TaskKind { Fulltext, Index, UniqueIndex, PrimaryKey, ForeignKey, Check };

// "full-text", "index", "unique index", "primary key", "foreign key", "check".
std::string_view kind_name(TaskKind kind);

struct FulltextSpec {
    std::string config;                // text search configuration
    std::vector<std::string> columns;  // Postgres column names, concatenated into one document
    bool from_profile = false;
};

struct ForeignKeySpec {
    std::vector<std::string> columns;  // child columns, Postgres names
    std::string referenced_table;      // Postgres name, same schema
    std::vector<std::string> referenced_columns;
};

struct CheckSpec {
    std::string clause;  // the Postgres expression inside CHECK ( ), as lib/schema/ddl translated it
};

struct BuildTask {
    TaskKind kind = TaskKind::Index;
    std::string table;  // Postgres table, unqualified
    std::string name;   // Postgres index or constraint name, unqualified
    // Index kinds: CREATE [UNIQUE] INDEX, never CONCURRENTLY (the runner adds it).
    // ForeignKey, Check: ALTER TABLE ... ADD CONSTRAINT ... NOT VALID.
    std::string create_sql;
    // PrimaryKey: ADD PRIMARY KEY USING INDEX; ForeignKey, Check: VALIDATE CONSTRAINT; else empty.
    std::string finish_sql;
    // Plain key columns (Postgres names) when every key part is a whole column in
    // ascending order, so an existing index on the same columns counts as the same index.
    std::vector<std::string> key_columns;
    std::vector<std::string> key_sql;  // key parts as SQL expressions (duplicate lookups)
    std::vector<std::string> row_key;  // the table's primary key columns as SQL, to name rows
    FulltextSpec fulltext;
    ForeignKeySpec foreign_key;
    CheckSpec check;
};

struct IndexPlan {
    std::string target_schema = "public";
    // Full-text first, then indexes and primary keys, foreign keys, checks; each in catalog order.
    std::vector<BuildTask> tasks;
    std::vector<std::string> notes;   // indexes and keys the DDL could not carry over
};

struct PlanInputs {
    const model::Catalog* catalog = nullptr;   // the MySQL catalog; may be null
    const profile::Profile* profile = nullptr;  // may be null
    profile::ScopeRequest scope;                // --plugin, --tables, --exclude (profile/scope.hpp)
    std::string target_schema = "public";
    // For full-text indexes generated from MySQL FULLTEXT indexes; the profile's own
    // definitions name their configuration.
    std::string text_search_config = "simple";
    bool create_indexes = false;  // also indexes, primary keys, foreign keys and checks
    convert::TypeConfig types;
    target::postgres::IdentifierCase identifier_case = target::postgres::IdentifierCase::Lower;
};

// Needs a catalog or a profile (UsageError otherwise). Profile full-text indexes win over
// generated ones on the same table and columns (or with the same name); tables out of
// the scope get no tasks, and with --plugin the profile's (core) full-text indexes none. Throws ConvertError like schema::plan_ddl.
IndexPlan plan_index(const PlanInputs& inputs);

}  // namespace m2pg::index
