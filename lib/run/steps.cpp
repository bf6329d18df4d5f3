#include "run/steps.hpp"

#include <algorithm>

#include "util/dsn.hpp"
#include "util/dsn_password.hpp"
#include "util/error.hpp"

namespace m2pg::run {

namespace {

constexpr const char* kMysqlPasswordVariable = "MYSQL_PWD";
constexpr const char* kPgPasswordVariable = "PGPASSWORD";

// The two DSNs as the steps get them, and what each step needs in its environment.
struct Servers {
    util::DsnWithoutPassword mysql;
    util::DsnWithoutPassword postgres;

    void add_mysql_password(Environment& env) const {
        if (mysql.password) env.emplace_back(kMysqlPasswordVariable, *mysql.password);
    }
    void add_pg_password(Environment& env) const {
        if (postgres.password) env.emplace_back(kPgPasswordVariable, *postgres.password);
    }
};

// --profile P, and --plugin NAME for a plugin's run.
void add_profile(Step& step, const RunOptions& o) {
    if (!o.profile.empty()) step.args.insert(step.args.end(), {"--profile", o.profile});
    if (!o.plugin.empty()) step.args.insert(step.args.end(), {"--plugin", o.plugin});
}

Step check_step(const RunOptions& o, const Servers& s) {
    Step step{StepName::Check, {s.mysql.text}, {}, o.any_fix(), {}};
    add_profile(step, o);
    // The values are compared with the columns the app's migrations make, not generated DDL.
    // Without a folder, the release's migrations (fetched once, then from the cache).
    if (!o.migrations_dir.empty())
        step.args.insert(step.args.end(), {"--migrations-dir", o.migrations_dir});
    else if (!o.app_version.empty())
        step.args.insert(step.args.end(), {"--app-version", o.app_version});
    // The report of an earlier attempt is replaced: it described the database before this one.
    step.args.insert(step.args.end(), {"--output", report_path(o).string(), "--force"});
    if (o.fix_artifacts) step.args.push_back("--fix-artifacts");
    if (o.fix_unicode) step.args.push_back("--fix-unicode");
    if (o.fix_varchar) step.args.push_back("--fix-varchar");
    if (o.truncate) step.args.push_back("--truncate");
    if (o.any_fix()) step.args.push_back("--apply");
    s.add_mysql_password(step.env);
    return step;
}

Step schema_step(const RunOptions& o, const Servers& s, const StepFacts& facts) {
    Step step{StepName::Schema, {s.postgres.text}, {}, true, {}};
    if (!o.plugin.empty() && !facts.plugin_migrations) {
        step.writes = false;
        step.nothing_to_do = "plugin " + o.plugin + " ships no Postgres migrations: copy makes its tables from the "
                             "MySQL catalog (--create-tables), index their keys";
        return step;
    }
    if (!o.profile.empty()) {
        // Exactly the migrations the MySQL side had (with --plugin, the plugin's), as check read them.
        step.args.push_back("--run-migrations");
        add_profile(step, o);
        step.args.insert(step.args.end(), {"--applied-migrations", report_path(o).string()});
        if (!o.migrations_dir.empty()) step.args.insert(step.args.end(), {"--migrations-dir", o.migrations_dir});
        if (!o.app_version.empty()) step.args.insert(step.args.end(), {"--app-version", o.app_version});
    } else {
        step.args.insert(step.args.end(), {"--from-mysql", s.mysql.text});
        s.add_mysql_password(step.env);
    }
    s.add_pg_password(step.env);
    return step;
}

Step copy_step(const RunOptions& o, const Servers& s, const StepFacts& facts) {
    Step step{StepName::Copy, {"--mysql", s.mysql.text, "--postgres", s.postgres.text}, {}, true, {}};
    add_profile(step, o);
    // A plugin without migrations: its tables are made here, bare, as docs/mattermost.md does by hand.
    if (!o.plugin.empty() && !facts.plugin_migrations) step.args.push_back("--create-tables");
    // The run asked once at its start; the copy must not ask again (and cannot without a terminal).
    step.args.push_back("--yes");
    // Copy and index as one pipeline: each table's indexes are built as soon as it is copied,
    // from the same sources as the index step's (the MySQL catalog exactly when copy makes the
    // tables or there is no profile); the index step is then done by this one.
    step.args.push_back("--with-indexes");
    if (o.jobs) step.args.insert(step.args.end(), {"--jobs", std::to_string(*o.jobs)});
    if (facts.copy_stopped_part_way || facts.copy_finished) step.args.push_back("--resume");
    s.add_mysql_password(step.env);
    s.add_pg_password(step.env);
    return step;
}

Step index_step(const RunOptions& o, const Servers& s, const StepFacts& facts) {
    Step step{StepName::Index, {s.postgres.text}, {}, true, {}};
    add_profile(step, o);
    // With the app's (or the plugin's) migrations, they made the indexes and keys and the
    // profile adds its full-text indexes: the MySQL catalog would add what MySQL has and the
    // app's Postgres schema deliberately lacks (foreign keys, MySQL's own FULLTEXT indexes).
    // Without migrations (no profile, or a plugin without them) the keys are MySQL's.
    const bool made_by_migrations = !o.profile.empty() && (o.plugin.empty() || facts.plugin_migrations);
    if (!made_by_migrations) {
        step.args.insert(step.args.end(), {"--from-mysql", s.mysql.text});
        s.add_mysql_password(step.env);
    }
    step.args.push_back("--create-indexes");
    s.add_pg_password(step.env);
    return step;
}

Step verify_step(const RunOptions& o, const Servers& s) {
    Step step{StepName::Verify, {"--mysql", s.mysql.text, "--postgres", s.postgres.text}, {}, false, {}};
    add_profile(step, o);
    s.add_mysql_password(step.env);
    s.add_pg_password(step.env);
    return step;
}

bool is_plain_shell_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("@%+=:,./_-").find(c) != std::string_view::npos;
}

}  // namespace

std::string_view step_name(StepName step) {
    switch (step) {
        case StepName::Check: return "check";
        case StepName::Schema: return "schema";
        case StepName::Copy: return "copy";
        case StepName::Index: return "index";
        case StepName::Verify: return "verify";
    }
    return "?";
}

int step_number(StepName step) { return static_cast<int>(step) + 1; }

std::string tool_name(StepName step) { return "m2pg-" + std::string(step_name(step)); }

StepName parse_step_name(std::string_view name) {
    for (StepName step : kSteps)
        if (step_name(step) == name) return step;
    throw UsageError("unknown step '" + std::string(name) + "': expected check, schema, copy, index or verify");
}

void validate(const RunOptions& o) {
    if (o.truncate && !o.fix_varchar) throw UsageError("--truncate only applies to --fix-varchar");
    if (o.fix_artifacts && o.profile.empty())
        throw UsageError("--fix-artifacts needs --profile: the profile lists the artifacts");
    if (o.profile.empty() && !o.migrations_dir.empty())
        throw UsageError("--migrations-dir needs --profile: without one the schema is generated from MySQL");
    if (o.profile.empty() && !o.app_version.empty())
        throw UsageError("--app-version needs --profile: the profile says where the app's migrations are");
    if (o.profile.empty() && !o.plugin.empty())
        throw UsageError("--plugin needs --profile: the profile lists each plugin's tables");
    if (o.jobs && (*o.jobs < 1 || *o.jobs > 64)) throw UsageError("--jobs must be between 1 and 64");
    if (o.work_dir.empty()) throw UsageError("--work-dir must not be empty");
    const auto mysql = util::parse_mysql_dsn(o.mysql);
    if (mysql.database.empty())
        throw UsageError("the MySQL DSN names no database: add /dbname (for example user@tcp(host:3306)/chat)");
    util::parse_pg_dsn(o.postgres);
}

std::filesystem::path report_path(const RunOptions& options) { return options.work_dir / "check-report.json"; }

std::filesystem::path default_work_dir(const std::string& plugin) {
    return plugin.empty() ? "m2pg-run" : "m2pg-run-" + plugin;
}

bool plugin_has_migrations(const profile::Profile& profile, const RunOptions& o) {
    const profile::Plugin& plugin = profile::find_plugin(profile, o.plugin);
    if (!o.migrations_dir.empty() || !plugin.postgres_migrations.empty()) return true;
    if (o.app_version.empty()) return false;
    if (!plugin.fetch)
        throw UsageError("--app-version with --plugin " + o.plugin + ": profile " + profile.name +
                         " says nowhere to fetch the plugin's releases from, and the plugin ships no Postgres "
                         "migrations (its tables are made from the MySQL catalog): leave --app-version out");
    return true;
}

bool copy_builds_indexes(const Step& copy) {
    return copy.name == StepName::Copy &&
           std::find(copy.args.begin(), copy.args.end(), "--with-indexes") != copy.args.end();
}

std::vector<Step> build_steps(const RunOptions& options, const StepFacts& facts) {
    validate(options);
    const Servers servers{util::split_mysql_password(options.mysql), util::split_pg_password(options.postgres)};
    return {check_step(options, servers), schema_step(options, servers, facts), copy_step(options, servers, facts),
            index_step(options, servers, facts), verify_step(options, servers)};
}

std::string shell_quote(std::string_view text) {
    bool plain = !text.empty();
    for (char c : text) plain = plain && is_plain_shell_char(c);
    if (plain) return std::string(text);
    std::string out = "'";
    for (char c : text) {
        if (c == '\'') out += "'\\''";
        else out += c;
    }
    return out + "'";
}

std::string command_text(const std::string& program, const Step& step) {
    std::string out;
    for (const auto& [name, value] : step.env) out += name + "=*** ";
    out += shell_quote(program);
    for (const auto& arg : step.args) out += " " + shell_quote(arg);
    return out;
}

}  // namespace m2pg::run
