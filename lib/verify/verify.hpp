#pragma once
// m2pg verify: proves that the Postgres tables hold exactly what copy should have made of
// the MySQL tables. Per table: exact row counts on both sides, then order-independent
// checksums of canonical rows (verify/checksum.hpp) per primary-key chunk, computed on
// each server, chunks in parallel; a chunk whose checksums differ is narrowed to the
// primary keys of the rows that differ. Also: every MySQL table has a Postgres table,
// sequences are ahead of the largest id, and the application role has its privileges.
// docs/verify.md explains the canonical forms and the checks.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "convert/types.hpp"
#include "profile/profile.hpp"
#include "profile/scope.hpp"
#include "util/dsn.hpp"

namespace m2pg::verify {

struct VerifyOptions {
    util::MysqlDsn mysql;
    util::PgDsn postgres;
    std::string target_schema = "public";
    // Which tables (--tables, --exclude, --plugin) as the profile scopes them (profile/scope.hpp).
    std::optional<profile::Profile> profile;
    profile::ScopeRequest scope;
    int jobs = 2;                      // workers, each with one MySQL and one Postgres session
    std::uint64_t chunk_rows = 100000;
    double sample_percent = 100;       // < 100: checksum only this share of each table's chunks
    std::string app_role;              // non-empty: check this role's privileges on every table
    std::size_t max_listed_keys = 100;      // per table; counts stay complete
    std::uint64_t max_narrow_rows = 1000000;  // a bigger differing chunk, or more rows of one table's
                                              // differing hash buckets, is not narrowed to keys
    convert::TypeConfig types;         // as copy used them (the profile's casts are added)
};

enum class DiffKind { Changed, Missing, Extra };  // Missing: in MySQL only; Extra: in Postgres only

struct RowDiff {
    DiffKind kind = DiffKind::Changed;
    std::string key;  // "id=42" or "a=1, b=x"
};

enum class TableStatus {
    Identical,
    Different,
    MissingInPostgres,  // no table to compare with
    NotComparable,      // columns missing or types copy could not convert
    Failed,             // a server error stopped the comparison
};

struct TableReport {
    std::string table;   // MySQL name
    std::string target;  // schema.table, empty when missing
    TableStatus status = TableStatus::Identical;
    std::uint64_t mysql_rows = 0;
    std::uint64_t pg_rows = 0;
    int chunks = 0;
    int chunks_checked = 0;    // fewer than chunks with --sample
    int chunks_different = 0;
    std::uint64_t changed = 0;  // rows counted by narrowing (complete even when keys are capped)
    std::uint64_t missing = 0;
    std::uint64_t extra = 0;
    std::vector<RowDiff> keys;  // at most max_listed_keys
    std::vector<std::string> notes;  // why something could not be narrowed, ...
    std::string error;
    double seconds = 0;  // spent on this table by the workers (its tasks summed), not the span of the run
    bool checksum_match() const { return chunks_different == 0; }
};

// Something besides table contents that is wrong (sequence behind, privilege missing).
struct Finding {
    std::string kind;   // "sequence", "privilege"
    std::string table;  // schema.table in Postgres
    std::string message;
};

struct VerifyResult {
    std::vector<TableReport> tables;  // in MySQL name order
    std::vector<Finding> findings;
    // What the copy being verified recorded for its readers (per-table snapshots, resumed).
    std::vector<std::string> notes;
    bool sampled = false;
    double sample_percent = 100;
    double seconds = 0;
    int failure_exit_code = 0;  // 3/4 when a server failed part-way (the first such error)

    bool ok() const;  // every table identical, no findings, no failure
    std::size_t tables_differing() const;  // not Identical
    std::uint64_t rows_compared() const;   // MySQL rows of identical tables
};

// Runs every check. Throws UsageError (bad options, unknown --tables entry, unknown
// --app-role) and ConnectionError when a server cannot be reached at the start; errors
// later stay with their table (status Failed) and set failure_exit_code.
VerifyResult run_verify(const VerifyOptions& options);

// Which chunks --sample PCT checks: chunk i of n when floor((i+1)p/100) > floor(ip/100),
// an even spread; at least the middle chunk. Deterministic, so a re-run checks the same.
std::vector<bool> sample_chunks(std::size_t chunks, double percent);

}  // namespace m2pg::verify
