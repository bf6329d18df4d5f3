#pragma once
// Progress of running index builds, read from pg_stat_progress_create_index (PG 12+) on
// a separate monitor connection, since a session busy in CREATE INDEX cannot answer.
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "target/postgres/connection.hpp"

namespace m2pg::index {

struct BuildProgress {
    std::string table;
    std::string name;
    std::string phase;  // "building index: scanning table", ...
    std::int64_t blocks_done = 0;
    std::int64_t blocks_total = 0;
    std::int64_t tuples_done = 0;
    std::int64_t tuples_total = 0;
};

// "building index: scanning table, blocks 120/4000 (3%), tuples 0/0"
std::string describe_progress(const BuildProgress& p);

class ProgressMonitor {
public:
    using Callback = std::function<void(const BuildProgress&)>;

    // Connects now (so a bad DSN fails before any build) and polls every interval_ms
    // while at least one build is tracked. Progress is best effort: a failing poll stops
    // the polling and is kept in last_error(), the builds go on.
    ProgressMonitor(const util::PgDsn& dsn, int interval_ms, Callback on_progress);
    ~ProgressMonitor();
    ProgressMonitor(const ProgressMonitor&) = delete;
    ProgressMonitor& operator=(const ProgressMonitor&) = delete;

    void track(int backend_pid, const std::string& table, const std::string& name);
    void untrack(int backend_pid);
    std::string last_error() const;

private:
    void loop();

    target::postgres::PgConnection pg_;
    int interval_ms_;
    Callback on_progress_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::map<int, std::pair<std::string, std::string>> tracked_;  // pid → (table, index)
    bool stopping_ = false;
    std::string last_error_;
    std::thread thread_;
};

}  // namespace m2pg::index
