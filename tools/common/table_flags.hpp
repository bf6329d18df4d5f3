#pragma once
// The flags m2pg copy and m2pg verify share: the two servers, which tables, and the
// profile's part in both. Header-only, because tools/CMakeLists.txt builds the common
// library from run_main.cpp alone.
#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "convert/types.hpp"
#include "profile/profile.hpp"

namespace m2pg::tools {

// The required --mysql and --postgres DSNs, as typed (util::parse_*_dsn reads them).
struct ServerFlags {
    std::string mysql;
    std::string postgres;
};

inline void add_server_flags(CLI::App& app, ServerFlags& servers) {
    app.add_option("--mysql", servers.mysql, "source: user:pass@tcp(host:3306)/db or mysql://user@host/db")->required();
    app.add_option("--postgres", servers.postgres, "target: postgresql://user@host/db or 'host=... dbname=...'")
        ->required();
}

// A comma-list option such as --tables a,b: empty items are dropped, and a repeated flag
// adds to the list. One value per flag, so a stray word after it is still an error.
inline CLI::Option* add_list_option(CLI::App& app, const std::string& name, std::vector<std::string>& items,
                                    const std::string& description) {
    return app.add_option(name, items, description)->delimiter(',')->allow_extra_args(false);
}

// Loads the profile `name` and applies its part in which tables and types: its
// skip_tables join `exclude`, its casts become column type overrides. Returns the profile
// for what else the tool takes from it. Throws UsageError for an unknown profile.
inline profile::Profile apply_profile(const std::string& name, std::vector<std::string>& exclude,
                                      convert::TypeConfig& types) {
    profile::Profile loaded = profile::load_profile(name);
    exclude.insert(exclude.end(), loaded.skip_tables.begin(), loaded.skip_tables.end());
    for (const auto& [column, type] : loaded.casts) types.column_overrides[column] = type;
    return loaded;
}

}  // namespace m2pg::tools
