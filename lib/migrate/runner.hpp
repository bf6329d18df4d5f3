#pragma once
// m2pg schema --run-migrations: applies a directory of versioned migrations to a
// PostgreSQL target, one transaction per migration, under an advisory lock, recording
// each in the app's version table and its checksum in m2pg's own table.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "migrate/history.hpp"
#include "migrate/migration_file.hpp"
#include "util/dsn.hpp"

namespace m2pg::migrate {

struct RunOptions {
    std::filesystem::path migrations_dir;
    HistoryTables history;                                   // schema and version table layout
    std::optional<std::int64_t> target_version;              // --target-version / --app-version
    std::optional<std::vector<std::int64_t>> exact_versions;  // --applied-migrations
    bool dry_run = false;
    bool check_schema_owner = true;
    bool check_search_path = true;
    bool check_tables_empty = true;
    // Tables the tables-empty pre-check looks at (name patterns, case ignored); empty:
    // every table of the schema (MigrationSource::table_patterns).
    std::vector<std::string> table_patterns;
};

struct RunResult {
    std::vector<MigrationFile> pending;  // what was (or, dry run, would be) applied, in order
    std::int64_t from_version = 0;       // highest version recorded before the run
    std::int64_t to_version = 0;         // after it (dry run: after a real run)
    std::size_t already_applied = 0;
    std::size_t unverified = 0;  // applied by another tool, so no checksum to compare
};

// Called after each migration commits, with its wall time.
using OnApplied = std::function<void(const MigrationFile&, std::int64_t duration_ms)>;

// Connects to the target, takes the lock (StateError when another run holds it), reads
// what is applied, plans (see plan_migrations for what is refused), runs the pre-checks
// when anything is pending, then applies the pending files in version order; a dry run
// stops after the pre-checks and changes nothing. A failing statement throws TargetError
// naming the file and line, with the version the target stays at: earlier migrations
// stay committed, the failing one is rolled back (unless it is a no-transaction file).
RunResult run_migrations(const util::PgDsn& target, const RunOptions& options, const OnApplied& on_applied = {});

}  // namespace m2pg::migrate
