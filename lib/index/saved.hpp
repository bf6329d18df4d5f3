#pragma once
// The definitions m2pg copy set aside (target/postgres/saved_definitions) as index tasks:
// each rebuilt exactly as it was, in the runner's phases (unique constraints as a unique
// index attached afterwards, foreign keys and checks NOT VALID then VALIDATEd unless the
// app had them NOT VALID), materialized views refreshed. Pure.
#include <vector>

#include "index/plan.hpp"
#include "profile/profile.hpp"
#include "target/postgres/definitions.hpp"

namespace m2pg::index {

// One task per definition, in the order given. A saved GIN index over to_tsvector is a
// full-text task; when the profile lists a full-text index of that table and name, its
// columns and configuration come along, so a document too long for a tsvector can be
// indexed by its prefix as the profile's own would be. `profile` may be null.
std::vector<BuildTask> saved_tasks(const std::vector<target::postgres::Definition>& saved,
                                   const profile::Profile* profile);

// Whether a profile or catalog task is the same object as one of the saved tasks: same
// kind of object on the same table under the same name, or (indexes, foreign keys) the
// same plain btree columns / the same reference. The saved definition is the app's own, so
// it wins.
bool covered_by_saved(const BuildTask& task, const std::vector<BuildTask>& saved);

}  // namespace m2pg::index
