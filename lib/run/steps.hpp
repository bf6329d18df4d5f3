#pragma once
// `m2pg run`: the five steps as child processes. This module only builds them: which tool,
// which arguments and which environment, from the run's options and what is known about
// the target. Pure: no server, no file and no process is touched here.
#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "profile/profile.hpp"

namespace m2pg::run {

enum class StepName { Check, Schema, Copy, Index, Verify };  // in pipeline order
inline constexpr std::array<StepName, 5> kSteps = {StepName::Check, StepName::Schema, StepName::Copy,
                                                   StepName::Index, StepName::Verify};

std::string_view step_name(StepName step);  // "check", ...
int step_number(StepName step);             // 1..5
std::string tool_name(StepName step);       // the executable: "m2pg-check", ...
// "check" ... "verify"; throws UsageError naming the five.
StepName parse_step_name(std::string_view name);

struct RunOptions {
    std::string mysql;     // source DSN as typed (may hold a password)
    std::string postgres;  // target DSN as typed (may hold a password)
    std::string profile;   // empty: none (schema generated from MySQL)
    std::string migrations_dir;  // schema --migrations-dir: the app's Postgres migrations (needs profile)
    std::string app_version;     // schema --app-version: fetch them, or end at that release (needs profile)
    // One plugin of the profile instead of the core (every step gets --plugin NAME); with it
    // --migrations-dir and --app-version name the plugin's own migrations.
    std::string plugin;
    std::optional<int> jobs;  // copy workers; nullopt: copy's default
    std::filesystem::path work_dir = "m2pg-run";
    bool fix_artifacts = false;
    bool fix_unicode = false;
    bool fix_varchar = false;
    bool truncate = false;  // with fix_varchar: cut values instead of deleting rows
    std::optional<StepName> from_step;
    bool yes = false;

    bool any_fix() const { return fix_artifacts || fix_unicode || fix_varchar; }
};

// What the steps depend on beyond the options, found out by the sequencer.
struct StepFacts {
    bool copy_stopped_part_way = false;  // the target holds m2pg copy's saved chunks
    bool copy_finished = false;          // a copy from this source finished in the target
    // With --plugin: its tables come from its own Postgres migrations (plugin_has_migrations);
    // else copy makes them from the MySQL catalog and index builds their keys from it.
    bool plugin_migrations = false;
};

using Environment = std::vector<std::pair<std::string, std::string>>;

struct Step {
    StepName name = StepName::Check;
    std::vector<std::string> args;  // without the program; never a password
    Environment env;                // MYSQL_PWD / PGPASSWORD when a DSN held a password
    bool writes = false;            // changes a database: the run asks before starting it
    // Not empty: the step has nothing to do in this run, and why (a plugin without migrations
    // has no schema step: copy makes its tables). It is recorded done without running.
    std::string nothing_to_do;
};

// Throws UsageError for options no step could run with: flags that need others
// (--truncate without --fix-varchar, --fix-artifacts, --migrations-dir or --app-version
// without --profile), a bad --jobs, a
// DSN that does not parse or names no database.
void validate(const RunOptions& options);

// WORK/check-report.json: check writes it, schema reads it when a profile is given.
std::filesystem::path report_path(const RunOptions& options);

// The work directory when --work-dir is not given: ./m2pg-run, or ./m2pg-run-NAME for
// --plugin NAME, so that each plugin's run after the core's keeps its own state.
std::filesystem::path default_work_dir(const std::string& plugin);

// Whether the tables of options.plugin come from the plugin's own Postgres migrations: the
// profile ships them or (with --app-version) says where to fetch them, or --migrations-dir
// gives them. Throws UsageError for a plugin the profile lacks, and for --app-version with a
// plugin that has no releases to fetch and no migrations.
bool plugin_has_migrations(const profile::Profile& profile, const RunOptions& options);

// Whether the copy step builds the indexes too (copy --with-indexes): when it succeeds in a
// run, that run's index step is done by it.
bool copy_builds_indexes(const Step& copy);

// The five steps in order. Passwords leave the DSNs for the steps' environment.
// Throws UsageError like validate().
std::vector<Step> build_steps(const RunOptions& options, const StepFacts& facts);

// `text` as one POSIX shell word: unchanged when it needs no quoting, else in single quotes.
std::string shell_quote(std::string_view text);

// How a step is shown: `MYSQL_PWD=*** PROGRAM ARGS...`, every word shell-quoted.
std::string command_text(const std::string& program, const Step& step);

}  // namespace m2pg::run
