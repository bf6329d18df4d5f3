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

struct AppliedList {
    std::vector<std::int64_t> versions;  // sorted, without duplicates
    // m2pg check's "applied_migrations_table": the MySQL table the versions were read from
    // (the app's, or with --plugin the plugin's). Empty when the file does not say.
    std::string table;
    std::string source;  // the file, for messages
};

// Parses the document; `source` names it in errors. Throws UsageError for malformed JSON,
// another format, a newer report version, or an entry that is not a non-negative integer
// version.
AppliedList parse_applied_list(const std::string& json_text, const std::string& source);
// The versions alone.
std::vector<std::int64_t> parse_applied_migrations(const std::string& json_text, const std::string& source);

// Reads and parses the file; UsageError when it cannot be read.
AppliedList read_applied_list(const std::string& path);

// Throws UsageError when the list says it was read from another table than `history_table`
// (ASCII case ignored), the one the migrations about to run record versions in: the app's
// list given to a plugin's migrations, or the other way round, would apply the wrong versions.
// A list that does not say (migration-assist's) passes.
void require_list_for(const AppliedList& list, const std::string& history_table, const std::string& what);

// "000131..000135, 000140": versions as zero-padded labels, consecutive runs collapsed.
std::string describe_versions(const std::vector<std::int64_t>& sorted_versions);

}  // namespace m2pg::migrate
