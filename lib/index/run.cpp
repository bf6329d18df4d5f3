#include "index/run.hpp"

#include <chrono>
#include <memory>
#include <mutex>
#include <set>

#include "index/decide.hpp"
#include "index/diagnose.hpp"
#include "index/fulltext.hpp"
#include "index/parallel.hpp"
#include "index/progress.hpp"
#include "index/session.hpp"
#include "index/target_state.hpp"
#include "target/postgres/finished_jobs.hpp"
#include "target/postgres/identifier.hpp"
#include "target/postgres/identity.hpp"
#include "target/postgres/saved_definitions.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace m2pg::index {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string build_step(TaskKind kind) {
    if (kind == TaskKind::PrimaryKey) return "primary key index";
    if (kind == TaskKind::UniqueConstraint) return "unique constraint index";
    return std::string(kind_name(kind));
}

// "add foreign key", "validate check", "attach primary key", ...
std::string constraint_step(const std::string& verb, TaskKind kind) { return verb + " " + std::string(kind_name(kind)); }

// Built as an index in phase 1, then attached as the table's key or constraint in phase 2.
bool is_attached(TaskKind kind) { return kind == TaskKind::PrimaryKey || kind == TaskKind::UniqueConstraint; }

std::string action_text(const BuildTask& task, const Decision& d) {
    switch (d.action) {
        case Action::Rebuild: return "would drop the INVALID index and build it again";
        case Action::Finish:
            return is_attached(task.kind) ? "would attach the existing unique index as " + std::string(kind_name(task.kind))
                                          : "would validate the existing NOT VALID constraint";
        default: return "would run: " + task.create_sql;
    }
}

class Runner {
public:
    Runner(const IndexOptions& options, const IndexPlan& plan, const EventCallback& on_event)
        : options_(options), plan_(plan), on_event_(on_event) {}

    IndexResult run() {
        const auto start = Clock::now();
        if (options_.jobs < 1 || options_.jobs > 64) throw UsageError("--jobs must be between 1 and 64");
        if (!options_.maintenance_work_mem.empty()) require_memory_setting(options_.maintenance_work_mem);

        Session control = open();
        state_ = read_target_state(control.pg, schema());
        decide_all(control);
        // After a copy into an app's schema the sequences and statistics are stale too.
        const bool finish_tables = options_.create_indexes || plan_.finishes_copy;
        if (options_.dry_run) {
            if (finish_tables) sequences(control, true);
            result_.seconds = seconds_since(start);
            return std::move(result_);
        }
        build_indexes();
        if (options_.phases != Phases::Builds) attach_keys();
        if (options_.phases != Phases::All) {
            result_.seconds = seconds_since(start);
            return std::move(result_);
        }
        add_constraints(control);
        validate_constraints();
        refresh_views();
        if (finish_tables) {
            sequences(control, false);
            analyze();
        }
        if (plan_.finishes_copy) target::postgres::forget_definitions_when_done(control.pg);
        if (result_.succeeded()) record_finished(control);
        result_.seconds = seconds_since(start);
        return std::move(result_);
    }

private:
    const IndexOptions& options_;
    const IndexPlan& plan_;
    const EventCallback& on_event_;
    TargetState state_;
    std::vector<Decision> decisions_;
    IndexResult result_;
    std::mutex mutex_;  // result_ and on_event_
    std::unique_ptr<ProgressMonitor> monitor_;

    const std::string& schema() const { return plan_.target_schema; }
    Session open() const { return open_session(options_.postgres, options_.maintenance_work_mem); }

    // Completion is state: the target keeps when its indexes were finished, and on which tables.
    void record_finished(Session& control) {
        target::postgres::FinishedJob job;
        job.job = "index";
        job.source = "m2pg index";
        job.target_identity = target::postgres::database_identity(control.pg);
        std::set<std::string> tables;
        for (const TaskResult& t : result_.tasks) tables.insert(schema() + "." + t.table);
        job.tables.assign(tables.begin(), tables.end());
        target::postgres::record_finished_job(control.pg, job);
    }

    void emit(IndexEvent e) {
        if (on_event_) on_event_(e);
    }
    void event(EventKind kind, std::string step, const std::string& table, const std::string& name,
               std::string text = {}, double seconds = 0) {
        std::lock_guard lock(mutex_);
        emit(IndexEvent{kind, std::move(step), table, name, seconds, std::move(text)});
    }
    void warn(const std::string& step, const std::string& table, const std::string& name, const std::string& text) {
        std::lock_guard lock(mutex_);
        result_.warnings.push_back(text);
        emit(IndexEvent{EventKind::Warn, step, table, name, 0, text});
    }
    void finish(std::size_t i, Outcome outcome, std::string detail, double seconds) {
        std::lock_guard lock(mutex_);
        TaskResult& r = result_.tasks[i];
        r.outcome = outcome;
        if (!detail.empty()) r.detail = std::move(detail);
        r.seconds += seconds;
    }
    void fail(std::size_t i, const std::string& step, const TargetError& error, const std::string& rows,
              double seconds) {
        const BuildTask& t = plan_.tasks[i];
        std::string text = error.what();
        if (!rows.empty()) text += "; " + rows;
        finish(i, Outcome::Failed, text, seconds);
        event(EventKind::Fail, step, t.table, t.name, text, seconds);
    }
    Outcome outcome(std::size_t i) {
        std::lock_guard lock(mutex_);
        return result_.tasks[i].outcome;
    }

    // What copy set aside is done once in place again, however it got there.
    void mark_done(target::postgres::PgConnection& pg, const BuildTask& t) {
        if (t.saved && !options_.dry_run) target::postgres::mark_definition_done(pg, *t.saved);
    }

    void decide_all(Session& control) {
        for (const BuildTask& t : plan_.tasks) {
            Decision d = decide(t, state_);
            TaskResult r{t.kind, t.table, t.name, Outcome::Skipped, d.reason, 0};
            if (d.action == Action::Skip) {
                event(EventKind::Skip, std::string(kind_name(t.kind)), t.table, t.name, d.reason);
                mark_done(control.pg, t);
            } else if (options_.dry_run) {
                r.outcome = Outcome::Planned;
                r.detail = action_text(t, d);
                event(EventKind::Plan, std::string(kind_name(t.kind)), t.table, t.name, r.detail);
            } else {
                r.outcome = Outcome::Planned;  // until a phase finishes it
            }
            result_.tasks.push_back(std::move(r));
            decisions_.push_back(std::move(d));
        }
    }

    // ---- phase 1: builds ---------------------------------------------------------------

    void build_indexes() {
        std::vector<Job> jobs;
        for (std::size_t i : build_order(plan_.tasks, state_)) {
            Action a = decisions_[i].action;
            if (a == Action::Build || a == Action::Rebuild)
                jobs.push_back(Job{plan_.tasks[i].table, [this, i](Session& s) { build(s, i); }});
        }
        if (jobs.empty()) return;
        if (options_.progress_interval_ms > 0)
            monitor_ = std::make_unique<ProgressMonitor>(options_.postgres, options_.progress_interval_ms,
                                                         [this](const BuildProgress& p) {
                                                             event(EventKind::Progress, "build", p.table, p.name,
                                                                   describe_progress(p));
                                                         });
        // Two CREATE INDEX CONCURRENTLY on one table wait for each other; plain builds
        // share their SHARE lock.
        run_parallel(jobs, options_.jobs, options_.concurrently, [this] { return open(); });
        if (monitor_ && !monitor_->last_error().empty())
            warn("build", "", "", "progress reporting stopped: " + monitor_->last_error());
        monitor_.reset();
    }

    // The index goes where the saved definition had it: pg_get_indexdef leaves the
    // tablespace out, CREATE INDEX and ADD CONSTRAINT take default_tablespace.
    static void execute_in_tablespace(Session& s, const std::string& sql, const std::string& tablespace) {
        if (tablespace.empty()) return s.pg.execute(sql);
        s.pg.execute("SET default_tablespace = " + target::postgres::quote_ident(tablespace));
        try {
            s.pg.execute(sql);
        } catch (const Error&) {
            s.pg.execute("RESET default_tablespace");
            throw;
        }
        s.pg.execute("RESET default_tablespace");
    }

    void execute_build(Session& s, const std::string& create_sql, const BuildTask& t) {
        if (monitor_) monitor_->track(s.backend_pid, t.table, t.name);
        try {
            execute_in_tablespace(s, options_.concurrently ? with_concurrently(create_sql) : create_sql, t.tablespace);
        } catch (const TargetError&) {
            if (monitor_) monitor_->untrack(s.backend_pid);
            // A failed CREATE INDEX CONCURRENTLY leaves an INVALID index behind.
            if (options_.concurrently) s.pg.execute(drop_index_sql(schema(), t.name, true));
            throw;
        }
        if (monitor_) monitor_->untrack(s.backend_pid);
    }

    void build(Session& s, std::size_t i) {
        const BuildTask& t = plan_.tasks[i];
        const Decision& d = decisions_[i];
        const std::string step = build_step(t.kind);
        event(EventKind::Start, step, t.table, t.name, d.action == Action::Rebuild ? d.reason + ": rebuilding" : "");
        const auto start = Clock::now();
        try {
            if (d.action == Action::Rebuild) s.pg.execute(drop_index_sql(schema(), t.name, options_.concurrently));
            std::string detail;
            try {
                execute_build(s, t.create_sql, t);
            } catch (const TargetError& e) {
                if (t.kind != TaskKind::Fulltext || t.fulltext.columns.empty() || !is_tsvector_too_long(e)) throw;
                detail = build_prefix(s, t);
            }
            const double seconds = seconds_since(start);
            // A primary key or unique constraint is done once attached (phase 2).
            const Outcome done = d.action == Action::Rebuild ? Outcome::Rebuilt : Outcome::Built;
            finish(i, is_attached(t.kind) ? Outcome::Planned : done, detail, seconds);
            if (!is_attached(t.kind)) mark_done(s.pg, t);
            event(EventKind::Done, step, t.table, t.name, detail, seconds);
        } catch (const TargetError& e) {
            fail(i, step, e, explain_failure(s.pg, schema(), t, row_key_for(t, state_), e), seconds_since(start));
        }
    }

    // "string is too long for tsvector": index a bounded prefix of every document instead.
    std::string build_prefix(Session& s, const BuildTask& t) {
        const auto row_key = row_key_for(t, state_);
        LongDocuments cut = find_long_documents(s.pg, schema(), t, row_key, kFulltextPrefixChars);
        execute_build(s,
                      fulltext_index_sql(schema(), t.table, t.name, t.fulltext.config, t.fulltext.columns,
                                         kFulltextPrefixChars),
                      t);
        const std::string keys = util::join(cut.keys, ", ");
        const std::string prefix = std::to_string(kFulltextPrefixChars);
        warn("full-text", t.table, t.name,
             t.name + ": string is too long for tsvector: " + std::to_string(cut.count) + " row(s) of " + t.table +
                 " longer than " + prefix + " characters (keys " + keys + ") are searchable by their first " + prefix +
                 " characters only; the index is over to_tsvector('" + t.fulltext.config + "', " +
                 fulltext_document(t.fulltext.columns, kFulltextPrefixChars) +
                 "), so queries must use that expression to use it");
        return "indexed the first " + prefix + " characters of each document (" + std::to_string(cut.count) +
               " row(s) cut)";
    }

    // ---- phase 2: primary keys and unique constraints -----------------------------------

    void attach_keys() {
        std::vector<Job> jobs;
        for (std::size_t i = 0; i < plan_.tasks.size(); ++i) {
            const BuildTask& t = plan_.tasks[i];
            if (!is_attached(t.kind) || t.finish_sql.empty()) continue;
            const Action a = decisions_[i].action;
            if (a == Action::Skip || outcome(i) == Outcome::Failed) continue;
            jobs.push_back(Job{t.table, [this, i, step = constraint_step("attach", t.kind)](Session& s) {
                                   finish_task(s, i, step);
                               }});
        }
        run_parallel(jobs, options_.jobs, true, [this] { return open(); });
    }

    void finish_task(Session& s, std::size_t i, const std::string& step) {
        const BuildTask& t = plan_.tasks[i];
        event(EventKind::Start, step, t.table, t.name);
        const auto start = Clock::now();
        try {
            s.pg.execute(t.finish_sql);
            const double seconds = seconds_since(start);
            const Action a = decisions_[i].action;
            finish(i, a == Action::Finish ? Outcome::Finished : a == Action::Rebuild ? Outcome::Rebuilt : Outcome::Built,
                   "", seconds);
            mark_done(s.pg, t);
            event(EventKind::Done, step, t.table, t.name, "", seconds);
        } catch (const TargetError& e) {
            std::string rows = explain_failure(s.pg, schema(), t, row_key_for(t, state_), e);
            if (is_constraint(t.kind)) rows += (rows.empty() ? "" : "; ") + std::string("the constraint stays NOT VALID");
            fail(i, step, e, rows, seconds_since(start));
        }
    }

    // ---- phase 3: foreign keys, checks and exclusion constraints ------------------------

    // Foreign keys and checks are added NOT VALID (metadata only) and validated next; an
    // exclusion constraint builds its index here, and one saved NOT VALID stays so: both
    // are done once added.
    void add_constraints(Session& control) {
        for (std::size_t i = 0; i < plan_.tasks.size(); ++i) {
            const BuildTask& t = plan_.tasks[i];
            if (!is_constraint(t.kind) || decisions_[i].action != Action::Build) continue;
            const std::string step = constraint_step("add", t.kind);
            const auto start = Clock::now();
            try {
                execute_in_tablespace(control, t.create_sql, t.tablespace);
                const double seconds = seconds_since(start);
                if (!t.finish_sql.empty()) {
                    finish(i, Outcome::Planned, "", seconds);
                    continue;
                }
                finish(i, Outcome::Built, "", seconds);
                mark_done(control.pg, t);
                event(EventKind::Done, step, t.table, t.name, "", seconds);
            } catch (const TargetError& e) {
                fail(i, step, e, explain_failure(control.pg, schema(), t, row_key_for(t, state_), e),
                     seconds_since(start));
            }
        }
    }

    void validate_constraints() {
        std::vector<Job> jobs;
        for (std::size_t i = 0; i < plan_.tasks.size(); ++i) {
            const BuildTask& t = plan_.tasks[i];
            if (!is_constraint(t.kind) || decisions_[i].action == Action::Skip || t.finish_sql.empty()) continue;
            if (outcome(i) == Outcome::Failed) continue;
            jobs.push_back(Job{t.table, [this, i, step = constraint_step("validate", t.kind)](Session& s) {
                                   finish_task(s, i, step);
                               }});
        }
        run_parallel(jobs, options_.jobs, true, [this] { return open(); });
    }

    // ---- phase 4: materialized views ---------------------------------------------------

    // In the saved order (a view after those it reads), each depth's views in parallel.
    void refresh_views() {
        std::vector<std::size_t> due;
        for (std::size_t i = 0; i < plan_.tasks.size(); ++i)
            if (plan_.tasks[i].kind == TaskKind::Refresh && decisions_[i].action != Action::Skip) due.push_back(i);
        for (std::size_t from = 0; from < due.size();) {
            const int depth = view_depth(due[from]);
            std::vector<Job> jobs;
            for (; from < due.size() && view_depth(due[from]) == depth; ++from)
                jobs.push_back(Job{plan_.tasks[due[from]].table, [this, i = due[from]](Session& s) { refresh(s, i); }});
            run_parallel(jobs, options_.jobs, true, [this] { return open(); });
        }
    }

    int view_depth(std::size_t i) const { return plan_.tasks[i].saved ? plan_.tasks[i].saved->depth : 0; }

    void refresh(Session& s, std::size_t i) {
        const BuildTask& t = plan_.tasks[i];
        const std::string step = "refresh materialized view";
        event(EventKind::Start, step, t.table, "");
        const auto start = Clock::now();
        try {
            s.pg.execute(t.create_sql);
            const double seconds = seconds_since(start);
            finish(i, Outcome::Built, "", seconds);
            mark_done(s.pg, t);
            event(EventKind::Done, step, t.table, "", "", seconds);
        } catch (const TargetError& e) {
            fail(i, step, e, "", seconds_since(start));
        }
    }

    // ---- phase 5: sequences and statistics ---------------------------------------------

    void sequences(Session& control, bool dry_run) {
        result_.sequences = reset_sequences(control.pg, schema(), dry_run);
        for (const SequenceResult& r : result_.sequences) {
            if (!r.problem.empty()) {
                warn("sequence", r.table, r.sequence, r.sequence + ": " + r.problem);
            } else if (r.moved) {
                event(dry_run ? EventKind::Plan : EventKind::Done, "sequence", r.table, r.sequence,
                      std::string(dry_run ? "would move" : "moved") + " past max(" + r.column + ") = " +
                          r.max_value.value_or("") + ": next value " + r.next_value);
            }
        }
    }

    void analyze() {
        std::vector<Job> jobs;
        for (const auto& [table, bytes] : state_.table_bytes) {
            if (options_.analyzed.count(table)) continue;  // by the pipeline, after its copy
            jobs.push_back(Job{table, [this, table = table](Session& s) {
                                   const auto start = Clock::now();
                                   s.pg.execute("ANALYZE " + qualified(schema(), table));
                                   event(EventKind::Done, "analyze", table, "", "", seconds_since(start));
                                   std::lock_guard lock(mutex_);
                                   result_.analyzed.push_back(table);
                               }});
        }
        run_parallel(jobs, options_.jobs, true, [this] { return open(); });
    }
};

}  // namespace

std::string_view outcome_name(Outcome outcome) {
    switch (outcome) {
        case Outcome::Built: return "built";
        case Outcome::Rebuilt: return "rebuilt";
        case Outcome::Finished: return "finished";
        case Outcome::Skipped: return "skipped";
        case Outcome::Failed: return "failed";
        case Outcome::Planned: return "planned";
    }
    return "planned";
}

std::size_t IndexResult::count(Outcome outcome) const {
    std::size_t n = 0;
    for (const TaskResult& t : tasks) n += t.outcome == outcome ? 1 : 0;
    return n;
}

IndexResult run_index(const IndexOptions& options, const IndexPlan& plan, const EventCallback& on_event) {
    return Runner(options, plan, on_event).run();
}

}  // namespace m2pg::index
