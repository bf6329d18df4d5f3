#include "run/run.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <vector>

#include "profile/profile.hpp"
#include "report/report_json.hpp"
#include "run/advice.hpp"
#include "run/locate.hpp"
#include "run/resume.hpp"
#include "run/spawn.hpp"
#include "run/state.hpp"
#include "run/target_state.hpp"
#include "target/postgres/finished_jobs.hpp"
#include "util/data_dir.hpp"
#include "util/dsn.hpp"
#include "util/dsn_password.hpp"
#include "util/error.hpp"
#include "util/interrupt.hpp"
#include "util/text.hpp"

namespace m2pg::run {

namespace {

using Clock = std::chrono::steady_clock;

constexpr const char* kPrefix = "m2pg run: ";

std::string label(StepName step) {
    return fmt::format("[{}/{} {}]", step_number(step), kSteps.size(), step_name(step));
}

std::string seconds_text(double s) { return fmt::format("{:.2f} s", s); }

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// "check", "check and schema", "check, schema and copy".
std::string english_list(const std::vector<std::string>& items) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += i + 1 == items.size() ? " and " : ", ";
        out += items[i];
    }
    return out;
}

std::vector<std::string> names(std::vector<Step>::const_iterator begin, std::vector<Step>::const_iterator end) {
    std::vector<std::string> out;
    for (auto it = begin; it != end; ++it) out.emplace_back(step_name(it->name));
    return out;
}

// "2024-05-01T12:00:03Z" -> "2024-05-01 12:00:03 UTC".
std::string readable_time(std::string iso) {
    if (iso.size() == 20 && iso[10] == 'T' && iso.back() == 'Z') {
        iso[10] = ' ';
        iso.pop_back();
        iso += " UTC";
    }
    return iso;
}

std::map<StepName, std::filesystem::path> locate_tools() {
    std::map<StepName, std::filesystem::path> programs;
    for (StepName step : kSteps) {
        const std::string tool = tool_name(step);
        auto found = find_tool(tool);
        if (!found)
            throw UsageError(tool + " is not next to m2pg-run (" + util::self_dir().string() +
                             ") nor on PATH: m2pg run needs every m2pg tool installed");
        programs[step] = *found;
    }
    return programs;
}

// The same step as the admin would type it alone.
std::string single_tool_text(const Step& step) {
    std::string out = "m2pg " + std::string(step_name(step.name));
    for (const auto& arg : step.args) out += " " + shell_quote(arg);
    return out;
}

std::string check_advice(const RunOptions& o) {
    try {
        return render_fix_advice(advise_fixes(report::read_report(report_path(o)), o));
    } catch (const UsageError& e) {
        // No report to read (check stopped before writing it): its own message said why.
        return "check wrote no readable report (" + std::string(e.what()) + "): see its messages above";
    }
}

std::string step_advice(const Step& step, const ExitStatus& status, const RunOptions& o) {
    if (status.forwarded != 0)
        return "m2pg run was asked to stop (" + std::string(strsignal(status.forwarded)) +
               ") and passed the signal on to the step; the next run continues from this step";
    if (status.exit_code() == 130)
        return "interrupted; what the step finished is kept, and the next run continues from this step";
    switch (step.name) {
        case StepName::Check:
            return status.exit_code() == 1 ? check_advice(o) : "check could not finish: see its messages above";
        case StepName::Copy:
            if (status.exit_code() == 7)
                return "copy refused the target as it is (its message above says why), for instance for tables "
                       "that are not empty (empty them, or recreate the database and run with --from-step "
                       "schema), another m2pg copy writing into it (wait for it or stop it), or an interrupted "
                       "copy's saved progress that does not fit this one (do as its message says)";
            return "when the copy saved its progress in the target, the next run continues it where it stopped "
                   "(--resume), with no row lost or doubled";
        case StepName::Verify:
            return status.exit_code() == 1
                       ? "the target is not an exact copy of the source (the differences are listed above)"
                       : "verify could not finish: see its messages above";
        default: return "see the step's messages above";
    }
}

void report_failure(const std::vector<Step>& steps, std::vector<Step>::const_iterator failed,
                    const ExitStatus& status, double seconds, const RunOptions& o) {
    const auto not_run = names(failed + 1, steps.end());
    const auto done = names(steps.begin(), failed);
    std::cout.flush();
    std::cerr << kPrefix << label(failed->name) << " failed: " << status.describe() << " after "
              << seconds_text(seconds) << (not_run.empty() ? "" : "; " + english_list(not_run) + " did not run")
              << "\n"
              << kPrefix << step_advice(*failed, status, o) << "\n"
              << kPrefix << "to continue, fix the cause and run the same m2pg run command again: "
              << (done.empty() ? "" : english_list(done) + (done.size() == 1 ? " is" : " are") +
                                      " done and skipped, and ")
              << step_name(failed->name) << " runs again\n"
              << kPrefix << "to look at this step alone (passwords in MYSQL_PWD / PGPASSWORD): "
              << single_tool_text(*failed) << "\n";
}

// Everything the run decided before its first step.
struct Prepared {
    RunIdentity identity;
    std::filesystem::path state_file;
    RunState state;
    StepName first = StepName::Check;
    bool report_missing = false;
    SavedCopy saved_copy;
    Databases databases;
    std::string reconciled;  // what the target's record changed in the work directory's cache
    std::vector<Step> steps;
    std::map<StepName, std::filesystem::path> programs;
    std::string next_step;  // the profile's, printed after a successful run

    std::vector<Step>::const_iterator first_step() const { return steps.begin() + (step_number(first) - 1); }
};

Prepared prepare(const RunOptions& o) {
    validate(o);
    const util::PgDsn target = util::parse_pg_dsn(o.postgres);
    Prepared p;
    // Loads the profile: a misspelt one fails now, not after check has run.
    p.identity = run_identity(o);
    StepFacts facts;
    if (!o.profile.empty()) {
        const profile::Profile profile = profile::load_profile(o.profile);
        // The app is switched once its data is over; a plugin's run follows that.
        if (o.plugin.empty()) p.next_step = profile.next_step;
        else facts.plugin_migrations = plugin_has_migrations(profile, o);
    }
    p.programs = locate_tools();

    std::error_code ec;
    std::filesystem::create_directories(o.work_dir, ec);
    if (ec) throw UsageError("cannot create the work directory " + o.work_dir.string() + ": " + ec.message());
    p.state_file = state_file(o.work_dir);
    p.state = load_state(p.state_file).value_or(RunState{p.identity, {}, {}, {}});
    require_same_run(p.state, p.identity, p.state_file);
    // The target's record is the run's memory; the work directory only caches it.
    p.databases = read_databases(o);
    target::postgres::PgConnection pg(target);
    const TargetRun recorded = load_target_run(pg, o.plugin);
    require_same_source(recorded, p.databases, p.identity.target);
    p.reconciled = reconcile(p.state, recorded, p.databases);
    if (o.from_step) p.state.forget_from(*o.from_step);

    // With a profile, schema reads check's report: without it check must run again.
    p.report_missing = !o.profile.empty() && p.state.find(StepName::Check) && !p.state.find(StepName::Schema) &&
                       !std::filesystem::exists(report_path(o));
    p.first = first_step_to_run(p.state, p.report_missing);
    p.state.forget_from(p.first);

    if (p.first <= StepName::Copy) {
        p.saved_copy = read_saved_copy(pg, p.databases.source);
        facts.copy_stopped_part_way = p.saved_copy.stopped_part_way();
        facts.copy_finished = !p.saved_copy.finished.empty();
    }
    p.steps = build_steps(o, facts);
    return p;
}

void print_plan(const Prepared& p, const RunOptions& o) {
    std::cout << kPrefix << p.identity.source << " -> " << p.identity.target
              << (o.profile.empty() ? ", no profile" : ", profile " + o.profile)
              << (o.plugin.empty() ? "" : ", plugin " + o.plugin) << ", work dir "
              << o.work_dir.string() << "\n";
    if (!p.reconciled.empty()) std::cout << kPrefix << p.reconciled << "\n";
    bool passwords_moved = false;
    for (const auto& step : p.steps) passwords_moved = passwords_moved || !step.env.empty();
    if (passwords_moved)
        std::cout << kPrefix << "the DSNs' passwords reach the steps as MYSQL_PWD / PGPASSWORD, "
                  << "never on a command line\n";
    for (auto it = p.steps.begin(); it != p.first_step(); ++it) {
        const StepRecord* r = p.state.find(it->name);
        std::cout << kPrefix << label(it->name) << " done " << readable_time(r->finished_at) << " in "
                  << seconds_text(r->seconds) << ": skipped (--from-step " << step_name(it->name)
                  << " runs it again)\n";
    }
    if (p.report_missing)
        std::cout << kPrefix << "check's report " << report_path(o).string()
                  << " is gone and schema needs it: check runs again\n";
    if (!p.saved_copy.stopped_part_way() && !p.saved_copy.finished.empty() && p.first <= StepName::Copy)
        std::cout << kPrefix << "the target records a finished copy from this source (" << p.saved_copy.finished
                  << (o.plugin.empty() ? "): copy confirms it (--resume), or copies again into tables emptied since\n"
                                       : "): copy runs with --resume, which confirms the plugin's tables if a copy "
                                         "filled them, or copies into them while they are empty\n");
    if (p.saved_copy.stopped_part_way())
        std::cout << kPrefix << "an earlier copy into " << p.identity.target << " stopped part-way ("
                  << p.saved_copy.describe() << "): copy continues it (--resume)\n";
}

// True when the run may go on: --yes, nothing to run writes, or the admin said yes.
bool confirmed(const Prepared& p, const RunOptions& o, const Confirm& confirm) {
    bool writes = false;
    for (auto it = p.first_step(); it != p.steps.end(); ++it) writes = writes || it->writes;
    if (!writes || o.yes) return true;
    if (p.first == StepName::Check && o.any_fix()) {
        std::vector<std::string> flags;
        for (const auto& arg : p.first_step()->args)
            if (arg.starts_with("--fix-") || arg == "--truncate") flags.push_back(arg);
        std::cout << kPrefix << "check will change " << p.identity.source << " (" << util::join(flags, " ")
                  << "), archiving every row it changes first\n";
    }
    return confirm("Run " + english_list(names(p.first_step(), p.steps.end())) + " from " + p.identity.source +
                   " into " + p.identity.target + "?");
}

// Records a finished step in the target (the run's memory) and then in the work directory
// (its cache). A fresh session: a step may have run for hours.
void record_step(Prepared& p, const RunOptions& o, const StepRecord& record) {
    target::postgres::PgConnection pg(util::parse_pg_dsn(o.postgres));
    record_target_step(pg, o.plugin, p.databases.source, record);
    p.state.record(record);
    save_state(p.state_file, p.state);
}

int execute(Prepared& p, const RunOptions& o) {
    // Binds the work directory to this source and target before anything changes; what
    // --from-step forgot is forgotten only once the run goes ahead, in the target first.
    {
        target::postgres::PgConnection pg(util::parse_pg_dsn(o.postgres));
        forget_target_steps(pg, o.plugin, p.first);
    }
    save_state(p.state_file, p.state);
    const auto run_start = Clock::now();
    bool indexed_by_copy = false;  // the copy step ran here with --with-indexes and succeeded
    for (auto it = p.first_step(); it != p.steps.end(); ++it) {
        util::throw_if_interrupted();  // between steps: what finished is recorded
        const Step& step = *it;
        if (step.name == StepName::Index && indexed_by_copy) {
            std::cout << kPrefix << label(step.name) << " done by the copy step (--with-indexes): every table's "
                      << "indexes were built as soon as it was copied" << std::endl;
            record_step(p, o, {step.name, utc_now(), 0});
            continue;
        }
        if (!step.nothing_to_do.empty()) {
            std::cout << kPrefix << label(step.name) << " nothing to do: " << step.nothing_to_do << std::endl;
            record_step(p, o, {step.name, utc_now(), 0});
            continue;
        }
        const auto& program = p.programs.at(step.name);
        std::cout << kPrefix << label(step.name) << " " << command_text(program.string(), step) << std::endl;
        const auto start = Clock::now();
        const ExitStatus status = run_child(program, step.args, step.env);
        const double seconds = seconds_since(start);
        if (!status.succeeded()) {
            report_failure(p.steps, it, status, seconds, o);
            return status.exit_code();
        }
        std::cout << kPrefix << label(step.name) << " done: exit 0 after " << seconds_text(seconds) << std::endl;
        record_step(p, o, {step.name, utc_now(), seconds});
        indexed_by_copy = indexed_by_copy || copy_builds_indexes(step);
        if (status.forwarded != 0) {
            std::cerr << kPrefix << "asked to stop (" << strsignal(status.forwarded) << ") while "
                      << step_name(step.name) << " ran, which finished: stopping here; run the same command "
                      << "again to continue\n";
            return 128 + status.forwarded;
        }
    }
    {
        target::postgres::PgConnection pg(util::parse_pg_dsn(o.postgres));
        target::postgres::FinishedJob job;
        job.job = "run";
        job.source = p.identity.source;
        job.source_identity = p.databases.source;
        job.target_identity = p.databases.target;
        if (!o.plugin.empty()) job.notes.push_back("plugin " + o.plugin);
        target::postgres::record_finished_job(pg, job);
    }
    std::cout << kPrefix << "every step done (" << seconds_text(seconds_since(run_start)) << " this run): "
              << (o.plugin.empty() ? "" : "plugin " + o.plugin + " of ") << p.identity.source << " is in "
              << p.identity.target << ", verified\n";
    if (!p.next_step.empty())
        std::cout << render_next_step(p.next_step, util::split_pg_password(o.postgres).text) << "\n";
    return 0;
}

}  // namespace

int run_pipeline(const RunOptions& options, const Confirm& confirm) {
    Prepared prepared = prepare(options);
    print_plan(prepared, options);
    if (!confirmed(prepared, options, confirm)) {
        std::cout << "nothing was run\n";
        return 1;
    }
    return execute(prepared, options);
}

}  // namespace m2pg::run
