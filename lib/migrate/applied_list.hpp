#pragma once
// The list of migrations the MySQL side had applied, read from a report file, so the
// Postgres schema can be built to exactly that version with no MySQL connection
// (air-gapped). Two formats are accepted:
//   m2pg check's report:        {"format": "m2pg-report", "version": 1, "applied_migrations": [1, 2, ...], ...}
//   migration-assist's output:  {"applied_migrations": [1, 2, 3]}
// An entry may also be an object with a "version" member ({"version": 3, "name": "..."}).
#include <cstdint>
#include <string>
#include <vector>

namespace m2pg::migrate {

// Parses the document; `source` names it in errors. Returns the versions sorted and
// without duplicates. Throws UsageError for malformed JSON, another format, a newer
// report version, or an entry that is not a non-negative integer version.
std::vector<std::int64_t> parse_applied_migrations(const std::string& json_text, const std::string& source);

// Reads and parses the file; UsageError when it cannot be read.
std::vector<std::int64_t> read_applied_migrations(const std::string& path);

// "000131..000135, 000140": versions as zero-padded labels, consecutive runs collapsed.
std::string describe_versions(const std::vector<std::int64_t>& sorted_versions);

}  // namespace m2pg::migrate
