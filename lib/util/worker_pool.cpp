#include "util/worker_pool.hpp"

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

namespace m2pg::util {

namespace {

// The first exception of a run and the rule that it alone is kept.
class FirstError {
public:
    explicit FirstError(const std::function<void()>& on_failure) : on_failure_(on_failure) {}

    void keep(std::exception_ptr error) {
        {
            std::lock_guard lock(mutex_);
            if (first_) return;
            first_ = std::move(error);
        }
        if (on_failure_) on_failure_();
    }

    void rethrow() const {
        if (first_) std::rethrow_exception(first_);
    }

private:
    const std::function<void()>& on_failure_;
    std::mutex mutex_;
    std::exception_ptr first_;
};

}  // namespace

void run_workers(std::size_t workers, const std::function<void(std::size_t)>& body, const WorkerHooks& hooks) {
    FirstError first(hooks.on_failure);
    std::vector<std::thread> threads;
    threads.reserve(std::max<std::size_t>(1, workers));
    for (std::size_t w = 0; w < std::max<std::size_t>(1, workers); ++w) {
        threads.emplace_back([&, w] {
            try {
                body(w);
            } catch (...) {
                first.keep(std::current_exception());
            }
        });
    }
    if (hooks.meanwhile) {
        try {
            hooks.meanwhile();
        } catch (...) {
            first.keep(std::current_exception());
        }
    }
    for (std::thread& t : threads) t.join();
    first.rethrow();
}

void run_jobs(std::size_t count, std::size_t workers, const std::function<JobRunner()>& open_worker,
              const std::vector<std::string>& exclusive_keys) {
    if (count == 0) return;
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<bool> taken(count, false);
    std::size_t untaken = count;
    std::multiset<std::string> running_keys;
    bool stopping = false;

    auto key_of = [&](std::size_t job) -> const std::string* {
        if (exclusive_keys.empty() || exclusive_keys[job].empty()) return nullptr;
        return &exclusive_keys[job];
    };
    auto next_job = [&]() -> std::optional<std::size_t> {
        for (std::size_t i = 0; i < count; ++i) {
            const std::string* key = key_of(i);
            if (!taken[i] && (!key || !running_keys.count(*key))) return i;
        }
        return std::nullopt;
    };
    auto release = [&](std::size_t job) {
        std::lock_guard lock(mutex);
        if (const std::string* key = key_of(job)) running_keys.erase(running_keys.find(*key));
        changed.notify_all();
    };

    WorkerHooks hooks;
    hooks.on_failure = [&] {
        std::lock_guard lock(mutex);
        stopping = true;
        changed.notify_all();
    };
    run_workers(std::min(count, std::max<std::size_t>(1, workers)), [&](std::size_t) {
        const JobRunner run = open_worker();
        while (true) {
            std::size_t job = 0;
            {
                std::unique_lock lock(mutex);
                std::optional<std::size_t> found;
                changed.wait(lock, [&] { return stopping || untaken == 0 || (found = next_job()); });
                if (stopping || !found) return;
                job = *found;
                taken[job] = true;
                --untaken;
                if (const std::string* key = key_of(job)) running_keys.insert(*key);
            }
            try {
                run(job);
            } catch (...) {
                release(job);
                throw;
            }
            release(job);
        }
    }, hooks);
}

}  // namespace m2pg::util
