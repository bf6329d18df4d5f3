#include "copy/scheduler.hpp"

#include <algorithm>

namespace m2pg::copy {

Scheduler::Scheduler(std::vector<TableEntry> tables) : tables_(std::move(tables)), in_flight_(tables_.size(), 0) {
    for (const auto& t : tables_)
        if (t.pending_chunks.empty()) done_tables_.insert(t.name);
}

bool Scheduler::ready(std::size_t i) const {
    const auto& t = tables_[i];
    if (t.pending_chunks.empty() || failed_tables_.count(t.name)) return false;
    return std::all_of(t.parents.begin(), t.parents.end(),
                       [&](const std::string& p) { return done_tables_.count(p) > 0; });
}

bool Scheduler::finished_locked() const {
    if (stopping_) return true;
    for (std::size_t i = 0; i < tables_.size(); ++i) {
        if (in_flight_[i] > 0) return false;
        if (ready(i)) return false;
    }
    return true;  // nothing running and nothing startable: done, or blocked for good
}

std::optional<ChunkTask> Scheduler::next() {
    std::unique_lock lock(mutex_);
    for (;;) {
        if (stopping_) return std::nullopt;
        for (std::size_t i = 0; i < tables_.size(); ++i) {
            if (!ready(i)) continue;
            auto& pending = tables_[i].pending_chunks;
            ChunkTask task{i, pending.front()};
            pending.erase(pending.begin());
            ++in_flight_[i];
            return task;
        }
        if (finished_locked()) return std::nullopt;
        changed_.wait(lock);
    }
}

bool Scheduler::chunk_done(const ChunkTask& task) {
    std::lock_guard lock(mutex_);
    auto i = task.table_index;
    --in_flight_[i];
    bool copied = false;
    if (in_flight_[i] == 0 && tables_[i].pending_chunks.empty() && !failed_tables_.count(tables_[i].name))
        copied = done_tables_.insert(tables_[i].name).second;
    changed_.notify_all();
    return copied;
}

void Scheduler::table_failed(std::size_t table_index) {
    std::lock_guard lock(mutex_);
    failed_tables_.insert(tables_[table_index].name);
    tables_[table_index].pending_chunks.clear();
    changed_.notify_all();
}

void Scheduler::stop() {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    changed_.notify_all();
}

std::vector<std::size_t> Scheduler::blocked_tables() const {
    std::lock_guard lock(mutex_);
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < tables_.size(); ++i)
        if (!tables_[i].pending_chunks.empty() && !failed_tables_.count(tables_[i].name)) out.push_back(i);
    return out;
}

}  // namespace m2pg::copy
