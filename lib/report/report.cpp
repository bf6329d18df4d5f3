#include "report/report.hpp"

#include <algorithm>

#include "util/error.hpp"

namespace m2pg::report {

std::string_view severity_name(Severity severity) {
    switch (severity) {
        case Severity::Error: return "error";
        case Severity::Warning: return "warning";
        case Severity::Info: return "info";
    }
    return "info";
}

Severity parse_severity(std::string_view name) {
    if (name == "error") return Severity::Error;
    if (name == "warning") return Severity::Warning;
    if (name == "info") return Severity::Info;
    throw UsageError("unknown finding severity '" + std::string(name) + "' (expected error, warning or info)");
}

std::size_t count_findings(const Report& report, Severity severity) {
    return static_cast<std::size_t>(std::count_if(report.findings.begin(), report.findings.end(),
                                                  [&](const Finding& f) { return f.severity == severity; }));
}

bool has_blockers(const Report& report) { return count_findings(report, Severity::Error) > 0; }

}  // namespace m2pg::report
