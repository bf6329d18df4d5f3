#include "index/parallel.hpp"

#include <algorithm>
#include <memory>

#include "util/worker_pool.hpp"

namespace m2pg::index {

void run_parallel(const std::vector<Job>& jobs, int workers, bool exclusive_tables,
                  const std::function<Session()>& open) {
    std::vector<std::string> keys;
    if (exclusive_tables)
        for (const Job& job : jobs) keys.push_back(job.table);
    util::run_jobs(jobs.size(), static_cast<std::size_t>(std::max(1, workers)), [&]() -> util::JobRunner {
        auto session = std::make_shared<Session>(open());
        return [&jobs, session](std::size_t i) { jobs[i].run(*session); };
    }, keys);
}

}  // namespace m2pg::index
