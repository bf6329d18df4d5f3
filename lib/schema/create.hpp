#pragma once
// Creating the Postgres schema straight from a MySQL catalog (no profile): read the
// catalog, plan the DDL, and either print it, write it as versioned migrations, or run
// the chosen phases on the target.
#include <functional>
#include <string>
#include <vector>

#include "schema/ddl.hpp"
#include "schema/model.hpp"
#include "target/postgres/connection.hpp"
#include "util/dsn.hpp"

namespace m2pg::schema {

struct GeneratedSchema {
    Catalog catalog;
    DdlPlan plan;
};

// Connects to MySQL, reads the catalog of the DSN's database and plans its DDL.
// Throws UsageError when the DSN names no database; ConnectionError/SourceError from
// the server; ConvertError for a column type that has no exact Postgres type.
GeneratedSchema generate_from_mysql(const util::MysqlDsn& mysql, const DdlOptions& options);

// The same from a catalog already read (e.g. from m2pg check's report file, air-gapped).
GeneratedSchema generate_from_catalog(Catalog catalog, const DdlOptions& options);

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

// Runs the chosen phases' statements on the target in one transaction: either the whole
// schema appears or nothing does. on_statement is called after each statement succeeds.
// A failing statement throws TargetError with the statement's object as context.
void apply_plan(target::postgres::PgConnection& pg, const DdlPlan& plan, const std::vector<DdlPhase>& phases,
                const std::function<void(const DdlStatement&)>& on_statement = {});

}  // namespace m2pg::schema
