#pragma once
// Which migrations `m2pg schema --run-migrations` applies and where it records them: the
// profile's own folder and version table, a --migrations-dir, or with --plugin NAME the
// plugin's own migrations into the plugin's own version table.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "migrate/fetch.hpp"
#include "migrate/history.hpp"
#include "profile/profile.hpp"

namespace m2pg::migrate {

// What the command line asked for.
struct SourceRequest {
    std::string plugin;                    // --plugin: that plugin's migrations
    std::filesystem::path migrations_dir;  // --migrations-dir: wins over the profile's folder
    // --app-version: the release whose last migration ends the run ([app_versions]), or
    // whose migrations to fetch ([migrations.fetch], or with --plugin the plugin's).
    std::string app_version;
    std::string schema = "public";         // --schema
};

struct MigrationSource {
    std::filesystem::path directory;  // NNNNNN_name.up.sql files; empty while `fetch` is pending
    std::optional<FetchRequest> fetch;  // set: fetch_migrations gives the directory
    HistoryTables history;            // where the applied versions are recorded
    std::optional<std::int64_t> target_version;
    // The tables the tables-empty pre-check looks at (MySQL-style name patterns, case
    // ignored); empty: every table of the schema. A plugin's migrations run into a target
    // that already holds the app's rows, so only the plugin's own tables must be empty.
    std::vector<std::string> table_patterns;
    std::string what;  // "profile mattermost", "plugin calls of profile mattermost": for messages
};

// Resolves the request against `profile` (nullptr: --migrations-dir alone, default layout).
// Throws UsageError for a request that names no migrations (a profile or plugin that ships
// none and no --migrations-dir or fetchable --app-version), --plugin without a profile, a
// plugin without a migrations table, an app version the profile neither maps nor fetches,
// and --app-version that would fetch next to a --migrations-dir.
MigrationSource resolve_source(const profile::Profile* profile, const SourceRequest& request);

}  // namespace m2pg::migrate
