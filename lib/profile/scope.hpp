#pragma once
// The one place where a profile decides which MySQL tables a tool works on and how their
// types map: check, schema, copy, index, verify, run and pgloader all resolve their
// --tables / --exclude / --plugin flags here, so they agree on what "the migration" is.
#include <string>
#include <vector>

#include "convert/types.hpp"
#include "model/catalog.hpp"
#include "profile/profile.hpp"

namespace m2pg::profile {

// What the user asked for on the command line.
struct ScopeRequest {
    std::vector<std::string> tables;   // --tables: only these (case-insensitive); empty: all
    std::vector<std::string> exclude;  // --exclude: never these
    std::string plugin;                // --plugin: one plugin's tables instead of the core's
};

struct ScopedTable {
    const model::Table* source = nullptr;
    // The app's Postgres migrations fill this table with rows of their own (profile
    // replace_tables): the source's rows replace them instead of requiring it empty.
    bool replace = false;
};

// A table of the catalog that the scope leaves out because of the profile, and why.
struct LeftOut {
    std::string table;
    std::string reason;  // "the app's migrations table", "skip_tables", "plugin boards", ...
};

struct Scope {
    std::vector<ScopedTable> tables;  // catalog order
    std::vector<LeftOut> left_out;    // by the profile (not by --exclude), catalog order
    std::string plugin;               // empty for the core

    std::vector<const model::Table*> sources() const;
    bool contains(const std::string& mysql_table) const;  // ASCII case ignored
};

// Resolves a request against the catalog.
// - Without a profile: every table, or those --tables names, minus --exclude.
// - With a profile, the core: every table but the app's migrations table, skip_tables,
//   every plugin's tables and migrations table, and optional_tables unless --tables names
//   them; then --tables / --exclude.
// - With --plugin NAME: that plugin's tables and its migrations table, minus --exclude.
// Throws UsageError for --plugin without a profile, --plugin with --tables, an unknown
// plugin, a --tables entry the catalog does not hold, and one the profile never copies.
Scope resolve_scope(const model::Catalog& catalog, const Profile* profile, const ScopeRequest& request);

// `types` with the profile's [casts] added as column overrides (a profile's cast wins
// over one already there) and its [empty_json] columns. Unchanged without a profile.
convert::TypeConfig with_casts(convert::TypeConfig types, const Profile* profile);

}  // namespace m2pg::profile
