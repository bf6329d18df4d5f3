#pragma once
// The run's authoritative memory lives in the target, beside the data it describes: which
// steps finished (m2pg_state.run_steps), for which source. The work directory's run-state.json
// is only a cache of it, so a target database dropped and created again between two runs
// has no finished step, and the run starts over instead of skipping to a false "done".
#include <string>
#include <vector>

#include "run/state.hpp"
#include "target/postgres/connection.hpp"

namespace m2pg::run {

// Which databases a run reads and writes, by identity (not by DSN).
struct Databases {
    std::string source;  // source::mysql::server_identity
    std::string target;  // target::postgres::database_identity
};

// Connects to both servers and reads their identities. Throws ConnectionError and the like.
Databases read_databases(const RunOptions& options);

struct TargetRun {
    std::string source_identity;   // the source the recorded steps read; empty: nothing recorded
    std::vector<StepRecord> done;  // pipeline order
};

// Each run's steps are kept apart by its scope: "" for the core (or a run without a
// profile), the plugin's name for `m2pg run --plugin NAME`, whose run follows the core's
// into the same target.

// What the target records for `scope`; empty when nothing (or no table yet). The source is
// that of any scope: one target holds one migration, plugins included.
TargetRun load_target_run(target::postgres::PgConnection& pg, const std::string& scope);

// Records `record` as done in `scope` for a run from `source_identity` (replacing an earlier
// record of the step), creating m2pg's schema and table on first use.
void record_target_step(target::postgres::PgConnection& pg, const std::string& scope,
                        const std::string& source_identity, const StepRecord& record);

// Forgets `from` and every later step of `scope` (--from-step).
void forget_target_steps(target::postgres::PgConnection& pg, const std::string& scope, StepName from);

// Throws StateError when the target records steps of a run from another source: one target
// holds one migration. The message says how to start over.
void require_same_source(const TargetRun& recorded, const Databases& now, const std::string& target_display);

// Chooses the steps done: the target's record. Returns what to tell the admin when the
// work directory's cache said otherwise (empty when they agree): a target recreated since
// (its identity changed), or a record lost. A cache from before identities were recorded
// (no target identity) and a target with no record: the cache is kept, as earlier builds did.
std::string reconcile(RunState& cache, const TargetRun& recorded, const Databases& now);

}  // namespace m2pg::run
