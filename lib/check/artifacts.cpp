#include "check/artifacts.hpp"

#include <cctype>

namespace m2pg::check {

namespace {

bool equal_ci(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
    return true;
}

const schema::Table* find_table_ci(const schema::Catalog& c, const std::string& name) {
    for (const auto& t : c.tables)
        if (equal_ci(t.name, name)) return &t;
    return nullptr;
}

}  // namespace

std::vector<ArtifactMatch> find_artifacts(const schema::Catalog& catalog, const profile::Profile& profile) {
    std::vector<ArtifactMatch> out;
    for (const auto& a : profile.artifacts) {
        const schema::Table* t = find_table_ci(catalog, a.table);
        if (!t) continue;
        ArtifactMatch m{a, t->name, {}, {}};
        switch (a.kind) {
            case profile::ArtifactKind::Table: out.push_back(m); break;
            case profile::ArtifactKind::Column:
                for (const auto& c : t->columns)
                    if (equal_ci(c.name, a.column)) {
                        m.column = c.name;
                        out.push_back(m);
                    }
                break;
            case profile::ArtifactKind::Index:
                for (const auto& i : t->indexes)
                    if (equal_ci(i.name, a.index)) {
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
