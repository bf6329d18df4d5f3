#include "index/parallel.hpp"

#include <algorithm>
#include <memory>

#include "util/interrupt.hpp"
#include "util/worker_pool.hpp"

namespace m2pg::index {

void run_parallel(const std::vector<Job>& jobs, int workers, bool exclusive_tables,
                  const std::function<Session()>& open) {
    std::vector<std::string> keys;
    if (exclusive_tables)
        for (const Job& job : jobs) keys.push_back(job.table);
    util::run_jobs(jobs.size(), static_cast<std::size_t>(std::max(1, workers)), [&]() -> util::JobRunner {
        auto session = std::make_shared<Session>(open());
        return [&jobs, session](std::size_t i) {
            // After Ctrl-C no build starts (the ones in flight were cancelled), and a build
            // cancelled by it ends the run instead of counting as a failed index.
            util::throw_if_interrupted();
            jobs[i].run(*session);
            util::throw_if_interrupted();
        };
    }, keys);
}

}  // namespace m2pg::index
