#include "check/data_scan.hpp"

#include "check/probe_findings.hpp"
#include "check/row_keys.hpp"
#include "util/error.hpp"

namespace m2pg::check {

using source::mysql::quote_ident;

namespace {

std::uint64_t as_count(const std::optional<std::string>& v) {
    // SUM over a large table comes back as DECIMAL text, e.g. "12".
    return v ? std::stoull(*v) : 0;
}

bool is_case_sensitive_text(const model::Column& c) {
    return !c.charset.empty() && c.charset != "binary" && !c.collation.ends_with("_ci");
}

}  // namespace

TableScan scan_table(source::mysql::MysqlConnection& c, const model::Table& table, const std::vector<Probe>& probes,
                     const std::string& types_source) {
    TableScan out;
    try {
        const auto result = c.query(scan_sql(table, probes));
        const auto& row = result.rows.at(0);
        out.rows = as_count(row[0]);
        const std::vector<std::string> keys = row_key_columns(table);
        for (std::size_t i = 0; i < probes.size(); ++i) {
            const std::uint64_t hits = as_count(row[i + 1]);
            if (hits == 0) continue;
            std::vector<std::string> samples;
            if (!keys.empty())
                for (const auto& r : c.query(sample_sql(table, keys, probes[i])).rows)
                    samples.push_back(render_key(r, 0, keys.size()));
            out.findings.push_back(probe_finding(table, probes[i], hits, std::move(samples), types_source));
        }
    } catch (Error& e) {
        e.add_context("checking the data of table " + table.name);
        throw;
    }
    return out;
}

std::vector<report::Finding> unique_case_findings(source::mysql::MysqlConnection& c, const model::Table& table) {
    std::vector<report::Finding> out;
    const std::vector<std::string> keys = row_key_columns(table);
    for (const auto& index : table.indexes) {
        if (index.kind != model::IndexKind::Primary && index.kind != model::IndexKind::Unique) continue;
        std::string group, not_null, case_cols;
        bool any_text = false;
        for (const auto& ic : index.columns) {
            const model::Column* col = table.find_column(ic.name);
            if (!col) continue;
            const std::string q = quote_ident(col->name);
            std::string expr = q;
            if (is_case_sensitive_text(*col)) {
                any_text = true;
                expr = "LOWER(CONVERT(" + q + " USING utf8mb4)) COLLATE utf8mb4_bin";
                case_cols += (case_cols.empty() ? "" : ", ") + col->name;
            }
            group += (group.empty() ? "" : ", ") + expr;
            not_null += (not_null.empty() ? "" : " AND ") + q + " IS NOT NULL";
        }
        if (!any_text) continue;
        try {
            const std::string groups = "SELECT " + group + " FROM " + quote_ident(table.name) + " WHERE " + not_null +
                                       " GROUP BY " + group + " HAVING COUNT(*) > 1";
            // The key is unique, so a lowered group of several rows is several case variants.
            // NULLs are left out: a unique key holds any number of them.
            const std::string lowered_key = "(" + group + ")";
            const std::string in_groups = lowered_key + " IN (" + groups + ")";
            const std::uint64_t rows = as_count(
                c.scalar("SELECT COUNT(*) FROM " + quote_ident(table.name) + " WHERE " + in_groups));
            if (rows == 0) continue;
            report::Finding f;
            f.severity = report::Severity::Info;
            f.code = "unique_case_variants";
            f.table = table.name;
            f.column = index.columns.size() == 1 ? index.columns[0].name : "";
            f.count = rows;
            if (!keys.empty())
                for (const auto& r : c.query("SELECT " + key_list(keys) + " FROM " + quote_ident(table.name) +
                                             " WHERE " + in_groups + " ORDER BY " + key_list(keys) + " LIMIT " +
                                             std::to_string(report::kMaxSampleKeys))
                                         .rows)
                    f.sample_keys.push_back(render_key(r, 0, keys.size()));
            f.message = std::to_string(rows) + " rows of " + table.name + " hold values of " +
                        (index.kind == model::IndexKind::Primary ? "the primary key" : "unique key " + index.name) +
                        " (" + case_cols + ", case-sensitive) that differ only in letter case; a case-insensitive "
                        "unique index (lower(), citext) in PostgreSQL would reject them";
            f.fix = "none needed for a plain unique index; merge the variants before adding case-insensitive uniqueness";
            out.push_back(std::move(f));
        } catch (Error& e) {
            e.add_context("checking unique key " + index.name + " of " + table.name + " for case variants");
            throw;
        }
    }
    return out;
}

}  // namespace m2pg::check
