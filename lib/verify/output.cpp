#include "verify/output.hpp"

#include <algorithm>
#include <cstdio>

namespace m2pg::verify {

namespace {

std::string seconds_text(double s) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1fs", s);
    return buf;
}

std::string pad(std::string s, std::size_t width, bool right = false) {
    if (s.size() >= width) return s;
    return right ? std::string(width - s.size(), ' ') + s : s + std::string(width - s.size(), ' ');
}

std::string checksum_text(const TableReport& t) {
    switch (t.status) {
        case TableStatus::MissingInPostgres: return "MISSING IN POSTGRES";
        case TableStatus::NotComparable: return "NOT COMPARABLE";
        case TableStatus::Failed: return "FAILED";
        default: break;
    }
    std::string s = t.checksum_match() ? "match" : "DIFFERENT";
    if (t.chunks > 1 || t.chunks_checked != t.chunks)
        s += " (" + std::to_string(t.chunks_checked) + "/" + std::to_string(t.chunks) + " chunks" +
             (t.chunks_different ? ", " + std::to_string(t.chunks_different) + " differ" : "") + ")";
    if (t.checksum_match() && t.mysql_rows != t.pg_rows) s = "counts differ";
    return s;
}

std::string diff_label(DiffKind kind) {
    switch (kind) {
        case DiffKind::Changed: return "changed";
        case DiffKind::Missing: return "missing in Postgres";
        case DiffKind::Extra: return "extra in Postgres";
    }
    return "?";
}

}  // namespace

std::string with_commas(std::uint64_t n) {
    std::string digits = std::to_string(n);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

std::string status_name(TableStatus status) {
    switch (status) {
        case TableStatus::Identical: return "identical";
        case TableStatus::Different: return "different";
        case TableStatus::MissingInPostgres: return "missing_in_postgres";
        case TableStatus::NotComparable: return "not_comparable";
        case TableStatus::Failed: return "failed";
    }
    return "?";
}

std::string diff_name(DiffKind kind) {
    switch (kind) {
        case DiffKind::Changed: return "changed";
        case DiffKind::Missing: return "missing";
        case DiffKind::Extra: return "extra";
    }
    return "?";
}

std::string verdict(const VerifyResult& r) {
    if (r.ok()) {
        std::string s = "verify: OK — " + with_commas(r.tables.size()) + (r.tables.size() == 1 ? " table, " : " tables, ") +
                        with_commas(r.rows_compared()) + " rows identical";
        if (r.sampled) {
            char buf[64];
            std::snprintf(buf, sizeof buf, " (counts of all rows, checksums of %g%% of chunks)", r.sample_percent);
            s += buf;
        }
        return s;
    }
    const std::size_t n = r.tables_differing();
    const std::string findings = with_commas(r.findings.size()) + (r.findings.size() == 1 ? " finding" : " findings");
    std::string s = "verify: DIFFERENCES";
    if (n > 0) s += " in " + with_commas(n) + (n == 1 ? " table" : " tables");
    if (n > 0 && !r.findings.empty()) s += " and " + findings;
    if (n == 0 && !r.findings.empty())
        s += " — " + findings + "; " + with_commas(r.tables.size()) + " tables, " + with_commas(r.rows_compared()) +
             " rows identical";
    if (r.failure_exit_code != 0) s += "; some checks failed (see the errors above)";
    return s;
}

std::string format_report(const VerifyResult& r) {
    std::size_t name_width = 5;
    for (const auto& t : r.tables) name_width = std::max(name_width, t.table.size());
    std::string out = pad("table", name_width) + "  " + pad("rows mysql", 13, true) + "  " + pad("rows pg", 13, true) +
                      "  " + pad("checksum", 28) + "  time\n";
    for (const auto& t : r.tables) {
        const bool counted = t.status != TableStatus::MissingInPostgres && t.status != TableStatus::NotComparable;
        out += pad(t.table, name_width) + "  " + pad(counted ? with_commas(t.mysql_rows) : "-", 13, true) + "  " +
               pad(counted ? with_commas(t.pg_rows) : "-", 13, true) + "  " + pad(checksum_text(t), 28) + "  " +
               seconds_text(t.seconds) + "\n";
        const std::uint64_t listed = t.changed + t.missing + t.extra;
        if (listed > 0 && !t.keys.empty())
            out += "    " + with_commas(t.changed) + " changed, " + with_commas(t.missing) + " missing in Postgres, " +
                   with_commas(t.extra) + " extra in Postgres" +
                   (listed > t.keys.size() ? " (first " + std::to_string(t.keys.size()) + " listed)" : "") + "\n";
        for (const auto& k : t.keys) out += "      " + diff_label(k.kind) + ": " + k.key + "\n";
        for (const auto& n : t.notes) out += "    note: " + n + "\n";
        if (!t.error.empty()) out += "    error: " + t.error + "\n";
    }
    if (!r.findings.empty()) {
        out += "findings:\n";
        for (const auto& f : r.findings) out += "  " + f.kind + ": " + f.message + "\n";
    }
    for (const auto& n : r.notes) out += "note: " + n + "\n";
    return out + verdict(r) + "\n";
}

nlohmann::json to_json(const VerifyResult& r) {
    nlohmann::json tables = nlohmann::json::array();
    for (const auto& t : r.tables) {
        nlohmann::json keys = nlohmann::json::array();
        for (const auto& k : t.keys) keys.push_back({{"kind", diff_name(k.kind)}, {"key", k.key}});
        nlohmann::json j = {
            {"table", t.table},
            {"target", t.target},
            {"status", status_name(t.status)},
            {"rows_mysql", t.mysql_rows},
            {"rows_pg", t.pg_rows},
            {"checksum_match", t.status == TableStatus::Identical || t.status == TableStatus::Different
                                   ? nlohmann::json(t.checksum_match())
                                   : nlohmann::json(nullptr)},
            {"chunks", t.chunks},
            {"chunks_checked", t.chunks_checked},
            {"chunks_different", t.chunks_different},
            {"changed", t.changed},
            {"missing", t.missing},
            {"extra", t.extra},
            {"keys", keys},
            {"notes", t.notes},
            {"seconds", t.seconds},
        };
        if (!t.error.empty()) j["error"] = t.error;
        tables.push_back(std::move(j));
    }
    nlohmann::json findings = nlohmann::json::array();
    for (const auto& f : r.findings) findings.push_back({{"kind", f.kind}, {"table", f.table}, {"message", f.message}});
    return {
        {"ok", r.ok()},
        {"verdict", verdict(r)},
        {"tables", tables},
        {"findings", findings},
        {"notes", r.notes},
        {"sampled", r.sampled},
        {"sample_percent", r.sample_percent},
        {"rows_identical", r.rows_compared()},
        {"tables_differing", r.tables_differing()},
        {"seconds", r.seconds},
    };
}

}  // namespace m2pg::verify
