#pragma once
// The checks that read table data: one pass per table for every probe (probes.hpp), then
// sample keys for the probes that hit, and the case-variant check of unique keys.
#include <cstdint>
#include <string>
#include <vector>

#include "check/probes.hpp"
#include "report/report.hpp"
#include "model/catalog.hpp"
#include "source/mysql/connection.hpp"

namespace m2pg::check {

struct TableScan {
    std::uint64_t rows = 0;  // exact COUNT(*)
    std::vector<report::Finding> findings;
};

// Runs scan_sql, then sample_sql for each probe with hits (no samples for a table without
// a usable key). Throws SourceError/ConnectionError with the table as context.
TableScan scan_table(source::mysql::MysqlConnection& connection, const model::Table& table,
                     const std::vector<Probe>& probes, const std::string& types_source);

// Unique keys over case-sensitive text (_bin, _cs) holding values that differ only in
// letter case: fine for MySQL and for a plain Postgres unique index, but they collide as
// soon as the application adds case-insensitive uniqueness (lower(), citext). One info
// finding per such key, counting the rows in colliding groups.
std::vector<report::Finding> unique_case_findings(source::mysql::MysqlConnection& connection,
                                                  const model::Table& table);

}  // namespace m2pg::check
