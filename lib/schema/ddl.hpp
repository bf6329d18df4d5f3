#pragma once
// Postgres DDL from the MySQL catalog, in four phases so the copy can run into bare tables
// and the index builds (most of a migration's time, DESIGN.md) come after it:
//   tables → (copy) → indexes → foreign keys → full-text.
// Statements carry no trailing semicolon; full_script() adds them.
#include <string>
#include <vector>

#include "convert/types.hpp"
#include "target/postgres/identifier.hpp"
#include "model/catalog.hpp"

namespace m2pg::schema {

enum class PrimaryKeyPlacement {
    Inline,    // PRIMARY KEY inside CREATE TABLE: simplest, the copy maintains the index
    Deferred,  // unique index in the index phase, then ADD PRIMARY KEY USING INDEX: faster
               // bulk copy, and no ACCESS EXCLUSIVE lock queued behind other index builds
};

struct DdlOptions {
    convert::TypeConfig types;
    target::postgres::IdentifierCase identifier_case = target::postgres::IdentifierCase::Lower;
    std::string target_schema = "public";  // used as given (not case-folded)
    std::string text_search_config = "simple";
    PrimaryKeyPlacement primary_key = PrimaryKeyPlacement::Inline;
};

enum class DdlPhase { Tables, Indexes, ForeignKeys, Fulltext };

struct DdlStatement {
    DdlPhase phase = DdlPhase::Tables;
    std::string table;   // the MySQL table it belongs to
    std::string object;  // the Postgres name it creates (table, index, constraint), unquoted
    std::string sql;     // one complete statement, no trailing semicolon
};

// Something the DDL does differently from MySQL: a type note from convert::map_column,
// a default left out, an index skipped or weakened. `check` reports these.
struct DdlNote {
    std::string table;
    std::string column;  // empty for table- and index-level notes
    std::string object;  // index or constraint name (MySQL's), when the note is about one
    std::string message;
};

struct DdlPlan {
    std::vector<DdlStatement> statements;  // phase order, then catalog order
    std::vector<DdlNote> notes;
};

// Everything at once. Pure. Throws ConvertError for an unknown column type, a table or
// column name longer than 63 bytes, or two MySQL names that fold to one Postgres name.
DdlPlan plan_ddl(const model::Catalog& catalog, const DdlOptions& options);

// One phase's statements, in order.
std::vector<std::string> tables_ddl(const model::Catalog& catalog, const DdlOptions& options);
std::vector<std::string> indexes_ddl(const model::Catalog& catalog, const DdlOptions& options);
std::vector<std::string> foreign_keys_ddl(const model::Catalog& catalog, const DdlOptions& options);
std::vector<std::string> fulltext_ddl(const model::Catalog& catalog, const DdlOptions& options);

// All phases in order, each statement followed by ";\n", ready for psql.
std::string full_script(const model::Catalog& catalog, const DdlOptions& options);

// schema.table, both quoted as needed, the table name through the case policy.
std::string qualified_table(const DdlOptions& options, std::string_view mysql_table);

}  // namespace m2pg::schema
