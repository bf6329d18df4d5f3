#pragma once
// The three fixes of `m2pg check` and their dry run. Every fix archives first (archive.hpp)
// and never deletes or changes a row it has not copied:
//   artifacts  the profile's leftover tables (moved into the archive), columns and indexes
//   unicode    NUL bytes stripped, odd-backslash \u0000 JSON escapes removed, invalid UTF-8 → '?'
//   varchar    rows over the target's varchar(n) deleted, or with --truncate cut to n characters
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "check/archive.hpp"
#include "check/artifacts.hpp"
#include "check/targets.hpp"
#include "report/report.hpp"
#include "model/catalog.hpp"
#include "source/mysql/connection.hpp"

namespace m2pg::check {

enum class VarcharFix {
    Delete,    // migration-assist's behaviour, but counted in characters and archived first
    Truncate,  // LEFT(value, n): keeps the row
};

struct FixOptions {
    bool artifacts = false;
    bool unicode = false;
    bool varchar = false;
    VarcharFix varchar_mode = VarcharFix::Delete;
    std::size_t batch_rows = 1000;  // rows per transaction: short locks on a live database
    std::string archive_database = std::string(kDefaultArchiveDatabase);
    std::filesystem::path archive_file;  // JSON-lines copy of archived rows; empty: none
};

struct PlannedFix {
    std::string fix;  // "artifacts" | "unicode" | "varchar"
    ArchiveAction action = ArchiveAction::Update;
    std::string table;
    std::string column;
    std::string object;                   // index name for DropIndex
    std::string where;                    // rows affected (Update/Delete)
    std::string new_value;                // SQL expression (Update)
    std::uint64_t rows = 0;               // rows that would be archived and changed/removed
    std::vector<std::string> statements;  // what would run, as the dry run shows it
};

// The fixes the flags ask for, from this check's findings, with exact row counts and the
// statements they would run. Throws UsageError for a fix that cannot be made safely: rows
// without a key to batch and restore by, or deleting rows other tables reference.
std::vector<PlannedFix> plan_fixes(source::mysql::MysqlConnection& connection, const model::Catalog& catalog,
                                   const std::vector<report::Finding>& findings,
                                   const std::vector<ArtifactMatch>& artifacts, const TargetLimits& limits,
                                   const FixOptions& options);

// Runs the planned fixes: archive, then change, batch by batch (one transaction each).
std::vector<report::FixApplied> apply_fixes(source::mysql::MysqlConnection& connection,
                                            const model::Catalog& catalog, const std::vector<PlannedFix>& plan,
                                            const FixOptions& options);

// The line of SHOW CREATE TABLE output that defines `column` ("`Id` varchar(26) NOT NULL"),
// and the index lines ("KEY `x` (`a`,`b`)") that use it. Pure.
std::string column_definition(const std::string& create_table, const std::string& column);
std::vector<std::string> index_definitions(const std::string& create_table, const std::string& column_or_empty,
                                           const std::string& index_name_or_empty);

}  // namespace m2pg::check
