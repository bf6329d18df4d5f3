#pragma once
// What must hold before migrations run into a target: the connecting role can create
// objects in the target schema, its unqualified names land in that schema, and the target
// holds no rows yet.
#include <optional>
#include <string>
#include <vector>

#include "target/postgres/connection.hpp"

namespace m2pg::migrate {

using target::postgres::PgConnection;

struct SchemaAccess {
    std::string role;      // current_user
    std::string database;  // current_database()
    std::string owner;     // the schema's owner; empty when the schema does not exist
    bool schema_exists = false;
    bool has_usage = false;
    bool has_create = false;
    bool can_create_schema = false;  // CREATE on the database
};

SchemaAccess read_schema_access(PgConnection& session, const std::string& schema);

// Passes when the role may use and create in the schema (or may create the missing
// schema). It checks the privilege, not ownership: on PostgreSQL 15 `public` belongs to
// pg_database_owner and a plain database owner creates in it fine. Otherwise throws
// StateError holding the exact GRANT / ALTER SCHEMA / CREATE SCHEMA statement an admin
// should run, and the flag that skips the check.
void check_schema_access(const SchemaAccess& access, const std::string& schema);

// How the connecting role's unqualified names resolve in a session as the DSN opens it
// (the role's and the database's ALTER ... SET search_path, else the server's default):
// the app connects the same way, so this is where it will look for its tables.
struct SearchPath {
    std::string role;      // current_user
    std::string database;  // current_database()
    std::string setting;   // SHOW search_path
    std::vector<std::string> effective;  // current_schemas(false): the schemas it names that exist and may be used
};

// The SQL read_search_path runs: a first row of current_user, current_database() and the
// setting, then one row per schema of current_schemas(false), in order.
inline constexpr const char* kSearchPathQuery =
    "SELECT current_user::text, current_database()::text, current_setting('search_path'), NULL::text, 0::bigint "
    "UNION ALL SELECT NULL, NULL, NULL, s::text, n FROM unnest(current_schemas(false)) WITH ORDINALITY AS u(s, n) "
    "ORDER BY 5";

// Reads it through any session type with query() returning target::postgres::Row, before
// anything in that session changes search_path.
template <class Session>
SearchPath read_search_path(Session& session) {
    SearchPath out;
    for (const auto& row : session.query(kSearchPathQuery)) {
        if (row.at(3)) out.effective.push_back(*row.at(3));
        else {
            out.role = row.at(0).value_or("");
            out.database = row.at(1).value_or("");
            out.setting = row.at(2).value_or("");
        }
    }
    return out;
}

// The names of a search_path setting in order, unquoted, "$user" replaced by `role`.
std::vector<std::string> search_path_entries(const std::string& setting, const std::string& role);

// The schema unqualified names land in once `target_schema` exists: the first entry of
// the setting that is the target or an existing usable schema (m2pg's own state schema
// aside); nullopt when none is, which is the app's CURRENT_SCHEMA() IS NULL.
std::optional<std::string> resolved_schema(const SearchPath& path, const std::string& target_schema);

// Why the role's unqualified names would not land in `target_schema`, with the ALTER ROLE
// statement that fixes it; nullopt when they do. Migration-assist's users met this after
// the load as CURRENT_SCHEMA() returning NULL: the app then finds none of its tables.
std::optional<std::string> search_path_problem(const SearchPath& path, const std::string& target_schema);

// Tables of the schema that hold at least one row, sorted; `ignore` names tables to
// leave out (the migration history tables); with `only_matching` (name patterns, case
// ignored: a plugin's tables) the others are left out too.
std::vector<std::string> non_empty_tables(PgConnection& session, const std::string& schema,
                                          const std::vector<std::string>& ignore,
                                          const std::vector<std::string>& only_matching = {});

// Throws StateError listing the tables when any is non-empty: migrations into a target
// that already holds data are usually a wrong DSN, and copy would then double rows.
void check_tables_empty(const std::vector<std::string>& non_empty, const std::string& schema);

}  // namespace m2pg::migrate
