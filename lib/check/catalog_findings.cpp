#include "check/catalog_findings.hpp"

#include <cmath>
#include <cstdio>
#include <set>

#include "check/row_keys.hpp"
#include "source/mysql/connection.hpp"
#include "util/error.hpp"

namespace m2pg::check {

namespace {

using report::Finding;
using report::Severity;
using source::mysql::quote_ident;

constexpr std::size_t kListed = 10;  // names listed in one message before "and N more"

Finding make(Severity severity, std::string code, std::string table, std::string column, std::uint64_t count,
             std::string message, std::string fix = {}) {
    Finding f;
    f.severity = severity;
    f.code = std::move(code);
    f.table = std::move(table);
    f.column = std::move(column);
    f.count = count;
    f.message = std::move(message);
    f.fix = std::move(fix);
    return f;
}

std::string join_listed(const std::vector<std::string>& names) {
    std::string out;
    for (std::size_t i = 0; i < names.size() && i < kListed; ++i) out += (i ? ", " : "") + names[i];
    if (names.size() > kListed) out += " and " + std::to_string(names.size() - kListed) + " more";
    return out;
}

bool ends_with_ci(const std::string& collation) { return collation.ends_with("_ci"); }
bool is_utf8mb3(const std::string& cs) { return cs == "utf8" || cs == "utf8mb3"; }

bool is_skipped(const CatalogContext& c, const std::string& table) {
    return c.scope && !c.scope->contains(table);
}

void server_findings(const model::Catalog& catalog, const CatalogContext& c, std::vector<Finding>& out) {
    const auto& s = c.server;
    out.push_back(make(Severity::Info, "server_version", "", "", 0,
                       "server " + (s.version.empty() ? catalog.server_version : s.version)));
    const bool strict = s.sql_mode.find("STRICT_") != std::string::npos || s.sql_mode.find("TRADITIONAL") != std::string::npos;
    out.push_back(make(strict ? Severity::Info : Severity::Warning, "sql_mode", "", "", 0,
                       "global sql_mode '" + s.sql_mode + "'" +
                           (strict ? "" : ": not strict, so MySQL may already have stored truncated values and zero dates"),
                       strict ? "" : "see the zero_date and value findings"));
    out.push_back(make(Severity::Info, "database_charset", "", "", 0,
                       "database " + catalog.database + " defaults to " + catalog.default_charset + " / " +
                           catalog.default_collation + "; server " + s.character_set_server + " / " + s.collation_server));
    if (!s.user.empty()) {
        const std::string plugin = s.auth_plugin.empty() ? "unknown (mysql.user not readable)" : s.auth_plugin;
        const bool old = s.auth_plugin == "mysql_old_password";
        out.push_back(make(old ? Severity::Warning : Severity::Info, "auth_plugin", "", "", 0,
                           "the migration user " + s.user + " authenticates with " + plugin +
                               (old ? ": the pre-4.1 hash is insecure and refused by modern clients" : ""),
                           old ? "ALTER USER ... IDENTIFIED VIA mysql_native_password or ed25519" : ""));
    }
}

void charset_findings(const model::Catalog& catalog, const CatalogContext& c, std::vector<Finding>& out) {
    std::map<std::string, std::vector<std::string>> by_charset;
    std::vector<std::string> ci_columns;
    for (const auto& t : catalog.tables) {
        if (is_skipped(c, t.name)) continue;
        for (const auto& col : t.columns) {
            if (col.charset.empty() || col.charset == "binary") continue;
            by_charset[col.charset].push_back(t.name + "." + col.name);
            if (ends_with_ci(col.collation)) ci_columns.push_back(t.name + "." + col.name);
        }
    }
    for (const auto& [charset, columns] : by_charset) {
        if (charset == "utf8mb4") continue;
        if (is_utf8mb3(charset))
            out.push_back(make(Severity::Info, "charset_utf8mb3", "", "", columns.size(),
                               std::to_string(columns.size()) + " columns use utf8mb3 (at most 3 bytes per character): " +
                                   join_listed(columns) + "; their values convert as they are"));
        else
            out.push_back(make(Severity::Warning, "charset_" + charset, "", "", columns.size(),
                               std::to_string(columns.size()) + " columns use " + charset +
                                   ", converted to UTF-8 on the way: " + join_listed(columns),
                               "check double_encoded_utf8 findings for UTF-8 stored in them"));
    }
    if (by_charset.size() > 1) {
        std::vector<std::string> names;
        for (const auto& entry : by_charset) names.push_back(entry.first);
        out.push_back(make(Severity::Info, "charset_mixed", "", "", names.size(),
                           "text columns mix character sets: " + join_listed(names) + "; PostgreSQL stores all as UTF-8"));
    }
    if (!ci_columns.empty())
        out.push_back(make(Severity::Info, "collation_case_insensitive", "", "", ci_columns.size(),
                           std::to_string(ci_columns.size()) +
                               " text columns use case-insensitive (_ci) collations; in PostgreSQL =, LIKE, GROUP BY "
                               "and ORDER BY on them become case-sensitive: " + join_listed(ci_columns),
                           "use lower() or citext where the application relies on it"));
}

void object_findings(const model::Catalog& catalog, std::vector<Finding>& out) {
    auto list = [&](const std::vector<model::RoutineInfo>& objects, const std::string& code, const std::string& what) {
        if (objects.empty()) return;
        std::vector<std::string> names;
        for (const auto& o : objects) names.push_back(o.name + (o.kind.empty() ? "" : " (" + o.kind + ")"));
        out.push_back(make(Severity::Warning, code, "", "", objects.size(),
                           std::to_string(objects.size()) + " " + what + " not migrated: " + join_listed(names),
                           "recreate them in PostgreSQL by hand after the migration"));
    };
    list(catalog.views, "views_not_migrated", "views");
    list(catalog.triggers, "triggers_not_migrated", "triggers");
    list(catalog.routines, "routines_not_migrated", "stored routines and sequences");
    list(catalog.events, "events_not_migrated", "events");
}

void table_findings(const model::Table& t, const CatalogContext& c, std::vector<Finding>& out) {
    auto rows = [&]() -> std::uint64_t {
        auto it = c.row_counts.find(t.name);
        return it != c.row_counts.end() ? it->second : static_cast<std::uint64_t>(std::max<std::int64_t>(t.row_estimate, 0));
    };
    if (!t.primary_key())
        out.push_back(make(Severity::Warning, "no_primary_key", t.name, "", rows(),
                           "table " + t.name + " has no primary key: the copy cannot split it into chunks or resume it",
                           suggest_primary_key(t)));
    for (const auto& index : t.indexes) {
        std::vector<std::string> names;
        for (const auto& ic : index.columns) names.push_back(ic.name);
        if (index.kind == model::IndexKind::Fulltext)
            out.push_back(make(Severity::Info, "fulltext_index", t.name, join_listed(names), 0,
                               "FULLTEXT index " + index.name + " on " + t.name + "(" + join_listed(names) +
                                   ") is rebuilt after the copy as a GIN index over to_tsvector",
                               "m2pg index --create-indexes"));
        // Primary keys are left out: they hold generated ids, not what users type and
        // expect to be unique regardless of case (names, e-mail addresses).
        if (index.kind != model::IndexKind::Unique) continue;
        std::vector<std::string> ci;
        for (const auto& ic : index.columns)
            if (const auto* col = t.find_column(ic.name); col && ends_with_ci(col->collation)) ci.push_back(col->name + " " + col->collation);
        if (!ci.empty())
            out.push_back(make(Severity::Warning, "case_insensitive_unique", t.name, index.columns.size() == 1 ? index.columns[0].name : "", 0,
                               "unique key " + index.name + " of " + t.name + " compares " + join_listed(ci) +
                                   " case-insensitively; in PostgreSQL 'Bob' and 'bob' become distinct, so the key no "
                                   "longer stops case variants",
                               "if the application relies on it, add a unique index on lower(column) or use citext"));
    }
    for (const auto& col : t.columns) {
        if (!col.generation_expression.empty())
            out.push_back(make(Severity::Warning, "generated_column", t.name, col.name, 0,
                               t.name + "." + col.name + " is generated (" + col.generation_expression +
                                   "): copied as a plain column, later writes do not recompute it",
                               "add a GENERATED ALWAYS AS ... STORED column or a trigger in PostgreSQL"));
        try {
            const convert::Mapping m = convert::map_column(c.types, t.name, col);
            std::string notes;
            std::size_t start = 0;
            while (start <= m.note.size() && !m.note.empty()) {
                std::size_t end = m.note.find("; ", start);
                std::string part = m.note.substr(start, end == std::string::npos ? std::string::npos : end - start);
                // Zero dates are counted by the data check; generated columns have their own finding.
                if (!part.starts_with("zero and partial-zero dates") && !part.starts_with("generated column") &&
                    !part.starts_with(" (the column is NOT NULL"))
                    notes += (notes.empty() ? "" : "; ") + part;
                if (end == std::string::npos) break;
                start = end + 2;
            }
            if (!notes.empty())
                out.push_back(make(Severity::Info, "type_conversion", t.name, col.name, 0,
                                   t.name + "." + col.name + " " + col.column_type + " becomes " + m.pg_type + ": " + notes));
        } catch (const ConvertError& e) {
            out.push_back(make(Severity::Error, "unsupported_type", t.name, col.name, rows(), e.what(),
                               "map the column with a profile [casts] entry"));
        }
    }
}

}  // namespace

std::string suggest_primary_key(const model::Table& t) {
    if (!t.primary_key()) {
        const std::vector<std::string> key = row_key_columns(t);
        if (!key.empty())
            return "ALTER TABLE " + quote_ident(t.name) + " ADD PRIMARY KEY (" + key_list(key) +
                   ") -- promotes a unique index over NOT NULL columns";
    }
    return "ALTER TABLE " + quote_ident(t.name) +
           " ADD COLUMN m2pg_id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY";
}

report::CopyEstimate estimate_copy(const model::Catalog& catalog, const CatalogContext& c) {
    report::CopyEstimate e;
    for (const auto& t : catalog.tables) {
        if (is_skipped(c, t.name)) continue;
        auto it = c.row_counts.find(t.name);
        e.rows += it != c.row_counts.end() ? it->second : static_cast<std::uint64_t>(std::max<std::int64_t>(t.row_estimate, 0));
        e.bytes += static_cast<std::uint64_t>(std::max<std::int64_t>(t.data_bytes, 0));
    }
    e.seconds = c.copy_bytes_per_second > 0 ? static_cast<double>(e.bytes) / c.copy_bytes_per_second : 0;
    return e;
}

std::string human_bytes(std::uint64_t bytes) {
    static const char* kUnits[] = {"B", "kB", "MB", "GB", "TB", "PB"};
    double v = static_cast<double>(bytes);
    std::size_t u = 0;
    while (v >= 1000 && u + 1 < std::size(kUnits)) {
        v /= 1000;
        ++u;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : "%.1f %s", v, kUnits[u]);
    return buf;
}

std::string human_duration(double seconds) {
    char buf[32];
    if (seconds < 90) std::snprintf(buf, sizeof buf, "%.0f s", std::ceil(seconds));
    else if (seconds < 5400) std::snprintf(buf, sizeof buf, "%.0f min", std::ceil(seconds / 60));
    else std::snprintf(buf, sizeof buf, "%.1f h", seconds / 3600);
    return buf;
}

std::vector<Finding> catalog_findings(const model::Catalog& catalog, const CatalogContext& c) {
    std::vector<Finding> out;
    server_findings(catalog, c, out);
    charset_findings(catalog, c, out);
    object_findings(catalog, out);
    if (c.profile && c.scope)
        for (const auto& left : c.scope->left_out)
            out.push_back(make(Severity::Info, "skipped_table", left.table, "", 0,
                               "table " + left.table + " is left out by profile " + c.profile->name + " (" +
                                   left.reason + "): not copied"));
    for (const auto& t : catalog.tables)
        if (!is_skipped(c, t.name)) table_findings(t, c, out);
    const report::CopyEstimate e = estimate_copy(catalog, c);
    out.push_back(make(Severity::Info, "copy_estimate", "", "", e.rows,
                       std::to_string(e.rows) + " rows, " + human_bytes(e.bytes) + " of table data: about " +
                           human_duration(e.seconds) + " to copy at " + human_bytes(static_cast<std::uint64_t>(c.copy_bytes_per_second)) +
                           "/s, plus index builds"));
    return out;
}

}  // namespace m2pg::check
