#pragma once
// Findings that need only the catalog and the server settings: charsets and collations,
// objects not migrated, FULLTEXT, generated columns, keys, type notes, size and copy time.
// Pure: the data checks (probes, unique keys) and artifacts need the server and live
// elsewhere.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "convert/types.hpp"
#include "profile/profile.hpp"
#include "profile/scope.hpp"
#include "report/report.hpp"
#include "model/catalog.hpp"

namespace m2pg::check {

// The copy rate the estimate assumes: 50 MB/s of on-disk table data, what one MySQL
// reader feeding COPY sustains on modest hardware (DESIGN.md: 18.5 s for a 2M-post chat
// database). An estimate for planning a maintenance window, not a promise.
inline constexpr double kCopyBytesPerSecond = 50.0 * 1000 * 1000;

struct CatalogContext {
    const profile::Profile* profile = nullptr;  // borrowed; null without --profile
    const profile::Scope* scope = nullptr;      // borrowed; null: every table is in scope
    convert::TypeConfig types;
    report::ServerInfo server;
    std::map<std::string, std::uint64_t> row_counts;  // exact counts when known, else estimates are used
    double copy_bytes_per_second = kCopyBytesPerSecond;
};

std::vector<report::Finding> catalog_findings(const model::Catalog& catalog, const CatalogContext& context);

// Rows from row_counts (TABLE_ROWS when a table is missing there), bytes from DATA_LENGTH,
// seconds = bytes / rate. Tables out of scope are left out.
report::CopyEstimate estimate_copy(const model::Catalog& catalog, const CatalogContext& context);

// The key to add to a table without a primary key: a unique index over NOT NULL columns
// promoted, else a new auto-increment column.
std::string suggest_primary_key(const model::Table& table);

// "1.2 GB", "850 kB": decimal units, one decimal.
std::string human_bytes(std::uint64_t bytes);
// "45 s", "12 min", "3.5 h".
std::string human_duration(double seconds);

}  // namespace m2pg::check
