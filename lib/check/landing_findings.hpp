#pragma once
// What pairing the MySQL tables with a given target says before a row is read: a table the
// target lacks, a column it lacks, a type pair the copy has no exact conversion for. Each
// stops the copy (copy/plan refuses them), so each is an error. Pure.
#include <cstdint>
#include <vector>

#include "check/targets.hpp"
#include "report/report.hpp"

namespace m2pg::check {

// No findings when no target was given: the generated DDL fits every table by design.
// `rows`: the MySQL table's row count (a column no row fills matters only when rows exist).
std::vector<report::Finding> landing_findings(const TableLanding& table, const TargetSchema& target,
                                              std::uint64_t rows);

}  // namespace m2pg::check
