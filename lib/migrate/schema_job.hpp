#pragma once
// `m2pg schema --from-mysql` as a job that is finished exactly when it is recorded: the
// plan's statements and the record (m2pg_state.finished_jobs, job "schema") commit in one
// transaction. A rerun after a crash between that commit and the caller noting it (m2pg run
// killed at that moment, say) finds the record and does nothing, instead of failing on
// "relation ... already exists".
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "schema/ddl.hpp"
#include "target/postgres/connection.hpp"
#include "target/postgres/finished_jobs.hpp"

namespace m2pg::migrate {

struct SchemaSource {
    std::string display;   // the MySQL DSN's display form (never a password)
    std::string identity;  // source::mysql::server_identity
};

// The record of this schema (same source, same target database, same phases) when every
// table it created still exists; nullopt otherwise.
std::optional<target::postgres::FinishedJob> find_created_schema(target::postgres::PgConnection& pg,
                                                                 const schema::DdlPlan& plan,
                                                                 const std::vector<schema::DdlPhase>& phases,
                                                                 const SchemaSource& source);

// apply_plan, with the finished job recorded in the same transaction.
void create_schema(target::postgres::PgConnection& pg, const schema::DdlPlan& plan,
                   const std::vector<schema::DdlPhase>& phases, const SchemaSource& source,
                   const std::function<void(const schema::DdlStatement&)>& on_statement = {});

}  // namespace m2pg::migrate
