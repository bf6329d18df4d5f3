#pragma once
// Copying into tables an app's migrations made: before the first row, their secondary
// indexes (full-text GIN ones too) and constraints other than primary keys are saved in
// m2pg's state in the target and dropped, so rows go into tables without live indexes;
// m2pg index puts them back, and refreshes the materialized views that read them.
// Primary keys stay: they are what makes a chunk's rows identifiable, and keeping one
// costs a btree insert per row.
#include <cstddef>
#include <string>
#include <vector>

#include "target/postgres/connection.hpp"
#include "target/postgres/definitions.hpp"

namespace m2pg::copy {

struct CopyPlan;  // copy/engine.hpp, which holds a SetAside in its result

struct SetAside {
    std::size_t indexes = 0;      // plain, unique, partial, expression and full-text indexes
    std::size_t constraints = 0;  // unique, foreign key, check and exclusion constraints
    std::size_t views = 0;        // materialized views to refresh after the copy
    std::vector<target::postgres::KeptDefinition> kept;  // left in place, and why
};

// For the plan's tables that exist in the target (not those --create-tables makes): saves
// and drops their definitions (target/postgres/saved_definitions). Call it inside the
// transaction that saves the copy's plan, once per copy (never on --resume), before any
// row is written. Throws TargetError when a definition cannot be dropped.
SetAside set_aside_app_schema(target::postgres::PgConnection& tx, const CopyPlan& plan,
                              const std::string& target_schema);

// What set_aside_app_schema would do, read without changing anything (for the plan).
SetAside preview_set_aside(target::postgres::PgConnection& pg, const CopyPlan& plan,
                           const std::string& target_schema);

// For the plan's notes: one line for what is set aside, one per definition kept and why.
std::vector<std::string> describe_set_aside(const SetAside& set_aside);

}  // namespace m2pg::copy
