#pragma once
// Running a DDL plan generated from a MySQL catalog (schema/create) on the target.
#include <functional>
#include <vector>

#include "schema/ddl.hpp"
#include "target/postgres/connection.hpp"

namespace m2pg::migrate {

// Runs the chosen phases' statements on the target in one transaction: either the whole
// schema appears or nothing does. on_statement is called after each statement succeeds.
// A failing statement throws TargetError with the statement's object as context.
// before_commit runs last in the same transaction (a job's record: schema_job).
void apply_plan(target::postgres::PgConnection& pg, const schema::DdlPlan& plan,
                const std::vector<schema::DdlPhase>& phases,
                const std::function<void(const schema::DdlStatement&)>& on_statement = {},
                const std::function<void(target::postgres::PgConnection&)>& before_commit = {});

}  // namespace m2pg::migrate
