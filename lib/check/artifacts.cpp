#include "check/artifacts.hpp"

#include "model/lookup.hpp"
#include "util/text.hpp"

namespace m2pg::check {

std::vector<ArtifactMatch> find_artifacts(const model::Catalog& catalog, const profile::Profile& profile) {
    std::vector<ArtifactMatch> out;
    for (const auto& a : profile.artifacts) {
        const model::Table* t = model::find_table_ci(catalog, a.table);
        if (!t) continue;
        ArtifactMatch m{a, t->name, {}, {}};
        switch (a.kind) {
            case profile::ArtifactKind::Table: out.push_back(m); break;
            case profile::ArtifactKind::Column:
                for (const auto& c : t->columns)
                    if (util::ascii_iequals(c.name, a.column)) {
                        m.column = c.name;
                        out.push_back(m);
                    }
                break;
            case profile::ArtifactKind::Index:
                for (const auto& i : t->indexes)
                    if (util::ascii_iequals(i.name, a.index)) {
                        m.index = i.name;
                        out.push_back(m);
                    }
                break;
        }
    }
    return out;
}

report::Finding artifact_finding(const ArtifactMatch& m, std::uint64_t count) {
    report::Finding f;
    f.severity = report::Severity::Error;
    f.code = "artifact";
    f.table = m.table;
    f.column = m.column;
    f.count = count;
    const std::string reason = m.artifact.reason.empty() ? "" : ": " + m.artifact.reason;
    switch (m.artifact.kind) {
        case profile::ArtifactKind::Table:
            f.message = "table " + m.table + " (" + std::to_string(count) + " rows) is a leftover of an older app version" + reason;
            break;
        case profile::ArtifactKind::Column:
            f.message = "column " + m.table + "." + m.column + " (" + std::to_string(count) +
                        " non-NULL values) is a leftover of an older app version" + reason;
            break;
        case profile::ArtifactKind::Index:
            f.message = "index " + m.index + " on " + m.table + " is a leftover of an older app version" + reason;
            break;
    }
    f.fix = "--fix-artifacts --apply archives then drops it (m2pg check --restore-archive brings it back)";
    return f;
}

}  // namespace m2pg::check
