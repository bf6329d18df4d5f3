#pragma once
// Deciding what a migration run does, from the files and what the target already
// records: which versions are pending, and whether anything forbids running at all
// (a changed applied file, a version the directory lacks). Pure: no server, no files.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "migrate/migration_file.hpp"

namespace m2pg::migrate {

// One row of the version table, joined with m2pg's checksum when m2pg applied it.
struct AppliedRecord {
    std::int64_t version = 0;
    std::string name;
    std::optional<std::string> checksum;  // none when another tool (morph) applied it
};

struct PlanOptions {
    std::optional<std::int64_t> target_version;              // apply nothing above it
    std::optional<std::vector<std::int64_t>> exact_versions;  // apply exactly these (sorted)
    std::string directory;  // shown in messages
};

struct Plan {
    std::vector<MigrationFile> pending;  // in version order
    std::int64_t current_version = 0;    // highest applied version, 0 for none
    std::size_t applied_count = 0;
    std::size_t unverified_count = 0;  // applied without an m2pg checksum
};

// Throws UsageError when exact_versions names versions the directory lacks ("missing
// 000131..000135", with a hint at --migrations-dir); StateError when an applied file has
// changed (naming the file), when the target records versions the directory lacks, when
// it records versions outside exact_versions, or versions above target_version
// (m2pg never runs down migrations).
Plan plan_migrations(const std::vector<MigrationFile>& files, const std::vector<AppliedRecord>& applied,
                     const PlanOptions& options);

}  // namespace m2pg::migrate
