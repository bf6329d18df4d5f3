#include "migrate/apply_plan.hpp"

#include "schema/create.hpp"
#include "util/error.hpp"

namespace m2pg::migrate {

void apply_plan(target::postgres::PgConnection& pg, const schema::DdlPlan& plan,
                const std::vector<schema::DdlPhase>& phases,
                const std::function<void(const schema::DdlStatement&)>& on_statement,
                const std::function<void(target::postgres::PgConnection&)>& before_commit) {
    const auto statements = schema::statements_of(plan, phases);
    pg.in_transaction([&](target::postgres::PgConnection& tx) {
        for (const schema::DdlStatement* s : statements) {
            try {
                tx.execute(s->sql);
            } catch (Error& e) {
                e.add_context("creating " + s->object + " (" + schema::phase_name(s->phase) + " phase, MySQL table " +
                              s->table + ")");
                throw;
            }
            if (on_statement) on_statement(*s);
        }
        if (before_commit) before_commit(tx);
    });
}

}  // namespace m2pg::migrate
