#pragma once
// What a probe that hit says: severity, message (rows, table.column, the target's reason)
// and the fix. Pure.
#include <cstdint>
#include <string>
#include <vector>

#include "check/probes.hpp"
#include "model/catalog.hpp"
#include "report/report.hpp"

namespace m2pg::check {

// The finding for a probe that hit `count` rows; `types_source` says where the target's
// types came from (TableLanding::source_of_types).
report::Finding probe_finding(const model::Table& table, const Probe& probe, std::uint64_t count,
                              std::vector<std::string> sample_keys, const std::string& types_source);

}  // namespace m2pg::check
