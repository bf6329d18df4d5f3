#pragma once
// The index side of the copy-and-index pipeline: as each table's copy commits its last
// chunk, its index builds join one queue (largest work first: a full-text or other GIN
// build weighs kFulltextWeight times the table's bytes, a btree its bytes), served by a
// fixed number of build sessions. Once a table's builds are done, its primary key and
// unique constraints are attached and it is analyzed (one more queue item). Each item is an
// index::run_index call on that part of the plan, so a build is decided against the target
// first (index/decide): what exists is skipped, never built twice.
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "index/plan.hpp"
#include "index/run.hpp"
#include "pipeline/gin_first.hpp"

namespace m2pg::pipeline {

class IndexQueue {
public:
    // options: the target, maintenance_work_mem; `workers` builds run at once.
    IndexQueue(index::IndexOptions options, int workers, index::EventCallback on_event);
    ~IndexQueue();
    IndexQueue(const IndexQueue&) = delete;
    IndexQueue& operator=(const IndexQueue&) = delete;

    // Before start(): the builds made before the copy (pipeline/gin_first) are not queued
    // again; their results count as this queue's. (A table's GIN pending lists are merged
    // before it is analyzed, whoever built them.)
    void built_before_copy(GinFirst first);
    // Starts the build sessions once make_plan() (run on the queue's thread) has the plan.
    void start(std::function<index::IndexPlan()> make_plan);
    // Every chunk of `table` (Postgres name) committed; `bytes` weighs its builds. Any thread.
    void table_copied(const std::string& table, std::int64_t bytes);
    // No more tables: waits until the queue is empty, then rethrows the first error of a build
    // session or of make_plan.
    void finish();
    // After the copy failed: nothing more starts; waits for the builds in flight. Never throws.
    void stop() noexcept;

    // After finish() or stop():
    const std::optional<index::IndexPlan>& plan() const { return plan_; }
    const std::vector<index::TaskResult>& tasks() const { return tasks_; }      // in the order done
    const std::set<std::string>& analyzed() const { return analyzed_; }
    const std::vector<std::string>& warnings() const { return warnings_; }
    double analyze_seconds() const { return analyze_seconds_; }  // summed over sessions

private:
    struct Item {
        bool keys = false;      // the table's keys attached and ANALYZE; else one build
        std::string table;
        std::size_t task = 0;   // into the plan's tasks (builds)
        std::int64_t weight = 0;
        std::uint64_t order = 0;  // ties: first queued first
    };

    void serve();               // the queue's thread
    void expand_locked(const std::string& table, std::int64_t bytes);
    std::optional<Item> next();
    void run(const Item& item);
    void run_build(const Item& item);
    void run_keys(const Item& item);
    void done(const Item& item);
    void keep(const index::IndexResult& result);

    index::IndexOptions options_;
    int workers_;
    index::EventCallback on_event_;
    std::function<index::IndexPlan()> make_plan_;
    std::thread thread_;

    std::mutex mutex_;
    std::condition_variable changed_;
    std::optional<index::IndexPlan> plan_;
    std::vector<std::pair<std::string, std::int64_t>> waiting_;  // copied before the plan was made
    std::vector<Item> items_;
    std::map<std::string, int> builds_left_;                     // per table
    std::map<std::string, std::int64_t> table_bytes_;
    std::set<std::size_t> built_before_;     // plan tasks built before the copy
    std::uint64_t queued_ = 0;
    int in_flight_ = 0;
    bool closed_ = false;
    bool stopping_ = false;
    bool served_ = false;
    std::exception_ptr error_;

    std::mutex results_mutex_;
    std::set<std::string> failed_;  // tasks (table.name) that failed: their keys are not attached
    std::vector<index::TaskResult> tasks_;
    std::set<std::string> analyzed_;
    std::vector<std::string> warnings_;
    double analyze_seconds_ = 0;
};

}  // namespace m2pg::pipeline
