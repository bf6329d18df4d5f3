#include "pipeline/index_queue.hpp"

#include <algorithm>
#include <chrono>

#include "index/decide.hpp"
#include "index/fulltext.hpp"
#include "index/session.hpp"
#include "util/interrupt.hpp"
#include "util/worker_pool.hpp"

namespace m2pg::pipeline {

namespace {

using Clock = std::chrono::steady_clock;

std::string task_key(const std::string& table, const std::string& name) { return table + "." + name; }

}  // namespace

IndexQueue::IndexQueue(index::IndexOptions options, int workers, index::EventCallback on_event)
    : options_(std::move(options)), workers_(std::max(1, workers)), on_event_(std::move(on_event)) {
    // One build per item: the queue decides what runs at once. Plain builds only: the
    // tables are not written while their indexes build (their copy is over).
    options_.jobs = 1;
    options_.concurrently = false;
    options_.dry_run = false;
    options_.progress_interval_ms = 0;
    if (on_event_) {
        // Items run side by side, each its own run_index: one event at a time for the caller.
        auto mutex = std::make_shared<std::mutex>();
        on_event_ = [mutex, inner = std::move(on_event_)](const index::IndexEvent& e) {
            std::lock_guard lock(*mutex);
            inner(e);
        };
    }
}

IndexQueue::~IndexQueue() { stop(); }

void IndexQueue::built_before_copy(GinFirst first) {
    for (std::size_t i : first.tasks) built_before_.insert(i);
    std::lock_guard lock(results_mutex_);
    tasks_.insert(tasks_.end(), first.results.begin(), first.results.end());
}

void IndexQueue::start(std::function<index::IndexPlan()> make_plan) {
    make_plan_ = std::move(make_plan);
    thread_ = std::thread([this] { serve(); });
}

void IndexQueue::table_copied(const std::string& table, std::int64_t bytes) {
    std::lock_guard lock(mutex_);
    if (plan_) expand_locked(table, bytes);
    else waiting_.emplace_back(table, bytes);
    changed_.notify_all();
}

void IndexQueue::expand_locked(const std::string& table, std::int64_t bytes) {
    int builds = 0;
    for (std::size_t i = 0; i < plan_->tasks.size(); ++i) {
        const index::BuildTask& t = plan_->tasks[i];
        if (t.table != table || !index::is_build(t.kind) || built_before_.count(i)) continue;
        items_.push_back(Item{false, table, i, index::is_gin(t) ? bytes * index::kFulltextWeight : bytes, queued_++});
        ++builds;
    }
    builds_left_[table] = builds;
    table_bytes_[table] = bytes;
    if (builds == 0) items_.push_back(Item{true, table, 0, bytes, queued_++});
}

void IndexQueue::serve() {
    try {
        index::IndexPlan plan = make_plan_();
        {
            std::lock_guard lock(mutex_);
            plan_ = std::move(plan);
            for (const auto& [table, bytes] : waiting_) expand_locked(table, bytes);
            waiting_.clear();
        }
        util::WorkerHooks hooks;
        hooks.on_failure = [this] {
            std::lock_guard lock(mutex_);
            stopping_ = true;
            changed_.notify_all();
        };
        util::run_workers(static_cast<std::size_t>(workers_), [this](std::size_t) {
            while (auto item = next()) {
                try {
                    util::throw_if_interrupted();
                    run(*item);
                } catch (...) {
                    done(*item);
                    throw;
                }
                done(*item);
            }
        }, hooks);
    } catch (...) {
        std::lock_guard lock(mutex_);
        if (!error_) error_ = std::current_exception();
        stopping_ = true;
    }
}

std::optional<IndexQueue::Item> IndexQueue::next() {
    std::unique_lock lock(mutex_);
    for (;;) {
        if (stopping_) return std::nullopt;
        if (!items_.empty()) {
            auto best = std::min_element(items_.begin(), items_.end(), [](const Item& a, const Item& b) {
                return a.weight != b.weight ? a.weight > b.weight : a.order < b.order;
            });
            Item item = *best;
            items_.erase(best);
            ++in_flight_;
            return item;
        }
        if (closed_ && in_flight_ == 0) return std::nullopt;
        changed_.wait(lock);
    }
}

void IndexQueue::done(const Item& item) {
    std::lock_guard lock(mutex_);
    --in_flight_;
    if (!item.keys && --builds_left_[item.table] == 0)
        items_.push_back(Item{true, item.table, 0, table_bytes_[item.table], queued_++});
    changed_.notify_all();
}

void IndexQueue::run(const Item& item) {
    if (item.keys) run_keys(item);
    else run_build(item);
}

void IndexQueue::run_build(const Item& item) {
    index::IndexPlan part;
    part.target_schema = plan_->target_schema;
    part.tasks.push_back(plan_->tasks[item.task]);
    index::IndexOptions options = options_;
    options.phases = index::Phases::Builds;
    index::IndexResult result = index::run_index(options, part, on_event_);
    // A key's index built now waits for its table's keys item to be attached: it was built here.
    for (index::TaskResult& t : result.tasks)
        if (t.outcome == index::Outcome::Planned) t.outcome = index::Outcome::Built;
    keep(result);
}

// The table's primary key and unique constraints attached (their indexes are built), then
// its statistics: ANALYZE after the builds, so expression indexes get theirs too.
void IndexQueue::run_keys(const Item& item) {
    index::IndexPlan part;
    part.target_schema = plan_->target_schema;
    {
        std::lock_guard lock(results_mutex_);
        for (const index::BuildTask& t : plan_->tasks)
            if (t.table == item.table && (t.kind == index::TaskKind::PrimaryKey ||
                                          t.kind == index::TaskKind::UniqueConstraint) &&
                !failed_.count(task_key(t.table, t.name)))
                part.tasks.push_back(t);
    }
    if (!part.tasks.empty()) {
        index::IndexOptions options = options_;
        options.phases = index::Phases::Table;
        keep(index::run_index(options, part, on_event_));
    }
    util::throw_if_interrupted();
    index::Session session = index::open_session(options_.postgres, options_.maintenance_work_mem);
    const auto start = Clock::now();
    if (std::any_of(plan_->tasks.begin(), plan_->tasks.end(),
                    [&](const index::BuildTask& t) { return t.table == item.table && index::is_gin(t); }))
        clean_gin_pending_lists(session.pg, plan_->target_schema, item.table);
    session.pg.execute("ANALYZE " + index::qualified(plan_->target_schema, item.table));
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    {
        std::lock_guard lock(results_mutex_);
        analyzed_.insert(item.table);
        analyze_seconds_ += seconds;
    }
    if (on_event_) on_event_(index::IndexEvent{index::EventKind::Done, "analyze", item.table, "", seconds, ""});
}

void IndexQueue::keep(const index::IndexResult& result) {
    std::lock_guard lock(results_mutex_);
    for (const index::TaskResult& t : result.tasks) {
        if (t.outcome == index::Outcome::Failed) failed_.insert(task_key(t.table, t.name));
        tasks_.push_back(t);
    }
    warnings_.insert(warnings_.end(), result.warnings.begin(), result.warnings.end());
}

void IndexQueue::finish() {
    {
        std::lock_guard lock(mutex_);
        closed_ = true;
        changed_.notify_all();
    }
    if (thread_.joinable()) thread_.join();
    if (error_) std::rethrow_exception(error_);
}

void IndexQueue::stop() noexcept {
    {
        std::lock_guard lock(mutex_);
        closed_ = true;
        stopping_ = true;
        changed_.notify_all();
    }
    if (thread_.joinable()) thread_.join();
}

}  // namespace m2pg::pipeline
