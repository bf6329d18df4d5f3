#include "index/parallel.hpp"

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

namespace m2pg::index {

void run_parallel(const std::vector<Job>& jobs, int workers, bool exclusive_tables,
                  const std::function<Session()>& open) {
    if (jobs.empty()) return;
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<bool> taken(jobs.size(), false);
    std::size_t untaken = jobs.size();
    std::multiset<std::string> busy;
    std::exception_ptr failure;

    auto next_job = [&]() -> std::optional<std::size_t> {
        for (std::size_t i = 0; i < jobs.size(); ++i)
            if (!taken[i] && (!exclusive_tables || !busy.count(jobs[i].table))) return i;
        return std::nullopt;
    };

    auto worker = [&] {
        try {
            Session session = open();
            while (true) {
                std::size_t i = 0;
                {
                    std::unique_lock lock(mutex);
                    std::optional<std::size_t> found;
                    changed.wait(lock, [&] { return failure || untaken == 0 || (found = next_job()); });
                    if (failure || !found) return;
                    i = *found;
                    taken[i] = true;
                    --untaken;
                    busy.insert(jobs[i].table);
                }
                try {
                    jobs[i].run(session);
                } catch (...) {
                    std::lock_guard lock(mutex);
                    busy.erase(busy.find(jobs[i].table));
                    changed.notify_all();
                    throw;
                }
                std::lock_guard lock(mutex);
                busy.erase(busy.find(jobs[i].table));
                changed.notify_all();
            }
        } catch (...) {
            // Kept to rethrow on the calling thread once every worker has stopped.
            std::lock_guard lock(mutex);
            if (!failure) failure = std::current_exception();
            changed.notify_all();
        }
    };

    const std::size_t n = std::min<std::size_t>(static_cast<std::size_t>(std::max(1, workers)), jobs.size());
    std::vector<std::thread> threads;
    for (std::size_t w = 0; w < n; ++w) threads.emplace_back(worker);
    for (std::thread& t : threads) t.join();
    if (failure) std::rethrow_exception(failure);
}

}  // namespace m2pg::index
