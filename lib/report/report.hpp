#pragma once
// The report file model (DESIGN.md "The report file"): what `m2pg check` found in one
// MySQL database, the catalog an air-gapped `m2pg schema` rebuilds the DDL from, and the
// app's applied migrations. Data only; report_json reads and writes it.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "model/catalog.hpp"

namespace m2pg::report {

inline constexpr std::string_view kFormat = "m2pg-report";
inline constexpr int kVersion = 1;
// At most this many sample primary keys per finding: enough to look rows up by hand.
inline constexpr std::size_t kMaxSampleKeys = 10;

enum class Severity {
    Error,    // the copy would fail or lose data: a blocker, `check` exits 1
    Warning,  // behaviour changes after the migration
    Info,
};

std::string_view severity_name(Severity severity);
// "error" | "warning" | "info"; throws UsageError for anything else.
Severity parse_severity(std::string_view name);

struct Finding {
    Severity severity = Severity::Info;
    std::string code;    // stable machine name: "nul_bytes", "value_too_long", ...
    std::string table;   // empty for server- and database-level findings
    std::string column;  // empty unless the finding is about one column
    std::uint64_t count = 0;               // affected rows (or objects, as the message says)
    std::vector<std::string> sample_keys;  // up to kMaxSampleKeys primary keys, rendered
    std::string message;
    std::string fix;  // what fixes it: a flag, a statement, or advice
};

// One fix that ran with --apply.
struct FixApplied {
    std::string fix;     // "artifacts" | "unicode" | "varchar"
    std::string table;
    std::string column;  // empty for table- and index-level fixes
    std::string action;  // "update", "delete", "drop_table", "drop_column", "drop_index"
    std::uint64_t rows = 0;              // rows archived and changed or removed
    std::string archive;                 // `archive_db`.`archive_table` holding the originals
    std::vector<std::string> statements; // what ran, in order (batched statements once)
};

struct ServerInfo {
    std::string version;       // SELECT VERSION()
    std::string sql_mode;      // @@GLOBAL.sql_mode: what the application writes under
    std::string character_set_server;
    std::string collation_server;
    std::string user;          // CURRENT_USER()
    std::string auth_plugin;   // of that account; empty when mysql.user is not readable
};

// Rows and bytes to copy and the time it should take at kCopyBytesPerSecond.
struct CopyEstimate {
    std::uint64_t rows = 0;
    std::uint64_t bytes = 0;  // DATA_LENGTH summed: on-disk size, a fair proxy of bytes sent
    double seconds = 0;
};

struct Report {
    std::string generated_by;  // "m2pg check"
    std::string generated_at;  // UTC, ISO 8601
    std::string source;        // user@host:port/db (never a password)
    std::string profile;       // profile name, empty without one
    ServerInfo server;
    model::Catalog catalog;
    std::vector<std::int64_t> applied_migrations;  // ascending
    // The MySQL table they were read from: the profile's, or with --plugin the plugin's
    // (db_migrations_calls). Empty in a report that does not say (before it was recorded).
    std::string applied_migrations_table;
    // What the data was compared with: "the target database ...", "migrations DIR (...)" or
    // "generated DDL" (check/targets). Empty in a report that does not say.
    std::string target;
    std::map<std::string, std::uint64_t> row_counts;  // table → exact COUNT(*) at check time
    CopyEstimate estimate;
    std::vector<Finding> findings;
    std::vector<FixApplied> fixes_applied;
};

std::size_t count_findings(const Report& report, Severity severity);
// True when an error finding remains: the copy would fail or lose data.
bool has_blockers(const Report& report);

}  // namespace m2pg::report
