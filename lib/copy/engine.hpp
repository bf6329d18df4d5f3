#pragma once
// m2pg copy: streams every selected MySQL table into its Postgres table, exactly.
//
// Shape: `jobs` workers, each with one MySQL connection (a consistent snapshot, rows
// streamed with mysql_use_result) and one Postgres connection (COPY FROM STDIN, text
// format). Work is handed out as primary-key chunks, largest tables first, so one huge
// table keeps every job busy. Each chunk commits with its "done" mark (copy/state.hpp).
// Memory per worker: one encode buffer of `batch_bytes` plus the largest single value
// (bytea values larger than the buffer are sent in slices), whatever the table size.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "convert/text.hpp"
#include "copy/app_schema.hpp"
#include "convert/types.hpp"
#include "source/mysql/chunks.hpp"
#include "schema/pairing.hpp"
#include "copy/state.hpp"
#include "profile/profile.hpp"
#include "profile/scope.hpp"
#include "model/catalog.hpp"
#include "util/dsn.hpp"

namespace m2pg::copy {

using schema::ColumnPair;
using schema::TablePair;

struct CopyOptions {
    util::MysqlDsn mysql;
    util::PgDsn postgres;
    std::string target_schema = "public";
    // Which tables (--tables, --exclude, --plugin) as the profile scopes them (profile/scope.hpp).
    std::optional<profile::Profile> profile;
    profile::ScopeRequest scope;
    // Two sessions per core of a 2-core host: while one waits on its server, the other
    // works. Measured at 2,000,000 posts with the data in MariaDB's buffer pool: 2, 3 and
    // 4 jobs within 2% (7.8-7.9 s); more sessions only matter when a server waits on disk.
    int jobs = 4;
    std::uint64_t chunk_rows = 100000;
    std::size_t batch_bytes = 1 << 20;
    bool resume = false;         // continue a killed run; without it the target must be empty
    // Each worker takes its own snapshot instead of one for all under FLUSH TABLES WITH READ
    // LOCK: only on the admin's word (no RELOAD privilege), noted in the plan and the record.
    bool per_table_snapshots = false;
    bool create_tables = false;  // create missing target tables from the MySQL catalog first
    bool exact_counts = false;   // plan with COUNT(*) instead of the server's estimates (dry run)
    bool dry_run = false;        // plan only: nothing is created or written
    // How Postgres compresses the large values (TOAST) this copy writes: "lz4" (PostgreSQL
    // 14+ built with lz4; otherwise the server's default, with a note), "pglz", or "server"
    // (leave default_toast_compression alone). Only the copy sessions are affected: the
    // columns keep the server's default for later writes. Measured at 2,000,000 posts:
    // pglz spent 16% of all CPU of the run; with lz4 the copy took 8.3 s instead of 10.2 s
    // and the Posts table grew 3% (bench/README.md).
    std::string toast_compression = "lz4";
    convert::InvalidUtf8Policy invalid_utf8 = convert::InvalidUtf8Policy::Fail;
    convert::TypeConfig types;  // the profile's casts are added by plan_copy
};

struct TablePlan {
    TablePair pair;
    std::vector<Chunk> chunks;
    std::vector<bool> chunk_done;     // from the saved state when resuming
    std::uint64_t rows_expected = 0;  // estimate, or COUNT(*) with exact_counts
    std::vector<std::string> parents; // MySQL tables it references (FK order without replica role)
    bool create = false;              // missing in the target: created from the catalog first
    bool replace = false;             // the app's migrations filled it: emptied once, then copied
};

struct CopyPlan {
    model::Catalog catalog;        // TablePair::source points into it: keep the plan in place
    convert::TypeConfig types;      // the options' types with the profile's casts
    std::vector<TablePlan> tables;  // largest first
    bool replica_role = false;      // the target lets us switch FK triggers off while loading
    bool lock_source = true;        // FLUSH TABLES WITH READ LOCK for one snapshot for all jobs
    std::string toast_compression;  // what the copy sessions SET; empty: the server's default
    std::vector<std::string> notes; // things the user must know before saying yes
    CopyBinding binding;            // the source and target this copy reads and writes
    // With --resume and no chunk state: the record of the copy from this source that
    // already finished here. There is nothing to do, and nothing else in the plan.
    std::optional<target::postgres::FinishedJob> finished;
    std::uint64_t rows_expected() const;
    std::size_t chunks_pending() const;
    std::size_t chunks_total() const;
};

struct ColumnCounts {
    std::string column;
    convert::ColumnStats stats;
};

struct TableResult {
    std::string table;   // MySQL name
    std::string target;  // schema.table in Postgres
    std::uint64_t rows_read = 0;
    std::uint64_t rows_written = 0;
    std::uint64_t bytes = 0;  // MySQL value bytes read
    std::vector<ColumnCounts> columns;  // only columns with something to report
    double seconds = 0;
    int chunks = 0;
    int chunks_skipped = 0;  // already done by an earlier run
    bool whole_table = false;  // no usable key: one chunk
    std::string error;         // empty when the table copied
};

struct CopyResult {
    std::vector<TableResult> tables;
    // Chunks whose connection was lost and that were copied again on new sessions (each
    // rolled back first, so nothing doubled): "Posts chunk 3 (attempt 2): <error>".
    std::vector<std::string> retries;
    SetAside set_aside;  // by this run (nothing when resuming: the first run did it)
    // Definitions set aside by this or an earlier copy that m2pg index has not put back.
    std::size_t definitions_pending = 0;
    double seconds = 0;
    bool finished() const;  // every table copied
    std::uint64_t rows_written() const;
};

// A snapshot of the run for progress lines and metrics.
struct TableProgress {
    std::string table;
    std::uint64_t rows = 0;
    std::uint64_t rows_expected = 0;
    std::uint64_t bytes = 0;
    int chunks_done = 0;
    int chunks_total = 0;
    double seconds = 0;  // since the table's first chunk started
    bool started = false;
    bool finished = false;
    bool failed = false;
};
using ProgressCallback = std::function<void(const std::vector<TableProgress>&, bool final)>;

// What a caller learns while the copy runs (lib/pipeline starts a table's index builds
// from it while the other tables still copy). Both are optional.
struct CopyEvents {
    // The target tables exist and what copy sets aside is saved (and dropped): called once,
    // on the caller's thread, before the first chunk.
    std::function<void()> started;
    // Every chunk of plan.tables[table_index] is committed (on resume, a table finished by an
    // earlier run: right after `started`). Called from a worker thread: must not block long.
    std::function<void(std::size_t table_index)> table_copied;
};

// Reads both catalogs, pairs tables and columns, checks the preconditions (target
// tables exist or --create-tables, are empty unless resuming, no other copy runs) and
// splits tables into chunks. Writes nothing. Throws UsageError, StateError (non-empty
// target, missing tables, a saved run without --resume), ConvertError (a column pair
// without exact conversion), and connection/statement errors.
CopyPlan plan_copy(const CopyOptions& options);

// Runs the plan. Errors that concern one table's data (ConvertError: a value that can't
// be kept) fail that table and the others go on; anything else stops the run after the
// chunks in flight. Committed chunks stay committed either way: re-run with resume.
// `progress` is called about once a second from another thread.
CopyResult run_copy(const CopyOptions& options, CopyPlan& plan, const ProgressCallback& progress = {},
                    const CopyEvents& events = {});

}  // namespace m2pg::copy
