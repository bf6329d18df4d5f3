#pragma once
// Hands chunks to workers: largest tables first, chunks in key order, a table only after
// the tables it references when foreign keys stay enforced, nothing more of a table that
// failed, and nothing at all once the run is stopping.
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace m2pg::copy {

struct ChunkTask {
    std::size_t table_index = 0;  // into CopyPlan::tables
    std::size_t chunk_index = 0;  // into TablePlan::chunks
};

class Scheduler {
public:
    struct TableEntry {
        std::string name;
        std::vector<std::string> parents;  // must finish before this table starts
        std::vector<std::size_t> pending_chunks;
    };
    explicit Scheduler(std::vector<TableEntry> tables);

    // Blocks until a chunk is ready; nullopt when nothing is left (or the run stops).
    std::optional<ChunkTask> next();
    // True when this was the table's last chunk and the table did not fail: it is copied.
    bool chunk_done(const ChunkTask& task);
    // The table's remaining chunks are dropped; its dependants can never start, so they fail too.
    void table_failed(std::size_t table_index);
    void stop();
    // Tables that could not start because a table they reference failed.
    std::vector<std::size_t> blocked_tables() const;

private:
    bool ready(std::size_t table_index) const;
    bool finished_locked() const;

    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<TableEntry> tables_;
    std::vector<std::size_t> in_flight_;  // per table
    std::set<std::string> done_tables_;
    std::set<std::string> failed_tables_;
    bool stopping_ = false;
};

}  // namespace m2pg::copy
