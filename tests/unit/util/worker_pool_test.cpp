#include "util/worker_pool.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using m2pg::util::JobRunner;
using m2pg::util::run_jobs;
using m2pg::util::run_workers;
using m2pg::util::WorkerHooks;

namespace {

void pause_ms(int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }

}  // namespace

TEST_CASE("run_jobs runs every job exactly once, each thread opening its state once") {
    std::mutex mutex;
    std::vector<int> runs(50, 0);
    std::atomic<int> opened{0};
    run_jobs(runs.size(), 4, [&]() -> JobRunner {
        ++opened;
        return [&](std::size_t job) {
            std::lock_guard lock(mutex);
            ++runs[job];
        };
    });
    CHECK(opened == 4);
    for (std::size_t i = 0; i < runs.size(); ++i) CHECK_MESSAGE(runs[i] == 1, "job " << i);
}

TEST_CASE("run_jobs opens no more workers than there are jobs, and nothing for no jobs") {
    std::atomic<int> opened{0};
    auto open = [&]() -> JobRunner {
        ++opened;
        return [](std::size_t) {};
    };
    run_jobs(2, 8, open);
    CHECK(opened == 2);
    opened = 0;
    run_jobs(0, 8, open);
    CHECK(opened == 0);
}

TEST_CASE("run_jobs never runs two jobs of one exclusive key at once, while other keys do run alongside") {
    const std::vector<std::string> keys = {"posts", "posts", "posts", "users", "users", "", ""};
    std::mutex mutex;
    std::map<std::string, int> running, most;
    int running_all = 0, most_all = 0;
    run_jobs(keys.size(), 3, [&]() -> JobRunner {
        return [&](std::size_t job) {
            {
                std::lock_guard lock(mutex);
                most[keys[job]] = std::max(most[keys[job]], ++running[keys[job]]);
                most_all = std::max(most_all, ++running_all);
            }
            pause_ms(30);
            std::lock_guard lock(mutex);
            --running[keys[job]];
            --running_all;
        };
    }, keys);
    CHECK(most["posts"] == 1);
    CHECK(most["users"] == 1);
    CHECK(most_all >= 2);
}

TEST_CASE("after the first error run_jobs starts no job, lets the running ones finish and rethrows that error") {
    std::atomic<int> started{0}, finished{0};
    auto run = [&] {
        run_jobs(20, 2, [&]() -> JobRunner {
            return [&](std::size_t job) {
                ++started;
                if (job == 2) throw std::runtime_error("first: job 2");
                if (job == 3) {
                    pause_ms(50);  // still running when job 2 fails; its later error is dropped
                    ++finished;
                    throw std::runtime_error("second: job 3");
                }
                pause_ms(5);
                ++finished;
            };
        });
    };
    CHECK_THROWS_WITH(run(), "first: job 2");
    CHECK(started <= 5);
    CHECK(finished == started - 1);
}

TEST_CASE("an error opening a worker's state ends run_jobs with that error") {
    CHECK_THROWS_WITH(run_jobs(10, 1, [&]() -> JobRunner { throw std::runtime_error("no session: auth failed"); }),
                      "no session: auth failed");
}

TEST_CASE("run_workers calls on_failure once for the first error and runs meanwhile on the caller's thread") {
    std::atomic<int> failures{0};
    std::atomic<bool> stop{false};
    const auto caller = std::this_thread::get_id();
    bool meanwhile_on_caller = false;
    WorkerHooks hooks;
    hooks.on_failure = [&] {
        ++failures;
        stop = true;
    };
    hooks.meanwhile = [&] { meanwhile_on_caller = std::this_thread::get_id() == caller; };
    CHECK_THROWS_WITH(run_workers(3, [&](std::size_t worker) {
        if (worker == 0) throw std::runtime_error("worker 0 failed");
        while (!stop) pause_ms(1);
        throw std::runtime_error("stopped");
    }, hooks), "worker 0 failed");
    CHECK(failures == 1);
    CHECK(meanwhile_on_caller);
}

TEST_CASE("an error in meanwhile stops the workers and is rethrown after they return") {
    std::atomic<bool> stop{false};
    std::atomic<int> returned{0};
    WorkerHooks hooks;
    hooks.on_failure = [&] { stop = true; };
    hooks.meanwhile = [] { throw std::runtime_error("UNLOCK TABLES failed"); };
    CHECK_THROWS_WITH(run_workers(2, [&](std::size_t) {
        while (!stop) pause_ms(1);
        ++returned;
    }, hooks), "UNLOCK TABLES failed");
    CHECK(returned == 2);
}

TEST_CASE("run_workers with zero workers still runs one") {
    std::atomic<int> ran{0};
    run_workers(0, [&](std::size_t) { ++ran; });
    CHECK(ran == 1);
}
