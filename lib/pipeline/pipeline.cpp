#include "pipeline/pipeline.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <thread>

#include "pipeline/gin_first.hpp"
#include "pipeline/index_queue.hpp"
#include "source/mysql/catalog.hpp"
#include "target/postgres/connection.hpp"
#include "target/postgres/saved_definitions.hpp"

namespace m2pg::pipeline {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// As index::load_sources, with the catalog the copy read (no second read of MySQL's).
index::Sources load_sources(const PipelineOptions& options, const copy::CopyPlan& plan) {
    index::Sources s;
    s.options = options.sources;
    {
        target::postgres::PgConnection pg(options.index.postgres);
        s.saved = target::postgres::load_pending_definitions(pg, options.sources.target_schema);
    }
    if (options.copy.profile) s.profile = options.copy.profile;
    else if (!options.sources.profile.empty()) s.profile = profile::load_profile(options.sources.profile);
    if (!options.sources.mysql_dsn.empty())
        s.catalog = plan.catalog.tables.empty()
                        ? source::mysql::read_catalog(util::parse_mysql_dsn(options.sources.mysql_dsn))
                        : plan.catalog;
    return s;
}

// Which of two outcomes of one task, from a part and the last pass, says what happened.
int strength(index::Outcome outcome) {
    switch (outcome) {
        case index::Outcome::Failed: return 5;
        case index::Outcome::Built:
        case index::Outcome::Rebuilt: return 4;
        case index::Outcome::Finished: return 3;
        case index::Outcome::Skipped: return 2;
        case index::Outcome::Planned: return 1;
    }
    return 0;
}

std::string task_key(const index::TaskResult& t) { return t.table + "." + t.name + "." + std::string(kind_name(t.kind)); }

// One line per task: the last pass's list (plan order), each with what the parts did to it.
std::vector<index::TaskResult> merge(const std::vector<index::TaskResult>& parts,
                                     const std::vector<index::TaskResult>& last) {
    std::map<std::string, index::TaskResult> by_task;
    std::vector<std::string> order;
    for (const auto* list : {&parts, &last}) {
        for (const index::TaskResult& t : *list) {
            const std::string key = task_key(t);
            auto [it, added] = by_task.emplace(key, t);
            if (added) {
                order.push_back(key);
                continue;
            }
            index::TaskResult& kept = it->second;
            const double seconds = kept.seconds + t.seconds;
            // The last pass is the truth about a task a part failed (it was tried again).
            const bool retried = list == &last && kept.outcome == index::Outcome::Failed;
            if (retried || strength(t.outcome) > strength(kept.outcome)) kept = t;
            kept.seconds = seconds;
        }
    }
    std::vector<index::TaskResult> out;
    for (const auto& key : order) out.push_back(by_task.at(key));
    return out;
}

// The target tables the copy still writes rows into.
std::set<std::string> tables_to_copy(const copy::CopyPlan& plan) {
    std::set<std::string> out;
    for (const copy::TablePlan& t : plan.tables)
        if (std::find(t.chunk_done.begin(), t.chunk_done.end(), false) != t.chunk_done.end())
            out.insert(t.pair.target_name);
    return out;
}

double summed_seconds(const std::vector<index::TaskResult>& tasks) {
    double s = 0;
    for (const auto& t : tasks) s += t.seconds;
    return s;
}

}  // namespace

int default_index_jobs() { return std::max(1u, std::thread::hardware_concurrency()); }

PipelineResult run_pipeline(const PipelineOptions& options, copy::CopyPlan& plan,
                            const copy::ProgressCallback& progress, const index::EventCallback& on_event) {
    const auto start = Clock::now();
    const int builds = options.index_jobs > 0 ? options.index_jobs : default_index_jobs();
    PipelineResult result;
    std::optional<index::Sources> sources;
    auto make_plan = [&] {
        sources = load_sources(options, plan);
        return index::plan_index(sources->inputs());
    };

    IndexQueue queue(options.index, builds, on_event);
    if (!plan.finished) {
        copy::CopyEvents events;
        // The plan is made before the first row, so that the GIN indexes exist for the copy
        // to fill (pipeline/gin_first); what fails here is the queue's error, as before.
        events.started = [&] {
            std::optional<index::IndexPlan> made;
            std::exception_ptr failed;
            try {
                made = make_plan();
                queue.built_before_copy(create_gin_before_copy(options.index, *made, tables_to_copy(plan), on_event));
            } catch (...) {
                failed = std::current_exception();
            }
            queue.start([made = std::move(made), failed] {
                if (failed) std::rethrow_exception(failed);
                return *made;
            });
        };
        events.table_copied = [&](std::size_t i) {
            const auto& t = plan.tables[i];
            queue.table_copied(t.pair.target_name, t.pair.source->data_bytes);
        };
        try {
            result.copy = copy::run_copy(options.copy, plan, progress, events);
        } catch (...) {
            queue.stop();  // the builds in flight finish (or are cancelled with the copy by Ctrl-C)
            throw;
        }
        result.copy_seconds = seconds_since(start);
    }
    const auto after_copy = Clock::now();
    queue.finish();

    std::vector<index::TaskResult> last;
    if (!result.copy || result.copy->finished()) {
        index::IndexOptions options_last = options.index;
        options_last.phases = index::Phases::All;
        options_last.jobs = builds;
        options_last.analyzed = queue.analyzed();
        std::set<std::string> handled;
        for (const auto& t : queue.tasks()) handled.insert(t.table + "." + t.name);
        // What the parts did is said already: the last pass finding it in place is not news.
        double analyze_seconds = 0;
        index::EventCallback quiet = [&](const index::IndexEvent& e) {
            if (e.kind == index::EventKind::Skip && handled.count(e.table + "." + e.name)) return;
            if (e.kind == index::EventKind::Done && e.step == "analyze") analyze_seconds += e.seconds;
            if (on_event) on_event(e);
        };
        const index::IndexPlan index_plan = queue.plan() ? *queue.plan() : make_plan();
        index::IndexResult r = index::run_index(options_last, index_plan, quiet);
        last = std::move(r.tasks);
        result.index.sequences = std::move(r.sequences);
        result.index.analyzed = std::move(r.analyzed);
        result.index.warnings = std::move(r.warnings);
        result.indexed = true;
        result.analyze_seconds = analyze_seconds;
    }
    result.index.tasks = merge(queue.tasks(), last);
    result.index.analyzed.insert(result.index.analyzed.begin(), queue.analyzed().begin(), queue.analyzed().end());
    result.index.warnings.insert(result.index.warnings.begin(), queue.warnings().begin(), queue.warnings().end());
    result.build_seconds = summed_seconds(result.index.tasks);
    result.analyze_seconds += queue.analyze_seconds();
    result.index_seconds = seconds_since(after_copy);
    result.seconds = seconds_since(start);
    result.index.seconds = result.seconds;
    return result;
}

}  // namespace m2pg::pipeline
