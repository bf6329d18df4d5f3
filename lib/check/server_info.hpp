#pragma once
// What check reads from the server besides the catalog: version and settings, the
// migration user's auth plugin, and the application's applied migrations.
#include <cstdint>
#include <string>
#include <vector>

#include "report/report.hpp"
#include "source/mysql/connection.hpp"

namespace m2pg::check {

// Version, @@GLOBAL.sql_mode (what the application writes under, not our relaxed session),
// server charset/collation, CURRENT_USER() and its plugin from mysql.user. An account
// that may not read mysql.user gets an empty auth_plugin, not an error.
report::ServerInfo read_server_info(source::mysql::MysqlConnection& connection);

struct AppliedMigrations {
    bool table_found = false;
    std::vector<std::int64_t> versions;  // ascending
};

// SELECT version_column FROM table ORDER BY it, in `database`. A missing table is
// table_found = false, not an error; a failing query throws SourceError.
AppliedMigrations read_applied_migrations(source::mysql::MysqlConnection& connection, const std::string& database,
                                          const std::string& table, const std::string& version_column);

}  // namespace m2pg::check
