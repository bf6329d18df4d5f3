#pragma once
// m2pg index: runs an IndexPlan against the target, in phases that never queue an
// ACCESS EXCLUSIVE lock behind a build (DESIGN.md "Index builds"):
//   1. index builds (full-text, indexes, primary keys and unique constraints as unique
//      indexes), largest work first over `jobs` sessions;
//   2. primary keys and unique constraints attached (ADD ... USING INDEX), one per table
//      at a time;
//   3. foreign keys and CHECK constraints added NOT VALID (one session: metadata only),
//      then VALIDATEd in parallel, one per table at a time; exclusion constraints added;
//   4. materialized views copy set aside refreshed, those read by others first;
//   5. with create_indexes or after such a copy, sequences moved past max(id) and
//      ANALYZE of every table (but those in IndexOptions::analyzed).
// What already exists is skipped (lib/index/decide), so a re-run after a kill finishes
// only what is missing; an INVALID index is dropped and rebuilt. Each definition copy set
// aside is marked done in the target as soon as it is back (or found in place); once
// none is left the saved state is dropped.
#include <cstddef>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "index/plan.hpp"
#include "index/sequences.hpp"
#include "util/dsn.hpp"

namespace m2pg::index {

// How much of the plan one run_index call does. lib/pipeline runs a table's part as soon
// as the table is copied (Builds for each of its builds, then Table for its keys) and the
// whole plan once every table is copied (All), which finds those built and skips them.
enum class Phases {
    All,     // phases 1 to 5, then the finished record (m2pg index)
    Builds,  // phase 1 only
    Table,   // phases 1 and 2: indexes, then primary keys and unique constraints attached
};

struct IndexOptions {
    util::PgDsn postgres;
    int jobs = 2;                      // sessions building at once
    bool concurrently = false;         // CREATE INDEX CONCURRENTLY: the tables stay writable
    std::string maintenance_work_mem;  // per session, e.g. "1GB"; empty: the server's
    bool create_indexes = false;       // also sequences and ANALYZE (the plan holds the rest; a
                                       // plan that finishes a copy has them anyway)
    bool dry_run = false;              // read the target, say what would run, change nothing
    int progress_interval_ms = 0;      // > 0: report running builds' progress that often
    Phases phases = Phases::All;       // Builds and Table: no constraints, views, sequences,
                                       // ANALYZE, saved-state cleanup nor finished record
    std::set<std::string> analyzed;    // tables analyzed since their copy: phase 5 skips them
};

enum class Outcome {
    Built,     // created now (and attached / validated)
    Rebuilt,   // an INVALID leftover was dropped and built again
    Finished,  // existed half-done: attached as primary key or validated now
    Skipped,   // there already, or nothing to build on
    Failed,
    Planned,   // dry run: would run
};
std::string_view outcome_name(Outcome outcome);

struct TaskResult {
    TaskKind kind = TaskKind::Index;
    std::string table;
    std::string name;
    Outcome outcome = Outcome::Skipped;
    std::string detail;  // why skipped, what failed and the rows behind it, what would run
    double seconds = 0;
};

struct IndexResult {
    std::vector<TaskResult> tasks;  // plan order
    std::vector<SequenceResult> sequences;
    std::vector<std::string> analyzed;  // tables
    std::vector<std::string> warnings;  // rows indexed by a prefix only, sequences that cannot pass max
    double seconds = 0;
    std::size_t count(Outcome outcome) const;
    bool succeeded() const { return count(Outcome::Failed) == 0; }
};

enum class EventKind { Skip, Plan, Start, Progress, Done, Fail, Warn };

struct IndexEvent {
    EventKind kind = EventKind::Start;
    // "full-text", "index", "attach primary key", "attach unique constraint", "validate
    // foreign key", "validate check", "add exclusion constraint", "refresh materialized
    // view", "sequence", "analyze"
    std::string step;
    std::string table;
    std::string name;  // index, constraint or sequence; empty for analyze
    double seconds = 0;
    std::string text;  // reason, progress, error
};
// Called from worker threads, one call at a time.
using EventCallback = std::function<void(const IndexEvent&)>;

// Data failures (duplicates, orphans, rows breaking a check) fail their task and the run goes on; they are in
// the result. Throws UsageError for bad options, ConnectionError when a session is lost,
// TargetError for a failing catalog query.
IndexResult run_index(const IndexOptions& options, const IndexPlan& plan, const EventCallback& on_event = {});

}  // namespace m2pg::index
