#pragma once
// Completion is state too: every copy, index and run that finishes leaves a row in
// m2pg_state.finished_jobs in the target (when, from which source, into which database, how many
// tables and rows). A later `copy --resume` of a finished copy says it is done instead of
// refusing the full tables, and the "not empty" error knows m2pg filled them.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "target/postgres/connection.hpp"

namespace m2pg::target::postgres {

inline constexpr const char* kFinishedJobsTable = "m2pg_state.finished_jobs";

struct FinishedJob {
    std::string job;              // "copy", "index", "run"
    std::string finished_at;      // "2024-05-01 12:00:03 UTC"; set by the server when recorded
    std::string source;           // the source DSN's display form (never a password)
    std::string source_identity;  // source::mysql::server_identity
    std::string target_identity;  // target::postgres::database_identity
    std::vector<std::string> tables;  // target tables written, schema.table
    std::uint64_t rows = 0;
    std::vector<std::string> notes;  // what a reader of the result must know (per-table snapshots)
};

// Adds the record (creating m2pg's schema and the table on first use). Run it in the
// transaction that ends the job's other state, so a job is finished exactly when recorded.
void record_finished_job(PgConnection& pg, const FinishedJob& job);

// The latest record of `job`; nullopt when none (or no table yet).
std::optional<FinishedJob> last_finished_job(PgConnection& pg, const std::string& job);

// "copy finished 2024-05-01 12:00:03 UTC: 1200 rows in 3 tables from u@h:3306/chat".
std::string describe(const FinishedJob& job);

}  // namespace m2pg::target::postgres
