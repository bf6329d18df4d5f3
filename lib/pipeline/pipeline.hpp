#pragma once
// m2pg copy --with-indexes: copy and index as one pipeline. As soon as a table's last
// chunk commits, its index builds (its keys, indexes and full-text indexes) join one queue
// served by `index_jobs` build sessions (largest full-text first, then by table size:
// pipeline/index_queue), then its keys are attached and it is analyzed, while the other
// tables still copy. Once every table is copied, one last pass of the whole index plan
// (index::run_index) builds what is missing (a build interrupted by a kill or Ctrl-C, one
// that failed), adds foreign keys and checks, refreshes the app's views, moves sequences,
// analyzes the tables not analyzed yet and records the index job finished. Every build is
// decided against the target first (index/decide), so nothing is built twice, on resume
// either; plain CREATE INDEX leaves no INVALID index when killed.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "copy/engine.hpp"
#include "index/plan.hpp"
#include "index/run.hpp"
#include "index/sources.hpp"

namespace m2pg::pipeline {

struct PipelineOptions {
    copy::CopyOptions copy;
    // What to index from, as for m2pg index (profile, --from-mysql, --create-indexes); the
    // MySQL catalog is the copy's when the copy read one.
    index::SourceOptions sources;
    // The target and maintenance_work_mem of each build session; jobs: the last pass's sessions.
    index::IndexOptions index;
    // Builds at once while and after the copy runs (each one Postgres session; a GIN build
    // keeps a core busy). 0: the number of cores.
    int index_jobs = 0;
};

struct PipelineResult {
    std::optional<copy::CopyResult> copy;  // none when an earlier copy had finished
    index::IndexResult index;              // per-table parts and the last pass: one line per task
    bool indexed = false;                  // the last pass ran (every table copied)
    double copy_seconds = 0;               // until the last chunk committed
    double index_seconds = 0;              // after that, until the last pass ended
    double build_seconds = 0;              // summed over the build sessions
    double analyze_seconds = 0;            // summed over the sessions
    double seconds = 0;
};

// The default of PipelineOptions::index_jobs.
int default_index_jobs();

// plan: from copy::plan_copy (with plan.finished: only the index pass runs). Throws what
// run_copy and run_index throw; what committed stays (re-run with --resume --with-indexes).
PipelineResult run_pipeline(const PipelineOptions& options, copy::CopyPlan& plan,
                            const copy::ProgressCallback& progress = {}, const index::EventCallback& on_event = {});

}  // namespace m2pg::pipeline
