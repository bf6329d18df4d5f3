#include "migrate/schema_job.hpp"

#include <algorithm>

#include "migrate/apply_plan.hpp"
#include "schema/create.hpp"
#include "target/postgres/identifier.hpp"
#include "target/postgres/identity.hpp"

namespace m2pg::migrate {
namespace {

constexpr const char* kJob = "schema";

// "phases foreign-keys,tables": sorted, so the order given on the command line does not matter.
std::string phases_note(const std::vector<schema::DdlPhase>& phases) {
    std::vector<std::string> names;
    for (auto phase : phases) names.push_back(schema::phase_name(phase));
    std::sort(names.begin(), names.end());
    std::string out = "phases ";
    for (std::size_t i = 0; i < names.size(); ++i) out += (i ? "," : "") + names[i];
    return out;
}

std::vector<std::string> created_tables(const schema::DdlPlan& plan, const std::vector<schema::DdlPhase>& phases) {
    std::vector<std::string> tables;
    for (const schema::DdlStatement* s : schema::statements_of(plan, phases))
        if (s->phase == schema::DdlPhase::Tables && s->sql.rfind("CREATE TABLE ", 0) == 0) tables.push_back(s->object);
    return tables;
}

bool table_exists(target::postgres::PgConnection& pg, const std::string& table) {
    return pg.scalar("SELECT to_regclass(" +
                     target::postgres::quote_literal(target::postgres::quote_ident(table)) + ") IS NOT NULL") == "t";
}

}  // namespace

std::optional<target::postgres::FinishedJob> find_created_schema(target::postgres::PgConnection& pg,
                                                                 const schema::DdlPlan& plan,
                                                                 const std::vector<schema::DdlPhase>& phases,
                                                                 const SchemaSource& source) {
    auto job = target::postgres::last_finished_job(pg, kJob);
    if (!job || job->source_identity != source.identity) return std::nullopt;
    if (job->target_identity != target::postgres::database_identity(pg)) return std::nullopt;
    if (std::find(job->notes.begin(), job->notes.end(), phases_note(phases)) == job->notes.end()) return std::nullopt;
    const auto tables = created_tables(plan, phases);
    if (tables.empty() || !std::all_of(tables.begin(), tables.end(), [&](const auto& t) { return table_exists(pg, t); }))
        return std::nullopt;
    return job;
}

void create_schema(target::postgres::PgConnection& pg, const schema::DdlPlan& plan,
                   const std::vector<schema::DdlPhase>& phases, const SchemaSource& source,
                   const std::function<void(const schema::DdlStatement&)>& on_statement) {
    target::postgres::FinishedJob job;
    job.job = kJob;
    job.source = source.display;
    job.source_identity = source.identity;
    job.target_identity = target::postgres::database_identity(pg);
    job.tables = created_tables(plan, phases);
    job.notes = {phases_note(phases)};
    apply_plan(pg, plan, phases, on_statement,
               [&](target::postgres::PgConnection& tx) { target::postgres::record_finished_job(tx, job); });
}

}  // namespace m2pg::migrate
