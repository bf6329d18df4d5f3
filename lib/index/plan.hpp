#pragma once
// What `m2pg index` builds: what m2pg copy set aside (index/saved: the app's indexes and
// constraints, its materialized views to refresh), the full-text indexes (the profile's,
// else generated from MySQL FULLTEXT indexes) and, with --create-indexes, every index,
// primary key, foreign key and CHECK constraint that lib/schema/ddl defers until after the
// copy. Pure: no server is touched here; lib/index/decide compares the plan with the
// target, lib/index/run executes it.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "convert/types.hpp"
#include "profile/profile.hpp"
#include "profile/scope.hpp"
#include "target/postgres/definitions.hpp"
#include "target/postgres/identifier.hpp"
#include "model/catalog.hpp"

namespace m2pg::index {

enum class TaskKind {
    Fulltext,
    Index,
    UniqueIndex,
    PrimaryKey,
    UniqueConstraint,  // built as a unique index, attached with ADD CONSTRAINT ... USING INDEX
    ForeignKey,
    Check,
    Exclusion,         // ADD CONSTRAINT ... EXCLUDE: builds its own index, nothing to validate
    Refresh,           // REFRESH MATERIALIZED VIEW
};

// "full-text", "index", "unique index", "primary key", "unique constraint", "foreign key",
// "check", "exclusion constraint", "materialized view".
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
    std::string table;  // Postgres table, unqualified (Refresh: the materialized view)
    std::string name;   // Postgres index or constraint name, unqualified
    // Index kinds: CREATE [UNIQUE] INDEX, never CONCURRENTLY (the runner adds it).
    // ForeignKey, Check: ALTER TABLE ... ADD CONSTRAINT ... NOT VALID (as saved when the
    // app's was NOT VALID). Exclusion: ADD CONSTRAINT. Refresh: REFRESH MATERIALIZED VIEW.
    std::string create_sql;
    // PrimaryKey: ADD PRIMARY KEY USING INDEX; UniqueConstraint: ADD CONSTRAINT ... UNIQUE
    // USING INDEX; ForeignKey, Check: VALIDATE CONSTRAINT (none for one saved NOT VALID); else empty.
    std::string finish_sql;
    // Plain key columns (Postgres names) when every key part is a whole column in
    // ascending order, so an existing index on the same columns counts as the same index.
    std::vector<std::string> key_columns;
    std::vector<std::string> key_sql;  // key parts as SQL expressions (duplicate lookups)
    std::vector<std::string> row_key;  // the table's primary key columns as SQL, to name rows
    std::string key_filter;            // a partial unique index's predicate (duplicate lookups)
    std::string tablespace;            // build with default_tablespace set to it; empty: the default
    std::string method;                // index access method when known: a GIN build weighs more
    FulltextSpec fulltext;             // columns empty: the definition is kept as written
    ForeignKeySpec foreign_key;
    CheckSpec check;
    // What m2pg copy set aside: marked done in the target once put back.
    std::optional<target::postgres::Definition> saved;
};

struct IndexPlan {
    std::string target_schema = "public";
    // What copy set aside first (in the order saved), then full-text, then indexes and
    // primary keys, foreign keys, checks; each in catalog order.
    std::vector<BuildTask> tasks;
    std::vector<std::string> notes;   // indexes and keys the DDL could not carry over
    // Copy set definitions aside: finishing its work includes sequences and ANALYZE.
    bool finishes_copy = false;
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
    // What copy set aside in this schema and index has not put back (saved_definitions).
    const std::vector<target::postgres::Definition>* saved = nullptr;
    convert::TypeConfig types;
    target::postgres::IdentifierCase identifier_case = target::postgres::IdentifierCase::Lower;
};

// Needs saved definitions, a catalog or a profile (UsageError otherwise). A saved
// definition wins over a profile or catalog task for the same object (index/saved); profile
// full-text indexes win over generated ones on the same table and columns (or with the
// same name); tables out of the scope get no catalog tasks, and with --plugin the
// profile's (core) full-text indexes none; saved definitions are all taken, whatever the
// scope: index puts back everything copy took away. Throws ConvertError like schema::plan_ddl.
IndexPlan plan_index(const PlanInputs& inputs);

}  // namespace m2pg::index
