#include "index/progress.hpp"

#include <chrono>

#include "util/error.hpp"

namespace m2pg::index {

std::string describe_progress(const BuildProgress& p) {
    std::string out = p.phase;
    if (p.blocks_total > 0)
        out += ", blocks " + std::to_string(p.blocks_done) + "/" + std::to_string(p.blocks_total) + " (" +
               std::to_string(p.blocks_done * 100 / p.blocks_total) + "%)";
    if (p.tuples_total > 0 || p.tuples_done > 0)
        out += ", tuples " + std::to_string(p.tuples_done) + "/" + std::to_string(p.tuples_total);
    return out;
}

ProgressMonitor::ProgressMonitor(const util::PgDsn& dsn, int interval_ms, Callback on_progress)
    : pg_(dsn), interval_ms_(interval_ms), on_progress_(std::move(on_progress)), thread_([this] { loop(); }) {}

ProgressMonitor::~ProgressMonitor() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void ProgressMonitor::track(int backend_pid, const std::string& table, const std::string& name) {
    std::lock_guard lock(mutex_);
    tracked_[backend_pid] = {table, name};
}

void ProgressMonitor::untrack(int backend_pid) {
    std::lock_guard lock(mutex_);
    tracked_.erase(backend_pid);
}

std::string ProgressMonitor::last_error() const {
    std::lock_guard lock(mutex_);
    return last_error_;
}

void ProgressMonitor::loop() {
    while (true) {
        std::map<int, std::pair<std::string, std::string>> tracked;
        {
            std::unique_lock lock(mutex_);
            wake_.wait_for(lock, std::chrono::milliseconds(interval_ms_), [&] { return stopping_; });
            if (stopping_) return;
            tracked = tracked_;
        }
        if (tracked.empty()) continue;
        std::string pids;
        for (const auto& [pid, _] : tracked) pids += (pids.empty() ? "" : ", ") + std::to_string(pid);
        try {
            for (const auto& row : pg_.query("SELECT pid, phase, blocks_done, blocks_total, tuples_done, tuples_total "
                                             "FROM pg_stat_progress_create_index WHERE pid IN (" + pids + ")")) {
                auto it = tracked.find(std::stoi(row[0].value_or("0")));
                if (it == tracked.end()) continue;
                BuildProgress p{it->second.first, it->second.second, row[1].value_or(""),
                                std::stoll(row[2].value_or("0")), std::stoll(row[3].value_or("0")),
                                std::stoll(row[4].value_or("0")), std::stoll(row[5].value_or("0"))};
                on_progress_(p);
            }
        } catch (const Error& e) {
            std::lock_guard lock(mutex_);
            last_error_ = e.describe();
            return;
        }
    }
}

}  // namespace m2pg::index
