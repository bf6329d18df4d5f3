#include "copy/output.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "util/error.hpp"

namespace m2pg::copy {

namespace {

std::string human_rows(std::uint64_t n) {
    if (n >= 10'000'000) return fmt::format("{:.1f}M", static_cast<double>(n) / 1e6);
    if (n >= 10'000) return fmt::format("{:.1f}k", static_cast<double>(n) / 1e3);
    return std::to_string(n);
}

double mb_per_s(std::uint64_t bytes, double seconds) {
    return seconds > 0 ? static_cast<double>(bytes) / 1e6 / seconds : 0.0;
}

std::string eta(const TableProgress& t) {
    if (!t.started || t.finished || t.rows == 0 || t.rows_expected <= t.rows || t.seconds <= 0) return "";
    double remaining = t.seconds * static_cast<double>(t.rows_expected - t.rows) / static_cast<double>(t.rows);
    return fmt::format(" ETA {:.0f}s", remaining);
}

// Prometheus label values escape backslash, quote and newline.
std::string label(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '\\' || c == '"') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

}  // namespace

std::string format_plan(const CopyPlan& plan, bool counts_are_exact) {
    std::string out = fmt::format("{:<4} {:<32} {:>12} {:>7}  {}\n", "#", "table", counts_are_exact ? "rows" : "rows (est.)",
                                  "chunks", "into");
    int n = 0;
    for (const auto& t : plan.tables) {
        auto pending = std::count(t.chunk_done.begin(), t.chunk_done.end(), false);
        std::string chunks = pending == static_cast<long>(t.chunks.size())
                                 ? std::to_string(t.chunks.size())
                                 : fmt::format("{}/{}", pending, t.chunks.size());
        std::string into = t.pair.target_schema + "." + t.pair.target_name + (t.create ? " (created)" : "");
        if (!t.parents.empty()) into += fmt::format(" after {}", fmt::join(t.parents, ", "));
        out += fmt::format("{:<4} {:<32} {:>12} {:>7}  {}\n", ++n, t.pair.source->name, t.rows_expected, chunks, into);
    }
    out += fmt::format("total: {} tables, {} rows{}, {} chunks to copy\n", plan.tables.size(), plan.rows_expected(),
                       counts_are_exact ? "" : " (estimated)", plan.chunks_pending());
    for (const auto& note : plan.notes) out += "note: " + note + "\n";
    return out;
}

std::string format_progress(const std::vector<TableProgress>& tables) {
    std::string out;
    for (const auto& t : tables) {
        if (!t.started || t.finished || t.failed) continue;
        double pct = t.rows_expected ? 100.0 * static_cast<double>(t.rows) / static_cast<double>(t.rows_expected) : 0;
        out += fmt::format("  {:<28} {:>9} rows {:>5.1f}%  {:>6.1f} MB/s  chunks {}/{}{}\n", t.table,
                           human_rows(t.rows), std::min(pct, 100.0), mb_per_s(t.bytes, t.seconds), t.chunks_done,
                           t.chunks_total, eta(t));
    }
    return out;
}

std::string format_summary(const CopyResult& result) {
    std::string out = fmt::format("{:<28} {:>11} {:>11} {:>8} {:>8} {:>8} {:>8}  {}\n", "table", "rows read",
                                  "rows written", "NULs", "0-dates", "seconds", "MB/s", "status");
    std::uint64_t read = 0, written = 0, nuls = 0, zero = 0, bytes = 0;
    std::string details;
    for (const auto& t : result.tables) {
        std::uint64_t t_nuls = 0, t_zero = 0;
        for (const auto& c : t.columns) {
            t_nuls += c.stats.nuls_stripped;
            t_zero += c.stats.zero_dates_nulled;
            std::string what;
            if (c.stats.nuls_stripped) what += fmt::format(" {} NUL bytes stripped", c.stats.nuls_stripped);
            if (c.stats.json_nul_escapes_stripped)
                what += fmt::format(" {} \\u0000 escapes removed", c.stats.json_nul_escapes_stripped);
            if (c.stats.empty_json_as_object)
                what += fmt::format(" {} empty strings -> {{}} (profile [empty_json])", c.stats.empty_json_as_object);
            if (c.stats.zero_dates_nulled) what += fmt::format(" {} zero dates -> NULL", c.stats.zero_dates_nulled);
            if (c.stats.invalid_utf8_replaced)
                what += fmt::format(" {} invalid UTF-8 sequences -> U+FFFD", c.stats.invalid_utf8_replaced);
            details += "  " + t.table + "." + c.column + ":" + what + "\n";
        }
        std::string status = !t.error.empty() ? "FAILED"
                             : t.chunks_skipped == t.chunks && t.chunks > 0 ? "done earlier"
                             : t.chunks_skipped > 0 ? fmt::format("ok (resumed, {} chunks done earlier)", t.chunks_skipped)
                             : t.whole_table ? "ok (one chunk)"
                                             : fmt::format("ok ({} chunks)", t.chunks);
        out += fmt::format("{:<28} {:>11} {:>11} {:>8} {:>8} {:>8.1f} {:>8.1f}  {}\n", t.table, t.rows_read,
                           t.rows_written, t_nuls, t_zero, t.seconds, mb_per_s(t.bytes, t.seconds), status);
        read += t.rows_read;
        written += t.rows_written;
        nuls += t_nuls;
        zero += t_zero;
        bytes += t.bytes;
    }
    out += fmt::format("{:<28} {:>11} {:>11} {:>8} {:>8} {:>8.1f} {:>8.1f}\n", "total", read, written, nuls, zero,
                       result.seconds, mb_per_s(bytes, result.seconds));
    if (!details.empty()) out += "changed values (counted, never silent):\n" + details;
    if (!result.retries.empty()) {
        out += "retried after a lost connection (the chunk rolled back, then was copied again on new sessions):\n";
        for (const auto& r : result.retries) out += "  " + r + "\n";
    }
    for (const auto& t : result.tables)
        if (!t.error.empty()) out += "error: " + t.table + ": " + t.error + "\n";
    return out;
}

void write_metrics(const std::string& path, const std::vector<TableProgress>& tables, bool finished) {
    std::string text;
    text += "# HELP m2pg_copy_rows_total Rows copied per table.\n# TYPE m2pg_copy_rows_total counter\n";
    for (const auto& t : tables) text += fmt::format("m2pg_copy_rows_total{{table=\"{}\"}} {}\n", label(t.table), t.rows);
    text += "# HELP m2pg_copy_bytes_total MySQL value bytes read per table.\n# TYPE m2pg_copy_bytes_total counter\n";
    for (const auto& t : tables) text += fmt::format("m2pg_copy_bytes_total{{table=\"{}\"}} {}\n", label(t.table), t.bytes);
    text += "# HELP m2pg_copy_rows_expected Rows expected per table (estimate).\n# TYPE m2pg_copy_rows_expected gauge\n";
    for (const auto& t : tables)
        text += fmt::format("m2pg_copy_rows_expected{{table=\"{}\"}} {}\n", label(t.table), t.rows_expected);
    text += "# HELP m2pg_copy_errors_total Tables that failed.\n# TYPE m2pg_copy_errors_total counter\n";
    int failed = 0;
    for (const auto& t : tables) failed += t.failed ? 1 : 0;
    text += fmt::format("m2pg_copy_errors_total {}\n", failed);
    text += "# HELP m2pg_copy_finished 1 when every table copied.\n# TYPE m2pg_copy_finished gauge\n";
    text += fmt::format("m2pg_copy_finished {}\n", finished && failed == 0 ? 1 : 0);

    std::string tmp = path + ".tmp";
    {
        std::ofstream file(tmp, std::ios::trunc);
        file << text;
        if (!file) throw UsageError("cannot write the metrics file " + tmp);
    }
    std::filesystem::rename(tmp, path);
}

}  // namespace m2pg::copy
