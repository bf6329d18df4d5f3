#pragma once
// What verify prints: a line per table, the rows that differ, the findings and one verdict
// line; or the same as one JSON document for scripts.
#include <string>

#include <nlohmann/json.hpp>

#include "verify/verify.hpp"

namespace m2pg::verify {

// The human report, ending with the verdict line.
std::string format_report(const VerifyResult& result);

// "verify: OK — 14 tables, 1,234,567 rows identical" or "verify: DIFFERENCES in 2 tables".
std::string verdict(const VerifyResult& result);

nlohmann::json to_json(const VerifyResult& result);

std::string status_name(TableStatus status);
std::string diff_name(DiffKind kind);

// 1234567 → "1,234,567".
std::string with_commas(std::uint64_t n);

}  // namespace m2pg::verify
