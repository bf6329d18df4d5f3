// m2pg check: is this MySQL/MariaDB database ready to migrate? Findings, lossless fixes,
// and the report file an air-gapped `m2pg schema` reads (docs/check.md).
#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>
#include <string>

#include <unistd.h>

#include "check/check.hpp"
#include "check/summary.hpp"
#include "common/mysql_tls_flags.hpp"
#include "common/run_main.hpp"
#include "common/table_flags.hpp"
#include "profile/profile.hpp"
#include "report/report_json.hpp"
#include "util/confirm.hpp"
#include "util/dsn.hpp"
#include "util/error.hpp"

namespace {

struct Flags {
    std::string dsn;
    m2pg::tools::MysqlTlsFlags mysql_tls;
    std::string profile;
    std::string plugin;
    std::string target;
    std::string target_schema = "public";
    std::string migrations_dir;
    std::string app_version;
    std::string app_repository;
    std::string output;
    std::string archive_database = "m2pg_archive";
    std::string archive_file;
    std::size_t batch_rows = 1000;
    bool force = false;
    bool fix_artifacts = false;
    bool fix_unicode = false;
    bool fix_varchar = false;
    bool truncate = false;
    bool apply = false;
    bool restore = false;
};

// An existing report is replaced only with --force or a "y" typed at a terminal; anything
// else keeps it (migration-assist wrote the file even after "N").
m2pg::report::Overwrite may_overwrite(const Flags& f) {
    if (f.output.empty() || !std::filesystem::exists(f.output)) return m2pg::report::Overwrite::Refuse;
    if (f.force) return m2pg::report::Overwrite::Replace;
    if (::isatty(STDIN_FILENO) && ::isatty(STDERR_FILENO) &&
        m2pg::util::ask_yes_no("Report file " + f.output + " already exists. Overwrite it?", std::cerr))
        return m2pg::report::Overwrite::Replace;
    throw m2pg::UsageError("report file " + f.output + " already exists; not overwritten (use --force)");
}

}  // namespace

int main(int argc, char** argv) {
    return m2pg::tools::run_main("check", argc, argv, [](CLI::App& app, int n, char** args) {
        Flags f;
        app.description(
            "Findings are errors (the copy would fail or lose data), warnings (behaviour changes) or info.\n"
            "The data is compared with the column it lands in: --target (a Postgres that has the schema),\n"
            "--migrations-dir or the profile's migrations (offline), else the DDL m2pg would generate.\n"
            "Fixes change nothing without --apply; with it every changed or removed row is archived first\n"
            "(database m2pg_archive and a JSON-lines file), and --restore-archive puts them back.\n"
            "The JSON report goes to --output FILE, or to stdout when stdout is not a terminal.\n"
            "Exit: 0 ready, 1 errors remain, 2 usage, 3 MySQL failed, 4 Postgres (--target) failed.");
        app.add_option("MYSQL_DSN", f.dsn, "user:pass@tcp(host:3306)/db or mysql://user@host/db (MYSQL_PWD for the password; TLS: ?tls=true or ssl-mode=, ssl-ca=, or the --mysql-ssl-* flags)")
            ->required();
        m2pg::tools::add_mysql_tls_flags(app, f.mysql_tls);
        app.add_option("--profile", f.profile, "application profile (name under migrations/ or a folder): artifacts, "
                                               "target varchar limits, migration table");
        app.add_option("--plugin", f.plugin, "check only this plugin's tables (needs --profile)");
        app.add_option("--target", f.target,
                       "compare the data with this Postgres, which already has the schema (postgres://... or "
                       "key=value; PGPASSWORD for the password)");
        app.add_option("--schema", f.target_schema, "with --target: the Postgres schema (default public)");
        app.add_option("--migrations-dir", f.migrations_dir,
                       "compare the data with the schema these Postgres migrations (NNNNNN_name.up.sql) make, "
                       "offline; default: the profile's");
        app.add_option("--app-version,--mattermost-version", f.app_version,
                       "compare with the Postgres migrations of this app release, fetched as m2pg schema "
                       "--app-version does (needs --profile)");
        m2pg::tools::add_app_repository_flag(app, f.app_repository);
        app.add_option("--output", f.output, "write the JSON report to FILE (kept if it exists, unless --force)");
        app.add_flag("--force", f.force, "overwrite an existing --output file");
        app.add_flag("--fix-artifacts", f.fix_artifacts, "archive then drop the profile's leftover tables, columns, indexes");
        app.add_flag("--fix-unicode", f.fix_unicode, "strip NUL bytes and \\u0000 JSON escapes, replace invalid UTF-8");
        app.add_flag("--fix-varchar", f.fix_varchar, "archive then delete rows longer than the target varchar(n)");
        app.add_flag("--truncate", f.truncate, "with --fix-varchar: cut values to n characters instead of deleting rows");
        app.add_flag("--apply", f.apply, "run the fixes (without it they are only shown, with row counts)");
        app.add_flag("--restore-archive", f.restore, "put every archived row, column, index and table back");
        app.add_option("--archive-database", f.archive_database, "where archived rows go (default m2pg_archive)");
        app.add_option("--archive-file", f.archive_file,
                       "JSON-lines copy of archived rows (default: FILE.archive.jsonl beside --output, else "
                       "<db>.m2pg-archive.jsonl)");
        app.add_option("--batch-rows", f.batch_rows, "rows per fix transaction (default 1000)")->check(CLI::Range(1, 1000000));
        app.parse(n, args);

        const auto dsn = m2pg::util::parse_mysql_dsn(m2pg::tools::with_mysql_tls_flags(f.dsn, f.mysql_tls));
        if (f.restore) {
            const auto restored = m2pg::check::restore(dsn, f.archive_database);
            for (const auto& line : restored.done) std::cout << "  restored " << line << "\n";
            std::cout << "m2pg check: restored " << restored.entries << " archived actions (" << restored.rows
                      << " rows) into " << dsn.display() << "\n";
            return 0;
        }
        if (f.truncate && !f.fix_varchar) throw m2pg::UsageError("--truncate only applies to --fix-varchar");
        const auto overwrite = may_overwrite(f);

        m2pg::check::CheckOptions options;
        if (!f.profile.empty()) options.profile = m2pg::profile::load_profile(f.profile);
        else if (!f.plugin.empty()) throw m2pg::UsageError("--plugin needs --profile: the profile lists each plugin's tables");
        options.scope.plugin = f.plugin;
        if (!f.target.empty() && !f.migrations_dir.empty())
            throw m2pg::UsageError("--target and --migrations-dir both name the target schema: give one");
        if (!f.target.empty()) options.target = m2pg::util::parse_pg_dsn(f.target);
        options.target_schema = f.target_schema;
        options.migrations_dir = f.migrations_dir;
        if (!f.target.empty() && !f.app_version.empty())
            throw m2pg::UsageError("--target and --app-version both name the target schema: give one");
        options.app_version = f.app_version;
        options.app_repository = f.app_repository;
        options.progress = [](const std::string& line) { std::cerr << "m2pg check: " << line << std::endl; };
        options.fixes.artifacts = f.fix_artifacts;
        options.fixes.unicode = f.fix_unicode;
        options.fixes.varchar = f.fix_varchar;
        options.fixes.varchar_mode = f.truncate ? m2pg::check::VarcharFix::Truncate : m2pg::check::VarcharFix::Delete;
        options.fixes.batch_rows = f.batch_rows;
        options.fixes.archive_database = f.archive_database;
        options.fixes.archive_file = !f.archive_file.empty() ? f.archive_file
                                     : !f.output.empty()     ? f.output + ".archive.jsonl"
                                                             : dsn.database + ".m2pg-archive.jsonl";
        options.apply = f.apply;
        if (options.fixes.artifacts && !options.profile)
            throw m2pg::UsageError("--fix-artifacts needs --profile: the profile lists the artifacts");

        const auto result = m2pg::check::run_check(dsn, options);
        const std::string summary = m2pg::check::render_summary(result);
        if (!f.output.empty()) {
            m2pg::report::write_report(result.report, f.output, overwrite);
            std::cout << summary << "report written to " << f.output << "\n";
        } else if (!::isatty(STDOUT_FILENO)) {
            std::cout << m2pg::report::to_json_text(result.report) << std::flush;
            std::cerr << summary;
        } else {
            std::cout << summary << "(no report file: use --output FILE, or redirect stdout)\n";
        }
        return m2pg::report::has_blockers(result.report) ? 1 : 0;
    });
}
