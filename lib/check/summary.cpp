#include "check/summary.hpp"

#include <sstream>

#include "check/catalog_findings.hpp"

namespace m2pg::check {

namespace {

std::string where(const report::Finding& f) {
    if (f.table.empty()) return "";
    return f.table + (f.column.empty() ? "" : "." + f.column) + ": ";
}

}  // namespace

std::string render_summary(const CheckResult& result) {
    const report::Report& r = result.report;
    std::ostringstream out;
    out << "m2pg check: " << r.source << " (" << r.server.version << ")"
        << (r.profile.empty() ? "" : ", profile " + r.profile) << "\n";
    out << "  " << r.catalog.tables.size() << " tables, " << r.estimate.rows << " rows, " << human_bytes(r.estimate.bytes)
        << "; estimated copy " << human_duration(r.estimate.seconds) << "\n";
    if (!result.target_source.empty()) out << "  target: " << result.target_source << "\n";
    out << "  applied migrations: " << r.applied_migrations.size();
    if (!r.applied_migrations.empty()) out << " (last " << r.applied_migrations.back() << ")";
    out << "\n";
    for (auto severity : {report::Severity::Error, report::Severity::Warning}) {
        for (const auto& f : r.findings) {
            if (f.severity != severity) continue;
            out << "  " << report::severity_name(severity) << " [" << f.code << "] " << where(f) << f.message << "\n";
            if (!f.sample_keys.empty()) {
                out << "      keys:";
                for (const auto& k : f.sample_keys) out << " " << k;
                out << "\n";
            }
            if (!f.fix.empty()) out << "      fix: " << f.fix << "\n";
        }
    }
    if (!result.planned.empty() && !result.applied) {
        out << "\nfixes (dry run: nothing changed; add --apply to run them):\n";
        for (const auto& p : result.planned) {
            out << "  " << p.fix << ": " << action_name(p.action) << " " << p.table
                << (p.column.empty() ? "" : "." + p.column) << (p.object.empty() ? "" : " index " + p.object) << ", "
                << p.rows << " rows\n";
            for (const auto& s : p.statements) out << "      " << s << "\n";
        }
    }
    if (result.applied) {
        out << "\nfixes applied (originals archived; m2pg check DSN --restore-archive puts them back):\n";
        if (r.fixes_applied.empty()) out << "  none needed\n";
        for (const auto& f : r.fixes_applied)
            out << "  " << f.fix << ": " << f.action << " " << f.table << (f.column.empty() ? "" : "." + f.column) << ", "
                << f.rows << " rows archived in " << f.archive << "\n";
    }
    const std::size_t errors = report::count_findings(r, report::Severity::Error);
    out << "\n" << errors << " errors, " << report::count_findings(r, report::Severity::Warning) << " warnings, "
        << report::count_findings(r, report::Severity::Info) << " info: "
        << (errors ? "NOT ready (errors block the migration)" : "ready") << "\n";
    return out.str();
}

}  // namespace m2pg::check
