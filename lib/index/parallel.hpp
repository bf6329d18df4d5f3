#pragma once
// A small work queue over N Postgres sessions: jobs start in the given order, each
// worker owns one session for the whole phase, and with exclusive_tables two jobs on one
// table never run at once (CREATE INDEX CONCURRENTLY, VALIDATE CONSTRAINT and ALTER TABLE
// take self-conflicting locks, so a second one would only wait, holding a session).
#include <functional>
#include <string>
#include <vector>

#include "index/session.hpp"

namespace m2pg::index {

struct Job {
    std::string table;
    std::function<void(Session&)> run;
};

// Runs every job, with min(workers, jobs) sessions from `open`. A job reports its own
// data failures; any exception escaping a job (or `open`) stops handing out new jobs,
// lets the running ones finish, and is rethrown here.
void run_parallel(const std::vector<Job>& jobs, int workers, bool exclusive_tables,
                  const std::function<Session()>& open);

}  // namespace m2pg::index
