#include "check/check.hpp"

#include <chrono>
#include <ctime>

#include "check/artifacts.hpp"
#include "check/catalog_findings.hpp"
#include "check/data_scan.hpp"
#include "check/landing_findings.hpp"
#include "check/probes.hpp"
#include "check/server_info.hpp"
#include "check/targets.hpp"
#include "migrate/fetch.hpp"
#include "migrate/source.hpp"
#include "source/mysql/catalog.hpp"
#include "util/error.hpp"

namespace m2pg::check {

namespace {

std::string utc_now() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

bool has_up_migrations(const std::filesystem::path& directory) {
    std::error_code ec;
    if (directory.empty() || !std::filesystem::is_directory(directory, ec)) return false;
    for (const auto& entry : std::filesystem::directory_iterator(directory, ec))
        if (entry.path().filename().string().ends_with(".up.sql")) return true;
    return false;
}

// --target, else the app's Postgres migrations as m2pg schema finds them (--migrations-dir,
// the profile's or plugin's folder, or the release --app-version fetches), else the
// generated DDL. Migrations are played up to what the MySQL side applied (`applied`, its
// migrations table), as m2pg schema --applied-migrations will apply them.
TargetSchema read_target(const CheckOptions& o, const std::vector<std::int64_t>& applied) {
    if (o.target) return target_from_database(*o.target, o.target_schema);
    const profile::Profile* app = o.profile ? &*o.profile : nullptr;
    const profile::Plugin* plugin = app && !o.scope.plugin.empty() ? &profile::find_plugin(*app, o.scope.plugin) : nullptr;
    const bool ships_migrations = plugin ? has_up_migrations(plugin->postgres_migrations)
                                         : app && has_up_migrations(app->postgres_migrations);
    if (o.migrations_dir.empty() && o.app_version.empty() && !ships_migrations) return generated_target();
    auto source = migrate::resolve_source(app, {o.scope.plugin, o.migrations_dir, o.app_version, o.target_schema});
    if (source.fetch)
        source.directory = migrate::fetch_migrations(*source.fetch, {o.app_repository, migrate::default_cache_root()},
                                                     o.progress);
    return target_from_migrations(source.directory, source.history, applied);
}

struct Pass {
    model::Catalog catalog;
    report::ServerInfo server;
    std::vector<report::Finding> findings;
    std::map<std::string, std::uint64_t> row_counts;
    std::vector<ArtifactMatch> artifacts;
    TargetLimits limits;
    std::string target_source;
    AppliedMigrations migrations;
    profile::Scope scope;  // points into catalog: a Pass is not copied
};

// The table that records the app's migrations: the plugin's with --plugin, else the profile's.
std::string migrations_table(const CheckOptions& o) {
    if (!o.profile) return "db_migrations";
    if (!o.scope.plugin.empty()) {
        const auto& plugin = profile::find_plugin(*o.profile, o.scope.plugin);
        if (!plugin.migrations_table.empty()) return plugin.migrations_table;
    }
    return o.profile->migrations_table;
}

AppliedMigrations applied_migrations(source::mysql::MysqlConnection& c, const std::string& database,
                                     const CheckOptions& o) {
    return read_applied_migrations(c, database, migrations_table(o), o.profile ? o.profile->version_column : "version");
}

// One full check: everything the report holds, nothing changed.
Pass check_once(source::mysql::MysqlConnection& c, const std::string& database, const CheckOptions& o,
                const TargetSchema& target) {
    Pass p;
    p.catalog = source::mysql::read_catalog(c, database);
    p.server = read_server_info(c);
    const profile::Profile* app = o.profile ? &*o.profile : nullptr;
    const convert::TypeConfig types = profile::with_casts(o.types, app);
    p.scope = profile::resolve_scope(p.catalog, app, o.scope);
    p.target_source = target.source;
    p.migrations = applied_migrations(c, database, o);
    const std::string table = migrations_table(o);

    std::vector<report::Finding> data;
    std::vector<TableLanding> landings;
    for (const auto& t : p.catalog.tables) {
        std::vector<Probe> probes;
        std::string types_source;
        const bool skipped = !p.scope.contains(t.name);
        if (!skipped) {
            try {
                landings.push_back(land_table(t, target, types));
            } catch (Error& e) {
                e.add_context("pairing " + t.name + " with " + target.source);
                throw;
            }
            probes = plan_probes(landings.back());
            types_source = landings.back().source_of_types;
        }
        TableScan scan = scan_table(c, t, probes, types_source);
        p.row_counts[t.name] = scan.rows;
        if (!skipped)
            for (auto& f : landing_findings(landings.back(), target, scan.rows)) data.push_back(std::move(f));
        for (auto& f : scan.findings) data.push_back(std::move(f));
        if (!skipped)
            for (auto& f : unique_case_findings(c, t)) data.push_back(std::move(f));
    }
    p.limits = limits_of(landings);

    if (o.profile) {
        p.artifacts = find_artifacts(p.catalog, *o.profile);
        for (const auto& a : p.artifacts) {
            std::uint64_t count = 0;
            if (a.artifact.kind == profile::ArtifactKind::Table)
                count = p.row_counts[a.table];
            else if (a.artifact.kind == profile::ArtifactKind::Column)
                count = std::stoull(c.scalar("SELECT COUNT(" + source::mysql::quote_ident(a.column) + ") FROM " +
                                             source::mysql::quote_ident(a.table))
                                        .value_or("0"));
            p.findings.push_back(artifact_finding(a, count));
        }
    }
    if (!p.migrations.table_found)
        p.findings.push_back(report::Finding{report::Severity::Info, "no_migrations_table", table, "", 0, {},
                                             "no migration table " + table +
                                                 " in this database: applied_migrations is empty",
                                             o.profile ? "check the profile's [migrations] table" : ""});

    CatalogContext context;
    context.profile = app;
    context.scope = &p.scope;
    context.types = types;
    context.server = p.server;
    context.row_counts = p.row_counts;
    if (o.copy_bytes_per_second > 0) context.copy_bytes_per_second = o.copy_bytes_per_second;
    for (auto& f : catalog_findings(p.catalog, context)) p.findings.push_back(std::move(f));
    for (auto& f : data) p.findings.push_back(std::move(f));
    return p;
}

}  // namespace

CheckResult run_check(source::mysql::MysqlConnection& c, const std::string& database, const CheckOptions& o) {
    CheckResult result;
    const TargetSchema target = read_target(o, applied_migrations(c, database, o).versions);
    Pass pass = check_once(c, database, o, target);
    const bool any_fix = o.fixes.artifacts || o.fixes.unicode || o.fixes.varchar;
    if (any_fix) {
        result.planned = plan_fixes(c, pass.catalog, pass.findings, pass.artifacts, pass.limits, o.fixes);
        if (o.apply) {
            result.report.fixes_applied = apply_fixes(c, pass.catalog, result.planned, o.fixes);
            result.applied = true;
            // migration-assist never looked again; the report shows what remains.
            pass = check_once(c, database, o, target);
        }
    }
    report::Report& r = result.report;
    r.generated_by = "m2pg check";
    r.generated_at = utc_now();
    r.profile = o.profile ? o.profile->name : "";
    r.server = pass.server;
    r.applied_migrations = pass.migrations.versions;
    r.applied_migrations_table = migrations_table(o);
    r.target = pass.target_source;
    r.row_counts = pass.row_counts;
    CatalogContext context;
    context.profile = o.profile ? &*o.profile : nullptr;
    context.scope = &pass.scope;
    context.row_counts = pass.row_counts;
    if (o.copy_bytes_per_second > 0) context.copy_bytes_per_second = o.copy_bytes_per_second;
    r.estimate = estimate_copy(pass.catalog, context);
    r.catalog = std::move(pass.catalog);
    r.findings = std::move(pass.findings);
    result.target_source = pass.target_source;
    return result;
}

CheckResult run_check(const util::MysqlDsn& dsn, const CheckOptions& o) {
    if (dsn.database.empty()) throw UsageError("the MySQL DSN names no database: " + dsn.display());
    source::mysql::MysqlConnection c(dsn);
    CheckResult result = run_check(c, dsn.database, o);
    result.report.source = dsn.display();
    return result;
}

RestoreResult restore(const util::MysqlDsn& dsn, const std::string& archive_database) {
    if (dsn.database.empty()) throw UsageError("the MySQL DSN names no database: " + dsn.display());
    source::mysql::MysqlConnection c(dsn);
    return restore_archive(c, dsn.database, archive_database);
}

}  // namespace m2pg::check
