#pragma once
// GIN indexes (full-text ones above all) are created on their still-empty tables before the
// copy, so that the copy's parallel sessions fill them: each session computes to_tsvector of
// its own rows and appends them to the index's pending list, which PostgreSQL merges into the
// index whenever it passes gin_pending_list_limit. PostgreSQL 15 builds a GIN index in one
// process, so built after the copy the largest one is a single-core tail of the whole job
// (bench/README.md, "GIN indexes before the copy": the Posts index at 200,000 posts took
// copy 1.1 s then CREATE INDEX 8.0-13.7 s, filled by two sessions 5.7-7.1 s in all).
#include <cstddef>
#include <set>
#include <string>
#include <vector>

#include "index/plan.hpp"
#include "index/run.hpp"
#include "target/postgres/connection.hpp"

namespace m2pg::pipeline {

struct GinFirst {
    std::vector<index::TaskResult> results;  // one per GIN build run now
    std::set<std::size_t> tasks;             // into plan.tasks: in place now, the queue skips them
};

// Runs the plan's GIN builds on the tables in `tables_to_copy` (Postgres names) now, before
// their first row, each decided against the target like any build (one already there, from
// an interrupted run, is kept). A build that fails is left to the queue, which tries again
// after the copy and reports it. Throws what index::run_index throws.
GinFirst create_gin_before_copy(const index::IndexOptions& options, const index::IndexPlan& plan,
                                const std::set<std::string>& tables_to_copy, const index::EventCallback& on_event);

// Merges what the table's GIN indexes still hold in their pending lists (at most
// gin_pending_list_limit each, 4MB by default), so the first searches need not scan it.
void clean_gin_pending_lists(target::postgres::PgConnection& pg, const std::string& schema, const std::string& table);

}  // namespace m2pg::pipeline
