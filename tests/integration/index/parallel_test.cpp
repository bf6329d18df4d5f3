// index/parallel: the work queue of m2pg index over real Postgres sessions — each job once,
// no more sessions than jobs, two jobs on one table never at once when asked, and the
// first error escaping a job stops the queue and comes back to the caller.
#include "index/parallel.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/servers.hpp"

namespace {

using m2pg::index::Job;
using m2pg::index::Session;

struct Watch {
    std::mutex mutex;
    std::map<std::string, int> running;  // per table, now
    int most_on_one_table = 0;
    std::vector<std::size_t> done;
    std::set<int> backends;
};

// A job that holds its table for a moment on its own session (pg_sleep on the server), noting
// how many jobs of its table run at the same time and which backend ran it.
Job watched_job(Watch& watch, const std::string& table, std::size_t id) {
    return Job{table, [&watch, table, id](Session& s) {
                   {
                       std::lock_guard lock(watch.mutex);
                       watch.most_on_one_table = std::max(watch.most_on_one_table, ++watch.running[table]);
                   }
                   const auto pid = s.pg.scalar("SELECT pg_backend_pid() FROM pg_sleep(0.05)");
                   std::lock_guard lock(watch.mutex);
                   --watch.running[table];
                   watch.done.push_back(id);
                   watch.backends.insert(std::stoi(pid.value_or("0")));
               }};
}

}  // namespace

TEST_CASE("run_parallel runs every job once on at most min(workers, jobs) sessions" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::PgScratch pg;
    Watch watch;
    std::vector<Job> jobs;
    for (std::size_t i = 0; i < 6; ++i) jobs.push_back(watched_job(watch, "t" + std::to_string(i % 2), i));
    std::atomic<int> opened{0};
    m2pg::index::run_parallel(jobs, 3, false, [&] {
        ++opened;
        return m2pg::index::open_session(pg.dsn(), "");
    });
    CHECK(opened == 3);
    std::multiset<std::size_t> done(watch.done.begin(), watch.done.end());
    CHECK(done == std::multiset<std::size_t>{0, 1, 2, 3, 4, 5});
    CHECK(watch.backends.size() <= 3);

    Watch two;
    std::vector<Job> few = {watched_job(two, "a", 0), watched_job(two, "b", 1)};
    opened = 0;
    m2pg::index::run_parallel(few, 8, false, [&] {
        ++opened;
        return m2pg::index::open_session(pg.dsn(), "");
    });
    CHECK(opened == 2);
    CHECK(two.done.size() == 2);
}

TEST_CASE("with exclusive tables two jobs on one table never run at once, whatever the number of workers" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::PgScratch pg;
    Watch watch;
    std::vector<Job> jobs;
    for (std::size_t i = 0; i < 8; ++i) jobs.push_back(watched_job(watch, i < 6 ? "posts" : "users", i));
    m2pg::index::run_parallel(jobs, 4, true, [&] { return m2pg::index::open_session(pg.dsn(), ""); });
    CHECK(watch.done.size() == 8);
    CHECK(watch.most_on_one_table == 1);
}

TEST_CASE("an error escaping a job stops the queue: no job starts after it, and it is rethrown" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::PgScratch pg;
    std::atomic<int> started{0};
    std::vector<Job> jobs;
    jobs.push_back(Job{"t", [&](Session& s) {
                           ++started;
                           s.pg.execute("SELECT * FROM no_such_table");  // a TargetError
                       }});
    for (int i = 0; i < 20; ++i) jobs.push_back(Job{"t", [&](Session&) { ++started; }});
    CHECK_THROWS_WITH(m2pg::index::run_parallel(jobs, 1, false, [&] { return m2pg::index::open_session(pg.dsn(), ""); }),
                      doctest::Contains("no_such_table"));
    CHECK(started == 1);  // one worker: nothing after the failed job

    // A session that cannot open fails the run the same way.
    CHECK_THROWS_AS(m2pg::index::run_parallel(jobs, 2, false,
                                              []() -> Session { throw std::runtime_error("cannot connect"); }),
                    std::runtime_error);
}
