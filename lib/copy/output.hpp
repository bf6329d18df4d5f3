#pragma once
// What m2pg copy shows: the dry-run plan, progress lines, the end summary and the
// Prometheus metrics file. Pure formatting (the tool decides where it goes).
#include <string>
#include <vector>

#include "copy/engine.hpp"

namespace m2pg::copy {

// Per table: rows, chunks, target, order; plus the plan's notes.
std::string format_plan(const CopyPlan& plan, bool counts_are_exact);

// One line per table that is running or just finished: rows, MB/s, ETA.
std::string format_progress(const std::vector<TableProgress>& tables);

// The end table: rows read/written, NULs stripped, zero dates nulled, time, MB/s, and
// each table's error.
std::string format_summary(const CopyResult& result);

// Prometheus text format (m2pg_copy_rows_total{table=...}, m2pg_copy_bytes_total,
// m2pg_copy_table_failed, m2pg_copy_finished 0/1). Written to a temp file and renamed, so
// a scraper never reads half a file.
void write_metrics(const std::string& path, const std::vector<TableProgress>& tables, bool finished);

}  // namespace m2pg::copy
