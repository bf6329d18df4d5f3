#include "migrate/prechecks.hpp"

#include <algorithm>

#include "profile/profile.hpp"
#include "target/postgres/identifier.hpp"
#include "target/postgres/saved_definitions.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace m2pg::migrate {

using target::postgres::quote_ident;
using target::postgres::quote_literal;

SchemaAccess read_schema_access(PgConnection& session, const std::string& schema) {
    const auto rows = session.query(
        "SELECT current_user, current_database(), n.oid IS NOT NULL, pg_get_userbyid(n.nspowner), "
        "coalesce(has_schema_privilege(n.oid, 'USAGE'), false), coalesce(has_schema_privilege(n.oid, 'CREATE'), false), "
        "has_database_privilege(current_database(), 'CREATE') "
        "FROM (SELECT 1) one LEFT JOIN pg_namespace n ON n.nspname = " +
        quote_literal(schema));
    const auto& r = rows.at(0);
    SchemaAccess a;
    a.role = r[0].value_or("");
    a.database = r[1].value_or("");
    a.schema_exists = r[2] == "t";
    a.owner = r[3].value_or("");
    a.has_usage = r[4] == "t";
    a.has_create = r[5] == "t";
    a.can_create_schema = r[6] == "t";
    return a;
}

void check_schema_access(const SchemaAccess& access, const std::string& schema) {
    const std::string role = quote_ident(access.role);
    const std::string name = quote_ident(schema);
    const std::string skip = "\n(or skip this check with --check-schema-owner=false)";
    if (!access.schema_exists) {
        if (access.can_create_schema) return;
        throw StateError("schema-owner check: schema " + name + " does not exist in database " +
                         quote_ident(access.database) + " and role " + role +
                         " may not create it; as a superuser or the database owner, run:\n  CREATE SCHEMA " + name +
                         " AUTHORIZATION " + role + ";" + skip);
    }
    if (access.has_usage && access.has_create) return;
    throw StateError("schema-owner check: role " + role + " cannot create tables in schema " + name + " (owned by " +
                     access.owner + ") of database " + quote_ident(access.database) +
                     "; as a superuser or the schema's owner, run:\n  GRANT USAGE, CREATE ON SCHEMA " + name + " TO " +
                     role + ";\nor make the role the schema's owner:\n  ALTER SCHEMA " + name + " OWNER TO " + role +
                     ";" + skip);
}

std::vector<std::string> search_path_entries(const std::string& setting, const std::string& role) {
    std::vector<std::string> out;
    std::string name;
    bool quoted = false;
    bool was_quoted = false;
    auto finish = [&] {
        if (!was_quoted) {
            while (!name.empty() && name.back() == ' ') name.pop_back();
            name = util::ascii_lower(name);  // an unquoted name folds, as in SQL
        }
        if (!name.empty()) out.push_back(name == "$user" ? role : name);
        name.clear();
        was_quoted = false;
    };
    for (std::size_t i = 0; i < setting.size(); ++i) {
        const char c = setting[i];
        if (quoted) {
            if (c == '"' && i + 1 < setting.size() && setting[i + 1] == '"') {
                name += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                name += c;
            }
        } else if (c == '"') {
            quoted = was_quoted = true;
        } else if (c == ',') {
            finish();
        } else if (c != ' ' || (!name.empty() && !was_quoted)) {
            name += c;
        }
    }
    finish();
    return out;
}

std::optional<std::string> resolved_schema(const SearchPath& path, const std::string& target_schema) {
    for (const auto& entry : search_path_entries(path.setting, path.role)) {
        if (entry == target_schema) return entry;
        // m2pg's own bookkeeping (copy's chunks, what index must put back) is dropped once
        // nothing is pending: the app meets the rest of the path. (A role named m2pg has it
        // as "$user" while a migration runs.)
        if (entry == target::postgres::kStateSchema) continue;
        if (std::find(path.effective.begin(), path.effective.end(), entry) != path.effective.end()) return entry;
    }
    return std::nullopt;
}

std::optional<std::string> search_path_problem(const SearchPath& path, const std::string& target_schema) {
    const auto resolved = resolved_schema(path, target_schema);
    if (resolved == target_schema) return std::nullopt;
    const std::string schema = quote_ident(target_schema);
    std::string where = resolved ? "resolve to schema " + quote_ident(*resolved) + ", not " + schema
                                 : "resolve to no schema (CURRENT_SCHEMA() is NULL), not " + schema;
    return "search-path check: role " + quote_ident(path.role) + "'s search_path is '" + path.setting +
           "' in database " + quote_ident(path.database) + ", so its unqualified names " + where +
           ": the app would not find its tables. As a superuser or the database owner, run:\n  ALTER ROLE " +
           quote_ident(path.role) + " IN DATABASE " + quote_ident(path.database) + " SET search_path TO " + schema +
           ";\nthen reconnect";
}

std::vector<std::string> non_empty_tables(PgConnection& session, const std::string& schema,
                                          const std::vector<std::string>& ignore,
                                          const std::vector<std::string>& only_matching) {
    // Partitions are reached through their parent; counting them too would list rows twice.
    const auto tables = session.query(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = " +
        quote_literal(schema) + " AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY 1");
    std::vector<std::string> out;
    for (const auto& row : tables) {
        const std::string table = row.at(0).value_or("");
        if (std::find(ignore.begin(), ignore.end(), table) != ignore.end()) continue;
        if (!only_matching.empty() && !profile::matches_any(only_matching, table)) continue;
        // EXISTS, not count(*): one row answers the question on a table of any size.
        if (session.scalar("SELECT EXISTS (SELECT 1 FROM " + quote_ident(schema) + "." + quote_ident(table) + ")") ==
            "t")
            out.push_back(table);
    }
    return out;
}

void check_tables_empty(const std::vector<std::string>& non_empty, const std::string& schema) {
    if (non_empty.empty()) return;
    throw StateError("tables-empty check: " + std::to_string(non_empty.size()) + " table(s) of schema " +
                     quote_ident(schema) + " already hold rows: " + util::join(non_empty, ", ") +
                     "\nmigrate into an empty database (is this the right DSN?), or skip this check with "
                     "--check-tables-empty=false");
}

}  // namespace m2pg::migrate
