#pragma once
// Where the target records its applied migrations. The version table keeps the app's
// own layout (by default Mattermost morph's db_migrations(version bigint primary key,
// name varchar)), untouched, so the app's own migration tool keeps working after the
// move; m2pg's checksums go in a table of its own next to it, <table>_m2pg.
#include <cstdint>
#include <string>
#include <vector>

#include "migrate/migration_file.hpp"
#include "migrate/plan.hpp"
#include "target/postgres/connection.hpp"

namespace m2pg::migrate {

using target::postgres::PgConnection;

struct HistoryTables {
    std::string schema = "public";
    std::string table = "db_migrations";
    std::string version_column = "version";
    std::string name_column = "name";

    std::string checksum_table() const { return table + "_m2pg"; }
    std::string qualified_table() const;           // schema.table, quoted as needed
    std::string qualified_checksum_table() const;  // schema.table_m2pg
};

// The pg_advisory_lock key of a run on these tables: the first 8 bytes of
// sha256("m2pg migrate <schema>.<table>"), so two runs on one target exclude each other
// and runs on different schemas do not.
std::int64_t advisory_lock_key(const HistoryTables& tables);

// Whether the version table exists in the target.
bool history_exists(PgConnection& session, const HistoryTables& tables);

// The CREATE TABLE IF NOT EXISTS statements of the version table and the checksum table:
// what a run adds to the app's own tables (check plays them into its offline target).
std::vector<std::string> history_tables_ddl(const HistoryTables& tables);

// Creates the version table (if missing) and the checksum table (if missing).
void ensure_history_tables(PgConnection& session, const HistoryTables& tables);

// Every row of the version table with m2pg's checksum when it has one; empty when the
// version table does not exist yet.
std::vector<AppliedRecord> read_history(PgConnection& session, const HistoryTables& tables);

// Records one applied migration in both tables; meant to run in the migration's own
// transaction, so the version row commits with what the file created.
void record_applied(PgConnection& session, const HistoryTables& tables, const MigrationFile& file,
                    std::int64_t duration_ms);

}  // namespace m2pg::migrate
