#pragma once
// Creating the Postgres schema straight from a MySQL catalog (no profile): plan the DDL,
// and print it or write it as versioned migrations. No server I/O here: the catalog comes
// from the caller and migrate/apply_plan runs the statements on the target.
#include <string>
#include <vector>

#include "schema/ddl.hpp"
#include "model/catalog.hpp"

namespace m2pg::schema {

struct GeneratedSchema {
    model::Catalog catalog;
    DdlPlan plan;
};

// Plans the DDL of a catalog read from MySQL (source::mysql::read_catalog) or from m2pg
// check's report file (air-gapped). Throws ConvertError for a column type that has no
// exact Postgres type.
GeneratedSchema generate_from_catalog(model::Catalog catalog, const DdlOptions& options);

// Parses "tables,indexes,foreign-keys,fulltext" or "all"; throws UsageError naming a bad word.
std::vector<DdlPhase> parse_phases(const std::string& text);
std::string phase_name(DdlPhase phase);

// The statements of the chosen phases, as a psql-ready script with the notes on top as
// comments.
std::string render_script(const DdlPlan& plan, const std::vector<DdlPhase>& phases);

// Writes DIR/000001_tables.up.sql, 000002_indexes.up.sql, 000003_foreign_keys.up.sql and
// 000004_fulltext.up.sql with matching .down.sql files (golang-migrate naming), so copy can
// run after version 1 and the index step applies the rest. Returns the paths written.
std::vector<std::string> write_migrations(const DdlPlan& plan, const std::string& directory);

// The statements of the chosen phases, phase by phase in the order they must run
// (tables, indexes, foreign keys, full-text), each phase in plan order.
std::vector<const DdlStatement*> statements_of(const DdlPlan& plan, const std::vector<DdlPhase>& phases);

}  // namespace m2pg::schema
