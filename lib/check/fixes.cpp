#include "check/fixes.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "check/catalog_findings.hpp"
#include "check/probes.hpp"
#include "check/row_keys.hpp"
#include "util/error.hpp"
#include "util/interrupt.hpp"

namespace m2pg::check {

using nlohmann::json;
using source::mysql::quote_ident;

namespace {

std::vector<std::string> create_lines(const std::string& create_table) {
    std::vector<std::string> out;
    std::istringstream in(create_table);
    for (std::string line; std::getline(in, line);) {
        std::size_t start = line.find_first_not_of(' ');
        if (start == std::string::npos) continue;
        line = line.substr(start);
        if (!line.empty() && line.back() == ',') line.pop_back();
        out.push_back(line);
    }
    return out;
}

bool is_index_line(const std::string& l) {
    return l.starts_with("KEY ") || l.starts_with("UNIQUE KEY ") || l.starts_with("FULLTEXT KEY ") ||
           l.starts_with("SPATIAL KEY ");
}

std::string show_create(source::mysql::MysqlConnection& c, const std::string& table) {
    const auto r = c.query("SHOW CREATE TABLE " + quote_ident(table));
    return r.rows.at(0).at(1).value_or("");
}

const model::Table& table_of(const model::Catalog& catalog, const std::string& name) {
    const model::Table* t = catalog.find_table(name);
    if (!t) throw StateError("table " + name + " disappeared while checking");
    return *t;
}

std::vector<std::string> require_keys(const model::Table& t, const std::string& fix) {
    std::vector<std::string> keys = row_key_columns(t);
    if (keys.empty())
        throw UsageError("--fix-" + fix + " needs a primary key on " + t.name +
                         " to batch, archive and restore rows by; add one first: " + suggest_primary_key(t));
    return keys;
}

std::uint64_t count_where(source::mysql::MysqlConnection& c, const std::string& table, const std::string& where) {
    return std::stoull(c.scalar("SELECT COUNT(*) FROM " + quote_ident(table) + " WHERE " + where).value_or("0"));
}

std::string archive_placeholder(const FixOptions& o, const std::string& table) {
    return quote_ident(o.archive_database) + ".`<db>__" + table + "__<n>`";
}

void add_row_statements(PlannedFix& p, const FixOptions& o, const std::vector<std::string>& keys) {
    const std::string arc = archive_placeholder(o, p.table);
    const std::string t = quote_ident(p.table);
    const std::string batch = "(" + key_list(keys) + ") IN (<next " + std::to_string(o.batch_rows) + " keys>)";
    p.statements = {"CREATE TABLE " + arc + " LIKE " + t,
                    "-- per batch of " + std::to_string(o.batch_rows) + " rows, in one transaction:",
                    "INSERT INTO " + arc + " SELECT * FROM " + t + " WHERE " + batch};
    if (p.action == ArchiveAction::Update)
        p.statements.push_back("UPDATE " + t + " SET " + quote_ident(p.column) + " = " + p.new_value + " WHERE " + batch);
    else
        p.statements.push_back("DELETE FROM " + t + " WHERE " + batch);
}

void plan_artifacts(source::mysql::MysqlConnection& c, const model::Catalog& catalog,
                    const std::vector<ArtifactMatch>& artifacts, const FixOptions& o, std::vector<PlannedFix>& out) {
    for (const auto& a : artifacts) {
        const model::Table& t = table_of(catalog, a.table);
        PlannedFix p;
        p.fix = "artifacts";
        p.table = a.table;
        p.column = a.column;
        p.object = a.index;
        const std::string arc = archive_placeholder(o, a.table);
        switch (a.artifact.kind) {
            case profile::ArtifactKind::Table:
                p.action = ArchiveAction::DropTable;
                p.rows = count_where(c, a.table, "1");
                p.statements = {"RENAME TABLE " + quote_ident(a.table) + " TO " + arc};
                break;
            case profile::ArtifactKind::Column: {
                p.action = ArchiveAction::DropColumn;
                require_keys(t, "artifacts");
                p.rows = count_where(c, a.table, "1");
                p.statements = {"CREATE TABLE " + arc + " LIKE " + quote_ident(a.table),
                                "INSERT INTO " + arc + " SELECT * FROM " + quote_ident(a.table),
                                "ALTER TABLE " + quote_ident(a.table) + " DROP COLUMN " + quote_ident(a.column)};
                break;
            }
            case profile::ArtifactKind::Index:
                p.action = ArchiveAction::DropIndex;
                p.statements = {"ALTER TABLE " + quote_ident(a.table) + " DROP INDEX " + quote_ident(a.index)};
                break;
        }
        out.push_back(std::move(p));
    }
}

void plan_unicode(source::mysql::MysqlConnection& c, const model::Catalog& catalog,
                  const std::vector<report::Finding>& findings, const FixOptions& o, std::vector<PlannedFix>& out) {
    // table → column → conditions, in finding order.
    std::map<std::pair<std::string, std::string>, std::vector<std::string>> targets;
    std::vector<std::pair<std::string, std::string>> order;
    for (const auto& f : findings) {
        if (f.code != "nul_bytes" && f.code != "json_nul_escape" && f.code != "invalid_utf8") continue;
        auto key = std::pair{f.table, f.column};
        if (!targets.count(key)) order.push_back(key);
        targets[key].push_back(f.code);
    }
    for (const auto& key : order) {
        const model::Table& t = table_of(catalog, key.first);
        const model::Column* col = t.find_column(key.second);
        if (!col) continue;
        const std::vector<std::string> keys = require_keys(t, "unicode");
        const std::string q = quote_ident(col->name);
        const bool is_json = std::count(targets[key].begin(), targets[key].end(), "json_nul_escape") > 0;
        const bool is_utf8 = std::count(targets[key].begin(), targets[key].end(), "invalid_utf8") > 0;
        std::string where = nul_condition(q);
        if (is_json) where += " OR " + json_escape_condition(q);
        if (is_utf8) where += " OR " + invalid_utf8_condition(q);
        PlannedFix p;
        p.fix = "unicode";
        p.action = ArchiveAction::Update;
        p.table = t.name;
        p.column = col->name;
        p.where = "(" + where + ")";
        p.new_value = unicode_fixed_value(q, is_json, is_utf8);
        p.rows = count_where(c, t.name, p.where);
        add_row_statements(p, o, keys);
        out.push_back(std::move(p));
    }
}

void plan_varchar(source::mysql::MysqlConnection& c, const model::Catalog& catalog,
                  const std::vector<report::Finding>& findings, const TargetLimits& limits, const FixOptions& o,
                  std::vector<PlannedFix>& out) {
    // Deleting per column would archive a row twice; one delete per table covers them all.
    std::map<std::string, std::vector<std::pair<std::string, std::int64_t>>> by_table;
    std::vector<std::string> order;
    for (const auto& f : findings) {
        if (f.code != "value_too_long") continue;
        const auto limit = limits.limit(f.table, f.column);
        if (!limit) continue;
        if (!by_table.count(f.table)) order.push_back(f.table);
        by_table[f.table].push_back({f.column, *limit});
    }
    for (const auto& table : order) {
        const model::Table& t = table_of(catalog, table);
        const std::vector<std::string> keys = require_keys(t, "varchar");
        if (o.varchar_mode == VarcharFix::Delete) {
            for (const auto& other : catalog.tables)
                for (const auto& fk : other.foreign_keys)
                    if (fk.referenced_table == table)
                        throw UsageError("--fix-varchar would delete rows of " + table + ", which " + other.name +
                                         " references (foreign key " + fk.name +
                                         "); use --truncate to keep the rows and cut the values instead");
            std::string where;
            for (const auto& [column, limit] : by_table[table])
                where += (where.empty() ? "" : " OR ") + ("CHAR_LENGTH(" + quote_ident(column) + ") > " + std::to_string(limit));
            PlannedFix p;
            p.fix = "varchar";
            p.action = ArchiveAction::Delete;
            p.table = table;
            for (const auto& [column, limit] : by_table[table]) p.column += (p.column.empty() ? "" : ",") + column;
            p.where = "(" + where + ")";
            p.rows = count_where(c, table, p.where);
            add_row_statements(p, o, keys);
            out.push_back(std::move(p));
        } else {
            for (const auto& [column, limit] : by_table[table]) {
                PlannedFix p;
                p.fix = "varchar";
                p.action = ArchiveAction::Update;
                p.table = table;
                p.column = column;
                p.where = "CHAR_LENGTH(" + quote_ident(column) + ") > " + std::to_string(limit);
                p.new_value = "LEFT(" + quote_ident(column) + ", " + std::to_string(limit) + ")";
                p.rows = count_where(c, table, p.where);
                add_row_statements(p, o, keys);
                out.push_back(std::move(p));
            }
        }
    }
}

std::string literal_tuple(source::mysql::MysqlConnection& c, const source::mysql::Row& row) {
    std::string out = "(";
    for (std::size_t i = 0; i < row.size(); ++i) out += (i ? ", " : "") + (row[i] ? c.quote_literal(*row[i]) : "NULL");
    return out + ")";
}

report::FixApplied apply_rows(source::mysql::MysqlConnection& c, Archive& archive, const model::Table& t,
                              const PlannedFix& p, const FixOptions& o) {
    const std::vector<std::string> keys = row_key_columns(t);
    const std::string key_cols = key_list(keys);
    const std::string table = quote_ident(t.name);
    const ArchiveEntry entry = archive.begin(p.fix, p.action, t, p.action == ArchiveAction::Update ? p.column : "", "", "", keys);
    report::FixApplied done{p.fix, t.name, p.column, std::string(action_name(p.action)), 0, archive.database() + "." + entry.archive_table, {}};
    std::optional<std::string> last;
    for (;;) {
        util::throw_if_interrupted();  // between batches: every finished one is kept, archived
        c.execute("START TRANSACTION");
        try {
            const auto batch = c.query("SELECT " + key_cols + " FROM " + table + " WHERE " + p.where +
                                       (last ? " AND (" + key_cols + ") > " + *last : "") + " ORDER BY " + key_cols +
                                       " LIMIT " + std::to_string(o.batch_rows) + " FOR UPDATE");
            if (batch.rows.empty()) {
                c.execute("COMMIT");
                break;
            }
            std::string in;
            for (const auto& r : batch.rows) in += (in.empty() ? "" : ", ") + literal_tuple(c, r);
            const std::string where = "(" + key_cols + ") IN (" + in + ")";
            const std::uint64_t archived = archive.archive_rows(entry, t, where);
            if (p.action == ArchiveAction::Update)
                c.execute("UPDATE " + table + " SET " + quote_ident(p.column) + " = " + p.new_value + " WHERE " + where);
            else
                c.execute("DELETE FROM " + table + " WHERE " + where);
            c.execute("COMMIT");
            archive.flush_jsonl();
            done.rows += archived;
            last = literal_tuple(c, batch.rows.back());
        } catch (Error& e) {
            try {
                c.execute("ROLLBACK");
            } catch (const Error&) {
                // The connection is gone; the server has rolled the batch back.
            }
            e.add_context("fixing " + t.name + (p.column.empty() ? "" : "." + p.column) + " (" + p.fix + ")");
            throw;
        }
    }
    done.statements = p.statements;
    return done;
}

report::FixApplied apply_artifact(source::mysql::MysqlConnection& c, Archive& archive, const model::Table& t,
                                  const PlannedFix& p) {
    const std::string table = quote_ident(t.name);
    report::FixApplied done{p.fix, t.name, p.column, std::string(action_name(p.action)), 0, {}, {}};
    try {
        switch (p.action) {
            case ArchiveAction::DropTable: {
                const ArchiveEntry e = archive.begin(p.fix, p.action, t, "", "", "", {});
                done.rows = p.rows;
                c.execute("RENAME TABLE " + table + " TO " + e.qualified);
                done.archive = archive.database() + "." + e.archive_table;
                done.statements = {"RENAME TABLE " + table + " TO " + e.qualified};
                break;
            }
            case ArchiveAction::DropColumn: {
                const std::string create = show_create(c, t.name);
                std::string after;
                for (const auto& col : t.columns) {
                    if (col.name == p.column) break;
                    after = col.name;
                }
                const json definition{{"column", column_definition(create, p.column)},
                                      {"after", after},
                                      {"indexes", index_definitions(create, p.column, "")}};
                const ArchiveEntry e = archive.begin(p.fix, p.action, t, p.column, "", definition.dump(), row_key_columns(t));
                c.execute("START TRANSACTION");
                done.rows = archive.archive_rows(e, t, "1");
                c.execute("COMMIT");
                archive.flush_jsonl();
                c.execute("ALTER TABLE " + table + " DROP COLUMN " + quote_ident(p.column));
                done.archive = archive.database() + "." + e.archive_table;
                done.statements = {"INSERT INTO " + e.qualified + " SELECT * FROM " + table,
                                   "ALTER TABLE " + table + " DROP COLUMN " + quote_ident(p.column)};
                break;
            }
            case ArchiveAction::DropIndex: {
                const std::vector<std::string> lines = index_definitions(show_create(c, t.name), "", p.object);
                if (lines.empty()) throw StateError("index " + p.object + " of " + t.name + " not found in SHOW CREATE TABLE");
                const json definition{{"index", lines.front()}};
                const ArchiveEntry e = archive.begin(p.fix, p.action, t, "", p.object, definition.dump(), {});
                c.execute("ALTER TABLE " + table + " DROP INDEX " + quote_ident(p.object));
                done.archive = archive.database() + "." + std::string(kArchiveLogTable) + " entry " + std::to_string(e.id);
                done.statements = {"ALTER TABLE " + table + " DROP INDEX " + quote_ident(p.object)};
                break;
            }
            default: break;
        }
    } catch (Error& e) {
        e.add_context("removing artifact " + t.name + (p.column.empty() ? "" : "." + p.column) +
                      (p.object.empty() ? "" : " index " + p.object));
        throw;
    }
    return done;
}

}  // namespace

std::string column_definition(const std::string& create_table, const std::string& column) {
    const std::string prefix = quote_ident(column) + " ";
    for (const auto& line : create_lines(create_table))
        if (line.starts_with(prefix)) return line;
    throw StateError("column " + column + " not found in SHOW CREATE TABLE");
}

std::vector<std::string> index_definitions(const std::string& create_table, const std::string& column,
                                           const std::string& index_name) {
    std::vector<std::string> out;
    for (const auto& line : create_lines(create_table)) {
        if (!is_index_line(line)) continue;
        const auto open = line.find(" (");
        if (!index_name.empty()) {
            if (line.find(quote_ident(index_name) + " (") != std::string::npos &&
                line.find(quote_ident(index_name)) < open)
                out.push_back(line);
        } else if (open != std::string::npos && line.find(quote_ident(column), open) != std::string::npos) {
            out.push_back(line);
        }
    }
    return out;
}

std::vector<PlannedFix> plan_fixes(source::mysql::MysqlConnection& c, const model::Catalog& catalog,
                                   const std::vector<report::Finding>& findings,
                                   const std::vector<ArtifactMatch>& artifacts, const TargetLimits& limits,
                                   const FixOptions& o) {
    std::vector<PlannedFix> out;
    if (o.artifacts) plan_artifacts(c, catalog, artifacts, o, out);
    if (o.unicode) plan_unicode(c, catalog, findings, o, out);
    if (o.varchar) plan_varchar(c, catalog, findings, limits, o, out);
    return out;
}

std::vector<report::FixApplied> apply_fixes(source::mysql::MysqlConnection& c, const model::Catalog& catalog,
                                            const std::vector<PlannedFix>& plan, const FixOptions& o) {
    std::vector<report::FixApplied> out;
    Archive archive(c, catalog.database, o.archive_database, o.archive_file);
    // Artifacts change the tables under later fixes; keep a catalog that follows them.
    model::Catalog current = catalog;
    for (const auto& p : plan) {
        util::throw_if_interrupted();  // between fixes: every finished one is kept, archived
        const model::Table& t = table_of(current, p.table);
        if (p.fix == "artifacts") {
            out.push_back(apply_artifact(c, archive, t, p));
            auto table = std::find_if(current.tables.begin(), current.tables.end(),
                                      [&](const model::Table& x) { return x.name == p.table; });
            if (p.action == ArchiveAction::DropTable) {
                current.tables.erase(table);
            } else if (p.action == ArchiveAction::DropColumn) {
                std::erase_if(table->columns, [&](const model::Column& col) { return col.name == p.column; });
            } else if (p.action == ArchiveAction::DropIndex) {
                std::erase_if(table->indexes, [&](const model::Index& i) { return i.name == p.object; });
            }
        } else if (p.rows > 0) {
            out.push_back(apply_rows(c, archive, t, p, o));
        }
    }
    return out;
}

}  // namespace m2pg::check
