#pragma once
// Reads one MySQL/MariaDB database's catalog from information_schema into model::Catalog.
#include <string>

#include "model/catalog.hpp"
#include "source/mysql/connection.hpp"
#include "util/dsn.hpp"

namespace m2pg::source::mysql {

// Reads tables (with columns, indexes, foreign keys), views, triggers, routines, sequences
// and events of `database`: one query per information_schema table for the whole
// database, so it costs the same dozen round trips for 5 tables or 5,000.
// - MariaDB JSON columns (LONGTEXT + CHECK json_valid(`col`)) come back as data_type and
//   column_type "json".
// - Sequences (MariaDB) are listed in Catalog::routines with kind "SEQUENCE".
// - A foreign key into another database has referenced_table "otherdb.table".
// - View detail is the full VIEW_DEFINITION; trigger detail is the trigger's table;
//   function detail is "returns <type>"; event detail is its schedule and status.
// Throws SourceError (errno 1049) when the database does not exist, SourceError or
// ConnectionError when a query fails.
model::Catalog read_catalog(MysqlConnection& connection, const std::string& database);

// Connects to the DSN's database and reads its catalog. Throws UsageError when the DSN
// names no database, and what the connection and read_catalog throw.
model::Catalog read_catalog(const util::MysqlDsn& dsn);

}  // namespace m2pg::source::mysql
