#pragma once
// One way to run work on several threads, for copy, verify and index: the first error wins.
// When a worker throws, the others are told to stop (they finish what they hold), every
// thread is joined, and that first error is rethrown on the caller's thread; later errors
// are dropped, as they are usually consequences of the first (a stop, a closed session).
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace m2pg::util {

struct WorkerHooks {
    // Called once, on the failing thread, when the first error is kept: make the others stop
    // soon (stop a queue, say). Must not throw.
    std::function<void()> on_failure;
    // Runs on the caller's thread while the workers run (wait for their snapshots, show
    // progress). An exception from it stops the workers like a worker's error does.
    std::function<void()> meanwhile;
};

// Runs body(worker_index) on `workers` threads (at least one) and waits for all of them.
void run_workers(std::size_t workers, const std::function<void(std::size_t worker)>& body,
                 const WorkerHooks& hooks = {});

// What one worker does with a job, using the state it made for itself (its sessions).
using JobRunner = std::function<void(std::size_t job)>;

// Jobs 0..count-1, handed out in order to min(workers, count) threads. Each thread first
// calls open_worker() for its own runner (a session opened once per thread, not per job).
// Two jobs with the same non-empty exclusive_keys entry never run at once (a later job
// may start first); an empty list means no job excludes another. After the first error no
// job starts; the running ones finish.
void run_jobs(std::size_t count, std::size_t workers, const std::function<JobRunner()>& open_worker,
              const std::vector<std::string>& exclusive_keys = {});

}  // namespace m2pg::util
