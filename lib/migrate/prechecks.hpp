#pragma once
// What must hold before migrations run into a target: the connecting role can create
// objects in the target schema, and the target holds no rows yet.
#include <string>
#include <vector>

#include "target/postgres/raw_connection.hpp"

namespace m2pg::migrate {

using target::postgres::RawPgConnection;

struct SchemaAccess {
    std::string role;      // current_user
    std::string database;  // current_database()
    std::string owner;     // the schema's owner; empty when the schema does not exist
    bool schema_exists = false;
    bool has_usage = false;
    bool has_create = false;
    bool can_create_schema = false;  // CREATE on the database
};

SchemaAccess read_schema_access(RawPgConnection& session, const std::string& schema);

// Passes when the role may use and create in the schema (or may create the missing
// schema). It checks the privilege, not ownership: on PostgreSQL 15 `public` belongs to
// pg_database_owner and a plain database owner creates in it fine. Otherwise throws
// StateError holding the exact GRANT / ALTER SCHEMA / CREATE SCHEMA statement an admin
// should run, and the flag that skips the check.
void check_schema_access(const SchemaAccess& access, const std::string& schema);

// Tables of the schema that hold at least one row, sorted; `ignore` names tables to
// leave out (the migration history tables); with `only_matching` (name patterns, case
// ignored: a plugin's tables) the others are left out too.
std::vector<std::string> non_empty_tables(RawPgConnection& session, const std::string& schema,
                                          const std::vector<std::string>& ignore,
                                          const std::vector<std::string>& only_matching = {});

// Throws StateError listing the tables when any is non-empty: migrations into a target
// that already holds data are usually a wrong DSN, and copy would then double rows.
void check_tables_empty(const std::vector<std::string>& non_empty, const std::string& schema);

}  // namespace m2pg::migrate
