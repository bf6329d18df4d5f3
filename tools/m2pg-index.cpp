// m2pg index: after the copy, put back what copy set aside (the app's indexes and
// constraints, its materialized views refreshed), build the full-text indexes and (with
// --create-indexes) every deferred index, primary key, foreign key, CHECK constraint,
// sequence position and statistics.
#include <CLI/CLI.hpp>

#include <unistd.h>

#include <iostream>

#include "common/index_events.hpp"
#include "common/run_main.hpp"
#include "common/table_flags.hpp"
#include "index/plan.hpp"
#include "index/run.hpp"
#include "index/sources.hpp"
#include "util/dsn.hpp"
#include "util/error.hpp"

namespace {

using m2pg::index::Outcome;
using m2pg::tools::seconds_text;

}  // namespace

int main(int argc, char** argv) {
    return m2pg::tools::run_main("index", argc, argv, [](CLI::App& app, int n, char** args) {
        std::string pg_dsn;
        std::string progress = "auto";
        m2pg::index::SourceOptions sources;
        m2pg::index::IndexOptions options;
        app.description(
            "After the copy, put back everything copy took away: the indexes and constraints it saved in the\n"
            "target (m2pg_state.saved_definitions) and dropped before writing into the app's existing tables, each\n"
            "exactly as it was, and REFRESH the app's materialized views that read them. Also build the\n"
            "full-text indexes (the profile's, else one GIN index over to_tsvector per MySQL FULLTEXT index)\n"
            "and, with --create-indexes, every index, primary key (built as a unique index, attached at the end),\n"
            "foreign key and MySQL CHECK constraint (NOT VALID, then VALIDATE) the schema step deferred. After\n"
            "such a copy, or with --create-indexes: sequences past max(id), and ANALYZE. Largest builds first, a\n"
            "GIN build counting as the most work. What exists is skipped and each saved definition is marked\n"
            "done once back, so a re-run after a kill finishes only what is missing; an INVALID index left by a\n"
            "killed build is rebuilt.");
        app.add_option("PG_DSN", pg_dsn, "target PostgreSQL (postgresql://user@host:5432/db or 'host=... dbname=...')")
            ->required();
        app.add_option("--profile", sources.profile, "application profile whose full-text indexes to build (migrations/<name>)");
        app.add_option("--plugin", sources.scope.plugin, "build only this plugin's indexes of the profile and catalog (needs --profile); what copy set aside is put back in any case");
        app.add_option("--from-mysql", sources.mysql_dsn, "MySQL/MariaDB DSN whose catalog names the indexes and keys");
        m2pg::tools::MysqlTlsFlags mysql_tls;
        m2pg::tools::add_mysql_tls_flags(app, mysql_tls);
        app.add_option("--from-report", sources.report_file, "m2pg check's report file: the MySQL catalog, offline");
        app.add_flag("--create-indexes", options.create_indexes,
                     "also every index, primary key, foreign key and CHECK constraint of the MySQL catalog that the "
                     "schema step deferred, sequence positions, then ANALYZE (what copy set aside is put back "
                     "with or without it)");
        app.add_option("--jobs", options.jobs, "sessions building at once (default 2)")->check(CLI::Range(1, 64));
        app.add_flag("--concurrently", options.concurrently,
                     "CREATE INDEX CONCURRENTLY: tables stay writable, builds take longer");
        app.add_option("--maintenance-work-mem", options.maintenance_work_mem,
                       "maintenance_work_mem of each session, e.g. 1GB (default: the server's)");
        app.add_option("--text-search-config", sources.text_search_config,
                       "configuration of full-text indexes generated from MySQL FULLTEXT indexes (default simple)");
        app.add_option("--schema", sources.target_schema, "target Postgres schema (default public)");
        app.add_flag("--dry-run", options.dry_run, "say what would be built, change nothing");
        app.add_option("--progress", progress, "show running builds' progress: auto (on a terminal), always, never")
            ->check(CLI::IsMember({"auto", "always", "never"}));
        app.parse(n, args);

        options.postgres = m2pg::util::parse_pg_dsn(pg_dsn);
        sources.mysql_dsn = m2pg::tools::with_mysql_tls_flags(sources.mysql_dsn, mysql_tls);
        sources.create_indexes = options.create_indexes;
        const bool show_progress = progress == "always" || (progress == "auto" && ::isatty(STDOUT_FILENO));
        options.progress_interval_ms = show_progress ? 2000 : 0;

        const auto loaded = m2pg::index::load_sources(sources, options.postgres);
        const auto plan = m2pg::index::plan_index(loaded.inputs());
        for (const auto& note : plan.notes) std::cerr << "note: " << note << "\n";

        const auto result = m2pg::index::run_index(options, plan, m2pg::tools::print_index_event);
        const std::string target = options.postgres.display();
        if (options.dry_run) {
            std::cout << "m2pg index: dry run on " << target << ": " << result.count(Outcome::Planned)
                      << " to build or finish, " << result.count(Outcome::Skipped) << " already there; nothing changed\n";
            return 0;
        }
        std::cout << "m2pg index: " << m2pg::tools::outcome_counts(result);
        if (options.create_indexes || plan.finishes_copy)
            std::cout << "; " << m2pg::tools::sequences_moved(result) << " sequence(s) moved past max id; "
                      << result.analyzed.size() << " table(s) analyzed";
        std::cout << "; " << seconds_text(result.seconds) << " on " << target << "\n";
        if (!result.succeeded())
            throw m2pg::TargetError(std::to_string(result.count(Outcome::Failed)) + " of " +
                                    std::to_string(result.tasks.size()) + " failed (" +
                                    m2pg::tools::failed_builds(result) +
                                    "); the rest is built: fix the rows named above and run again");
        return 0;
    });
}
