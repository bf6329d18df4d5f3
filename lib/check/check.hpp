#pragma once
// `m2pg check`: the readiness report of one MySQL/MariaDB database, and its optional fixes
// (fixes.hpp). Reads the catalog, the server settings and the app's applied migrations,
// runs the catalog and data checks, plans the fixes the flags ask for and, with apply,
// runs them and checks again, so the report shows what remains.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "check/archive.hpp"
#include "check/fixes.hpp"
#include "convert/types.hpp"
#include "profile/profile.hpp"
#include "profile/scope.hpp"
#include "report/report.hpp"
#include "source/mysql/connection.hpp"
#include "util/dsn.hpp"

namespace m2pg::check {

struct CheckOptions {
    std::optional<profile::Profile> profile;
    profile::ScopeRequest scope;  // --plugin: check one plugin's tables (profile/scope.hpp)
    // Type policy of the generated DDL (used for target types without a profile); the
    // profile's [casts] are added to column_overrides.
    convert::TypeConfig types;
    // What the data is compared with (targets.hpp): a live Postgres that has the schema,
    // else an app's Postgres migrations (migrations_dir, else the profile's), else the DDL
    // m2pg would generate.
    std::optional<util::PgDsn> target;
    std::string target_schema = "public";
    std::filesystem::path migrations_dir;
    std::string app_version;     // --app-version: the release whose migrations the profile fetches
    std::string app_repository;  // a mirror to fetch from instead of the profile's repository
    std::function<void(const std::string&)> progress;  // hears what a fetch does
    FixOptions fixes;
    bool apply = false;  // false: plan and print the fixes, change nothing
    double copy_bytes_per_second = 0;  // 0: kCopyBytesPerSecond
};

struct CheckResult {
    report::Report report;
    std::vector<PlannedFix> planned;  // what the fix flags would do (before apply)
    bool applied = false;
    std::string target_source;        // where the target's types came from (TargetSchema::source)
};

// Connects (dsn.database is required) and checks. Throws UsageError for a DSN without a
// database or a fix that cannot be made safely, ConnectionError/SourceError from MySQL.
CheckResult run_check(const util::MysqlDsn& dsn, const CheckOptions& options);
CheckResult run_check(source::mysql::MysqlConnection& connection, const std::string& database,
                      const CheckOptions& options);

// `m2pg check DSN --restore-archive`: restore_archive for the DSN's database.
RestoreResult restore(const util::MysqlDsn& dsn, const std::string& archive_database);

}  // namespace m2pg::check
