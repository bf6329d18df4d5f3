#pragma once
// The terminal's view of a check: what a person reads, while the report file is for machines.
#include <string>

#include "check/check.hpp"

namespace m2pg::check {

// Counts per severity, every error and warning with its count, sample keys and fix, the
// fixes planned (statements and rows) or applied, and the verdict line.
std::string render_summary(const CheckResult& result);

}  // namespace m2pg::check
