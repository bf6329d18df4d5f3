#pragma once
// The secondary indexes and non-primary-key constraints of tables an app's migrations made,
// read as Postgres itself would recreate them (pg_get_indexdef, pg_get_constraintdef),
// and the materialized views that read those tables. m2pg copy sets them aside before
// writing (saved_definitions), m2pg index puts them back: loading into live indexes is
// slow, and a GIN full-text index is then built row by row.
#include <string>
#include <string_view>
#include <vector>

#include "target/postgres/connection.hpp"

namespace m2pg::target::postgres {

enum class DefinitionKind { Index, UniqueConstraint, ForeignKey, Check, Exclusion, MaterializedView };

// "index", "unique constraint", "foreign key", "check", "exclusion constraint",
// "materialized view"; parse_definition_kind reads them back (Error for anything else).
std::string_view definition_kind_name(DefinitionKind kind);
DefinitionKind parse_definition_kind(std::string_view name);

struct Definition {
    DefinitionKind kind = DefinitionKind::Index;
    std::string schema;  // the copy's target schema: where the table lives
    std::string table;   // its table; for a materialized view, the view
    std::string name;    // the index, constraint or materialized view
    // Index: pg_get_indexdef. Constraints: pg_get_constraintdef, what follows
    // "ADD CONSTRAINT name" (deferrability and NOT VALID included). MaterializedView: the
    // schema-qualified view. Read with search_path = pg_catalog, so every name in it is
    // qualified and means the same whatever the rebuilding session's search_path.
    std::string definition;
    std::string index_definition;  // UniqueConstraint, Exclusion: pg_get_indexdef of its index
    std::string tablespace;        // the index's when not the database's default
    std::string method;            // the index's access method: btree, gin, gist, ...
    bool is_deferrable = false;
    bool is_deferred = false;
    bool is_validated = true;           // a constraint added NOT VALID stays so
    std::vector<std::string> key_sql;   // unique: key columns / expressions, as SQL
    std::string predicate;              // a partial index's WHERE clause
    std::vector<std::string> columns;   // constraint columns (plain names)
    std::string referenced_table;       // foreign key, when in the same schema
    std::vector<std::string> referenced_columns;
    std::string check_clause;           // CHECK: the expression
    int position = 0;  // the order they are saved (and dropped) in: foreign keys first
    // Materialized views: how many views lie between it and a copied table (1: reads one
    // directly); refreshing by ascending depth refreshes each after those it reads.
    int depth = 0;
};

// An index or constraint that stays on a copied table, and why.
struct KeptDefinition {
    std::string table;
    std::string name;
    std::string reason;
};

struct AppSchemaDefinitions {
    std::vector<Definition> definitions;  // foreign keys, other constraints, indexes, views
    std::vector<KeptDefinition> kept;
};

// Reads, for `tables` of `schema`: every constraint but primary keys (not those a child
// inherits), every index not behind a constraint (not a primary key's, not a partition's),
// and every populated materialized view reading them (in any schema, through views too).
// An index or unique/exclusion constraint that a foreign key of a table outside `tables`
// uses is kept: dropping it would need that key gone. Must run inside a transaction (it
// sets search_path locally and restores it). Throws TargetError/ConnectionError.
AppSchemaDefinitions read_app_schema_definitions(PgConnection& pg, const std::string& schema,
                                                 const std::vector<std::string>& tables);

// The statement that removes a definition (nothing for a materialized view: it stays).
std::string drop_definition_sql(const Definition& definition);

}  // namespace m2pg::target::postgres
