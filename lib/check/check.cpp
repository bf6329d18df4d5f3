#include "check/check.hpp"

#include <chrono>
#include <ctime>

#include "check/artifacts.hpp"
#include "check/catalog_findings.hpp"
#include "check/data_scan.hpp"
#include "check/probes.hpp"
#include "check/server_info.hpp"
#include "check/targets.hpp"
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

TargetLimits target_limits(const model::Catalog& catalog, const CheckOptions& o, const convert::TypeConfig& types) {
    if (o.profile && !o.profile->postgres_migrations.empty()) {
        TargetLimits limits = limits_from_migrations(o.profile->postgres_migrations);
        if (!limits.varchar_chars.empty()) return limits;
    }
    return limits_from_catalog(catalog, types);
}

struct Pass {
    model::Catalog catalog;
    report::ServerInfo server;
    std::vector<report::Finding> findings;
    std::map<std::string, std::uint64_t> row_counts;
    std::vector<ArtifactMatch> artifacts;
    TargetLimits limits;
    AppliedMigrations migrations;
    profile::Scope scope;  // points into catalog: a Pass is not copied
};

// One full check: everything the report holds, nothing changed.
Pass check_once(source::mysql::MysqlConnection& c, const std::string& database, const CheckOptions& o) {
    Pass p;
    p.catalog = source::mysql::read_catalog(c, database);
    p.server = read_server_info(c);
    const profile::Profile* app = o.profile ? &*o.profile : nullptr;
    const convert::TypeConfig types = profile::with_casts(o.types, app);
    p.scope = profile::resolve_scope(p.catalog, app, o.scope);
    p.limits = target_limits(p.catalog, o, types);
    const std::string table = o.profile ? o.profile->migrations_table : "db_migrations";
    const std::string column = o.profile ? o.profile->version_column : "version";
    p.migrations = read_applied_migrations(c, database, table, column);

    std::vector<report::Finding> data;
    for (const auto& t : p.catalog.tables) {
        std::vector<Probe> probes;
        const bool skipped = !p.scope.contains(t.name);
        if (!skipped) probes = plan_probes(t, p.limits, types);
        TableScan scan = scan_table(c, t, probes, p.limits.source);
        p.row_counts[t.name] = scan.rows;
        for (auto& f : scan.findings) data.push_back(std::move(f));
        if (!skipped)
            for (auto& f : unique_case_findings(c, t)) data.push_back(std::move(f));
    }

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
    Pass pass = check_once(c, database, o);
    const bool any_fix = o.fixes.artifacts || o.fixes.unicode || o.fixes.varchar;
    if (any_fix) {
        result.planned = plan_fixes(c, pass.catalog, pass.findings, pass.artifacts, pass.limits, o.fixes);
        if (o.apply) {
            result.report.fixes_applied = apply_fixes(c, pass.catalog, result.planned, o.fixes);
            result.applied = true;
            // migration-assist never looked again; the report shows what remains.
            pass = check_once(c, database, o);
        }
    }
    report::Report& r = result.report;
    r.generated_by = "m2pg check";
    r.generated_at = utc_now();
    r.profile = o.profile ? o.profile->name : "";
    r.server = pass.server;
    r.applied_migrations = pass.migrations.versions;
    r.row_counts = pass.row_counts;
    CatalogContext context;
    context.profile = o.profile ? &*o.profile : nullptr;
    context.scope = &pass.scope;
    context.row_counts = pass.row_counts;
    if (o.copy_bytes_per_second > 0) context.copy_bytes_per_second = o.copy_bytes_per_second;
    r.estimate = estimate_copy(pass.catalog, context);
    r.catalog = std::move(pass.catalog);
    r.findings = std::move(pass.findings);
    result.limits_source = pass.limits.source;
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
