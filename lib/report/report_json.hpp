#pragma once
// The report file: one JSON object, "format": "m2pg-report", "version": 1 (docs/report-format.md).
#include <filesystem>
#include <string>
#include <string_view>

#include "report/report.hpp"

namespace m2pg::report {

// The whole report as pretty-printed JSON text ending in a newline.
std::string to_json_text(const Report& report);

// Parses report text. Throws UsageError naming `origin` and the problem: not JSON, not an
// m2pg report, a version newer than this build reads, a missing or mistyped field.
Report parse_report(std::string_view text, std::string_view origin = "report");

// Reads and parses a report file; throws UsageError when it cannot be read.
Report read_report(const std::filesystem::path& path);

enum class Overwrite { Refuse, Replace };

// Writes the report to `path` through a temporary file renamed into place, so a reader
// never sees half a report. An existing file is kept unless `overwrite` is Replace:
// UsageError naming the file and --force (migration-assist overwrote it even after "N").
void write_report(const Report& report, const std::filesystem::path& path, Overwrite overwrite);

}  // namespace m2pg::report
