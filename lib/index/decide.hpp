#pragma once
// Plan against target: what each task still has to do, so a re-run after a kill finishes
// only what is missing, and in which order the builds start. Pure.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "index/plan.hpp"
#include "index/target_state.hpp"

namespace m2pg::index {

enum class Action {
    Build,    // nothing there yet
    Rebuild,  // an INVALID index of that name (a killed CREATE INDEX CONCURRENTLY): drop, build
    Finish,   // the index or NOT VALID foreign key / check is there: only attach as PK / VALIDATE
    Skip,     // done already, or an equivalent object exists, or the table is missing
};

struct Decision {
    Action action = Action::Build;
    std::string reason;  // why, for the progress line ("exists", "INVALID index left by ...")
};

// Names are compared exactly (they are Postgres names); an index on the same table with
// the same plain columns (unique when ours is unique) counts as ours, so an app's own
// migrations that already made the index under another name are not doubled. A task of
// what copy set aside is looked up by its name only: it is put back exactly as it was.
// A materialized view is always refreshed (the saved state says whether it still is due).
Decision decide(const BuildTask& task, const TargetState& state);

// Index builds (phase 1), as opposed to constraints added to the table (ForeignKey and Check
// NOT VALID then validated, Exclusion at once) and materialized view refreshes.
inline bool is_build(TaskKind kind) {
    return kind == TaskKind::Fulltext || kind == TaskKind::Index || kind == TaskKind::UniqueIndex ||
           kind == TaskKind::PrimaryKey || kind == TaskKind::UniqueConstraint;
}
// A GIN build (full-text ones and those the plan knows use gin): one process in PostgreSQL 15,
// so it weighs more in the build order, and lib/pipeline creates it before the copy.
inline bool is_gin(const BuildTask& task) { return task.kind == TaskKind::Fulltext || task.method == "gin"; }
inline bool is_constraint(TaskKind kind) {
    return kind == TaskKind::ForeignKey || kind == TaskKind::Check || kind == TaskKind::Exclusion;
}

// Indexes into `tasks` of the index builds (is_build), largest work
// first: table size times kFulltextWeight for full-text and other GIN builds, since a GIN
// build over to_tsvector costs ~100 ns per character (DESIGN.md) against a sort for a btree.
inline constexpr std::int64_t kFulltextWeight = 8;
std::vector<std::size_t> build_order(const std::vector<BuildTask>& tasks, const TargetState& state);

// The columns (SQL) that name a row of the task's table: the plan's primary key, else
// the target's, else ctid.
std::vector<std::string> row_key_for(const BuildTask& task, const TargetState& state);

}  // namespace m2pg::index
