#pragma once
// The profile's artifacts (leftovers of older app versions) that this database still has.
#include <string>
#include <vector>

#include "profile/profile.hpp"
#include "report/report.hpp"
#include "model/catalog.hpp"

namespace m2pg::check {

struct ArtifactMatch {
    profile::Artifact artifact;
    std::string table;   // the catalog's spelling (names match case-insensitively)
    std::string column;  // Column kind
    std::string index;   // Index kind
};

// The artifacts present in `catalog`, in profile order. Pure.
std::vector<ArtifactMatch> find_artifacts(const model::Catalog& catalog, const profile::Profile& profile);

// `count`: rows of an artifact table, non-NULL values of an artifact column, 0 for an index.
report::Finding artifact_finding(const ArtifactMatch& match, std::uint64_t count);

}  // namespace m2pg::check
