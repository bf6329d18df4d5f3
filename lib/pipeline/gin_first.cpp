#include "pipeline/gin_first.hpp"

#include "index/decide.hpp"
#include "index/fulltext.hpp"

namespace m2pg::pipeline {

GinFirst create_gin_before_copy(const index::IndexOptions& options, const index::IndexPlan& plan,
                                const std::set<std::string>& tables_to_copy, const index::EventCallback& on_event) {
    index::IndexPlan part;
    part.target_schema = plan.target_schema;
    std::vector<std::size_t> picked;
    for (std::size_t i = 0; i < plan.tasks.size(); ++i) {
        const index::BuildTask& t = plan.tasks[i];
        if (index::is_build(t.kind) && index::is_gin(t) && tables_to_copy.count(t.table)) {
            part.tasks.push_back(t);
            picked.push_back(i);
        }
    }
    GinFirst out;
    if (part.tasks.empty()) return out;
    index::IndexOptions first = options;
    first.phases = index::Phases::Builds;
    first.jobs = 1;
    first.concurrently = false;
    first.dry_run = false;
    first.progress_interval_ms = 0;
    // A failure here is not reported: the table's builds after the copy try it again and say.
    index::EventCallback said = [&](const index::IndexEvent& e) {
        if (!on_event || e.kind == index::EventKind::Fail) return;
        index::IndexEvent told = e;
        if (e.kind == index::EventKind::Done) told.text = "created before the copy, which fills it";
        on_event(told);
    };
    for (index::TaskResult& r : index::run_index(first, part, said).tasks) {
        if (r.outcome == index::Outcome::Failed) continue;
        for (std::size_t k = 0; k < part.tasks.size(); ++k)
            if (part.tasks[k].table == r.table && part.tasks[k].name == r.name) out.tasks.insert(picked[k]);
        out.results.push_back(std::move(r));
    }
    return out;
}

void clean_gin_pending_lists(target::postgres::PgConnection& pg, const std::string& schema, const std::string& table) {
    pg.query("SELECT gin_clean_pending_list(i.indexrelid) FROM pg_index i"
             " JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam"
             " WHERE a.amname = 'gin' AND i.indisvalid AND i.indrelid = " +
             pg.quote_literal(index::qualified(schema, table)) + "::regclass");
}

}  // namespace m2pg::pipeline
