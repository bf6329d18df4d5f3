// m2pg run: the whole migration, steps 1-5 in order, each by its own tool.
#include <CLI/CLI.hpp>

#include <filesystem>
#include <optional>
#include <string>

#include "common/run_main.hpp"
#include "common/table_flags.hpp"
#include "run/run.hpp"
#include "run/steps.hpp"

int main(int argc, char** argv) {
    return m2pg::tools::run_main("run", argc, argv, [](CLI::App& app, int n, char** args) {
        m2pg::tools::ServerFlags servers;
        m2pg::run::RunOptions options;
        std::string work_dir;
        std::string from_step;
        int jobs = 0;
        app.description(
            "Each step runs as its own tool (m2pg-check, ...) with its output shown as it prints it. Stops at the first step that fails, with\n"
            "that step's exit code. Finished steps are recorded in the target (m2pg_state.run_steps, with the source's\n"
            "identity; the work directory caches them), so running the same command again skips them and\n"
            "continues (an interrupted copy with --resume); verify always runs. A target database recreated\n"
            "since gets a fresh run; a target holding another source's run is refused (exit 7).\n"
            "  1 check   MYSQL_DSN --output WORK/check-report.json (+ the --fix flags, with --apply; + --migrations-dir)\n"
            "  2 schema  PG_DSN --run-migrations --profile P --applied-migrations WORK/check-report.json\n"
            "            (+ --migrations-dir, --app-version),\n"
            "            or without a profile PG_DSN --from-mysql MYSQL_DSN\n"
            "  3 copy    --mysql --postgres --yes --with-indexes (+ --resume when an earlier copy stopped part-way):\n"
            "            each table's indexes are built as soon as it is copied, as step 4 would build them\n"
            "  4 index   done by copy --with-indexes when copy ran in this run; else PG_DSN --create-indexes with\n"
            "            --profile P, or without one --from-mysql MYSQL_DSN\n"
            "  5 verify  --mysql --postgres\n"
            "After the last step, a profile's next step (mattermost: the config to switch to PostgreSQL) is printed.\n"
            "--plugin NAME, after the core's run, moves one plugin: every step gets --plugin NAME; schema applies the\n"
            "plugin's own Postgres migrations when it has them (the profile's, --migrations-dir or --app-version),\n"
            "else there is no schema step, copy gets --create-tables and index --from-mysql MYSQL_DSN.\n"
            "Passwords in the DSNs reach the steps as MYSQL_PWD / PGPASSWORD, never on their command lines; the\n"
            "--mysql-ssl-* flags reach them as parameters of the MySQL DSN (ssl-mode=, ssl-ca=, ...).");
        m2pg::tools::add_server_flags(app, servers);
        app.add_option("--profile", options.profile,
                       "application profile (migrations/<name> or a folder): schema from the app's migrations; "
                       "without it the schema is generated from MySQL");
        app.add_option("--migrations-dir", options.migrations_dir,
                       "schema applies the app's Postgres migrations from this directory (needs --profile; for "
                       "profiles that ship none, like mattermost)");
        app.add_option("--app-version,--mattermost-version", options.app_version,
                       "schema takes the migrations of this app release: fetched when the profile says from where "
                       "(m2pg schema --app-version)");
        app.add_option("--plugin", options.plugin,
                       "move this plugin of the profile instead of the core (after the core's run); "
                       "--migrations-dir and --app-version then name the plugin's migrations");
        app.add_option("--jobs", jobs, "parallel copy workers (m2pg copy --jobs; default: copy's)")
            ->check(CLI::Range(1, 64));
        app.add_option("--work-dir", work_dir,
                       "where the run keeps its state and check's report (default ./m2pg-run, with --plugin NAME "
                       "./m2pg-run-NAME)");
        app.add_flag("--fix-artifacts", options.fix_artifacts, "check applies --fix-artifacts (needs --profile)");
        app.add_flag("--fix-unicode", options.fix_unicode, "check applies --fix-unicode");
        app.add_flag("--fix-varchar", options.fix_varchar, "check applies --fix-varchar");
        app.add_flag("--truncate", options.truncate, "with --fix-varchar: cut over-long values instead of deleting rows");
        app.add_option("--from-step", from_step, "run this step again, and every later one, even if recorded done")
            ->check(CLI::IsMember({"check", "schema", "copy", "index", "verify"}));
        app.add_flag("--yes,-y", options.yes, "do not ask for confirmation (required without a terminal)");
        app.parse(n, args);

        options.mysql = servers.mysql_dsn();
        options.postgres = servers.postgres;
        options.work_dir = work_dir.empty() ? m2pg::run::default_work_dir(options.plugin) : std::filesystem::path(work_dir);
        if (jobs > 0) options.jobs = jobs;
        if (!from_step.empty()) options.from_step = m2pg::run::parse_step_name(from_step);
        return m2pg::run::run_pipeline(options);
    });
}
