#include "run/target_state.hpp"

#include "source/mysql/connection.hpp"
#include "source/mysql/identity.hpp"
#include "target/postgres/identifier.hpp"
#include "target/postgres/identity.hpp"
#include "target/postgres/saved_definitions.hpp"
#include "util/dsn.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace m2pg::run {

namespace {

constexpr const char* kRunStepsTable = "m2pg_state.run_steps";

std::string step_list(const std::vector<StepRecord>& steps) {
    std::vector<std::string> names;
    for (const auto& r : steps) names.emplace_back(step_name(r.step));
    return names.empty() ? "none" : util::join(names, ", ");
}

bool same_steps(const std::vector<StepRecord>& a, const std::vector<StepRecord>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].step != b[i].step) return false;
    return true;
}

}  // namespace

Databases read_databases(const RunOptions& options) {
    const auto mysql_dsn = util::parse_mysql_dsn(options.mysql);
    source::mysql::MysqlConnection mysql(mysql_dsn);
    target::postgres::PgConnection pg(util::parse_pg_dsn(options.postgres));
    return {source::mysql::server_identity(mysql, mysql_dsn.database), target::postgres::database_identity(pg)};
}

TargetRun load_target_run(target::postgres::PgConnection& pg, const std::string& scope) {
    TargetRun out;
    if (pg.scalar(std::string("SELECT to_regclass('") + kRunStepsTable + "') IS NOT NULL") != "t") return out;
    RunState ordered;
    for (const auto& r : pg.query(std::string("SELECT step, finished_at, seconds, source_identity, scope FROM ") +
                                  kRunStepsTable)) {
        out.source_identity = r[3].value_or("");
        if (r[4].value_or("") != scope) continue;
        ordered.record({parse_step_name(r[0].value_or("")), r[1].value_or(""), std::stod(r[2].value_or("0"))});
    }
    out.done = std::move(ordered.done);
    return out;
}

void record_target_step(target::postgres::PgConnection& pg, const std::string& scope,
                        const std::string& source_identity, const StepRecord& r) {
    using target::postgres::quote_literal;
    pg.execute(std::string("CREATE SCHEMA IF NOT EXISTS ") + target::postgres::kStateSchema);
    pg.execute(std::string("CREATE TABLE IF NOT EXISTS ") + kRunStepsTable +
               " (scope text NOT NULL, step text NOT NULL, finished_at text NOT NULL, seconds double precision "
               "NOT NULL, source_identity text NOT NULL, PRIMARY KEY (scope, step))");
    pg.execute(std::string("INSERT INTO ") + kRunStepsTable +
               " (scope, step, finished_at, seconds, source_identity) VALUES (" + quote_literal(scope) + ", " +
               quote_literal(step_name(r.step)) + ", " + quote_literal(r.finished_at) + ", " +
               std::to_string(r.seconds) + ", " + quote_literal(source_identity) +
               ") ON CONFLICT (scope, step) DO UPDATE SET finished_at = EXCLUDED.finished_at, seconds = "
               "EXCLUDED.seconds, source_identity = EXCLUDED.source_identity");
}

void forget_target_steps(target::postgres::PgConnection& pg, const std::string& scope, StepName from) {
    if (pg.scalar(std::string("SELECT to_regclass('") + kRunStepsTable + "') IS NOT NULL") != "t") return;
    std::vector<std::string> names;
    for (StepName s : kSteps)
        if (s >= from) names.push_back(target::postgres::quote_literal(step_name(s)));
    pg.execute(std::string("DELETE FROM ") + kRunStepsTable + " WHERE scope = " +
               target::postgres::quote_literal(scope) + " AND step IN (" + util::join(names, ", ") + ")");
}

void require_same_source(const TargetRun& recorded, const Databases& now, const std::string& target_display) {
    if (recorded.source_identity.empty() || recorded.source_identity == now.source) return;
    throw StateError("the target " + target_display + " records a migration from another source (" +
                     recorded.source_identity + "; done: " + step_list(recorded.done) + "), and this run reads " +
                     now.source + ": one target database holds one migration. To start over, use a new (empty) "
                     "target database; to forget that migration's steps, DROP TABLE " + kRunStepsTable);
}

std::string reconcile(RunState& cache, const TargetRun& recorded, const Databases& now) {
    const std::string was = cache.target_identity;
    std::string message;
    if (!same_steps(cache.done, recorded.done)) {
        if (recorded.done.empty() && was.empty()) {
            // A work directory of an earlier build: it is all there is to go by.
            cache.source_identity = now.source;
            cache.target_identity = now.target;
            return "";
        }
        if (!was.empty() && was != now.target)
            message = "the target database is not the one this work directory's run wrote into (that was " + was +
                      ", this is " + now.target + "): it was recreated or replaced, so the steps the work "
                      "directory records (" + step_list(cache.done) + ") are not done here; the target records: " +
                      step_list(recorded.done) + ". The run goes by the target";
        else
            message = "the work directory records these steps done: " + step_list(cache.done) +
                      "; the target records: " + step_list(recorded.done) + ". The run goes by the target";
    }
    cache.done = recorded.done;
    cache.source_identity = now.source;
    cache.target_identity = now.target;
    return message;
}

}  // namespace m2pg::run
