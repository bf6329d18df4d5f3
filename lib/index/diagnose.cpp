#include "index/diagnose.hpp"

#include "index/fulltext.hpp"
#include "target/postgres/identifier.hpp"
#include "util/text.hpp"

namespace m2pg::index {

namespace {

using target::postgres::PgConnection;
using target::postgres::quote_ident;
using util::join;

std::string not_null_filter(const std::vector<std::string>& columns, const std::string& alias = "") {
    std::vector<std::string> parts;
    for (const std::string& c : columns) parts.push_back(alias + c + " IS NOT NULL");
    return join(parts, " AND ");
}

std::string duplicates(PgConnection& pg, const std::string& schema, const BuildTask& task,
                       const std::vector<std::string>& row_key) {
    const std::string keys = join(task.key_sql, ", ");
    // A partial unique index only holds its predicate's rows.
    const std::string filter = task.key_filter.empty() ? "" : " AND (" + task.key_filter + ")";
    const std::string from = " FROM " + qualified(schema, task.table) + " WHERE " + not_null_filter(task.key_sql) +
                             filter + " GROUP BY " + keys + " HAVING count(*) > 1";
    const std::string rows = key_text_sql(row_key);
    auto sample = pg.query("SELECT " + key_text_sql(task.key_sql) + ", count(*), array_to_string((array_agg(" + rows +
                           " ORDER BY " + rows + "))[1:" + std::to_string(kMaxSamples) + "], ', ')" + from +
                           " ORDER BY count(*) DESC, 1 LIMIT " + std::to_string(kMaxSamples));
    if (sample.empty()) return "";
    const std::string total = pg.scalar("SELECT count(*) FROM (SELECT 1" + from + ") d").value_or("?");
    std::vector<std::string> parts;
    for (const auto& r : sample)
        parts.push_back(r[0].value_or("NULL") + " ×" + r[1].value_or("?") + " (rows " + r[2].value_or("") + ")");
    return total + " duplicated key value(s) in (" + join(task.key_sql, ", ") + "), e.g. " + join(parts, "; ");
}

std::string null_keys(PgConnection& pg, const std::string& schema, const BuildTask& task) {
    std::vector<std::string> nulls;
    for (const std::string& c : task.key_sql) nulls.push_back(c + " IS NULL");
    const std::string where = " FROM " + qualified(schema, task.table) + " WHERE " + join(nulls, " OR ");
    const std::string total = pg.scalar("SELECT count(*)" + where).value_or("0");
    if (total == "0") return "";
    std::vector<std::string> rows;
    for (const auto& r : pg.query("SELECT ctid::text" + where + " LIMIT " + std::to_string(kMaxSamples)))
        rows.push_back(r[0].value_or(""));
    return total + " row(s) have NULL in the key (" + join(task.key_sql, ", ") + "), e.g. ctid " + join(rows, ", ");
}

std::string orphans(PgConnection& pg, const std::string& schema, const BuildTask& task,
                    const std::vector<std::string>& row_key) {
    const ForeignKeySpec& fk = task.foreign_key;
    if (fk.referenced_table.empty()) return "";  // a saved key into another schema: Postgres's message says
    std::vector<std::string> child, match;
    for (std::size_t i = 0; i < fk.columns.size() && i < fk.referenced_columns.size(); ++i) {
        child.push_back(quote_ident(fk.columns[i]));
        match.push_back("p." + quote_ident(fk.referenced_columns[i]) + " = c." + quote_ident(fk.columns[i]));
    }
    const std::string where = " FROM " + qualified(schema, task.table) + " c WHERE " + not_null_filter(child, "c.") +
                              " AND NOT EXISTS (SELECT 1 FROM " + qualified(schema, fk.referenced_table) +
                              " p WHERE " + join(match, " AND ") + ")";
    const std::string total = pg.scalar("SELECT count(*)" + where).value_or("0");
    if (total == "0") return "";
    std::vector<std::string> rows;
    for (const auto& r : pg.query("SELECT " + key_text_sql(row_key, "c.") + ", " + key_text_sql(child, "c.") + where +
                                  " ORDER BY 1 LIMIT " + std::to_string(kMaxSamples)))
        rows.push_back(r[0].value_or("NULL") + " → " + r[1].value_or("NULL"));
    return total + " row(s) reference a missing " + fk.referenced_table + " row, e.g. " + join(rows, "; ");
}

// NOT (clause) is NULL where the clause is, and such rows pass a CHECK: they are not counted.
std::string check_violations(PgConnection& pg, const std::string& schema, const BuildTask& task,
                             const std::vector<std::string>& row_key) {
    const std::string where = " FROM " + qualified(schema, task.table) + " WHERE NOT (" + task.check.clause + ")";
    const std::string total = pg.scalar("SELECT count(*)" + where).value_or("0");
    if (total == "0") return "";
    std::vector<std::string> rows;
    for (const auto& r : pg.query("SELECT " + key_text_sql(row_key) + where + " ORDER BY 1 LIMIT " +
                                  std::to_string(kMaxSamples)))
        rows.push_back(r[0].value_or("NULL"));
    return total + " row(s) violate CHECK (" + task.check.clause + "), e.g. " + join(rows, ", ");
}

}  // namespace

std::string key_text_sql(const std::vector<std::string>& columns, const std::string& alias) {
    std::vector<std::string> parts;
    for (const std::string& c : columns) parts.push_back(alias + c);
    if (parts.size() == 1) return "(" + parts.front() + ")::text";
    return "ROW(" + join(parts, ", ") + ")::text";
}

bool is_tsvector_too_long(const TargetError& error) {
    return std::string(error.what()).find("too long for tsvector") != std::string::npos;
}

std::string explain_failure(PgConnection& pg, const std::string& schema, const BuildTask& task,
                            const std::vector<std::string>& row_key, const TargetError& error) {
    try {
        const std::string& state = error.sqlstate();
        if (state == "23505" && !task.key_sql.empty()) return duplicates(pg, schema, task, row_key);
        if (state == "23502" && task.kind == TaskKind::PrimaryKey) return null_keys(pg, schema, task);
        if (state == "23503" && task.kind == TaskKind::ForeignKey) return orphans(pg, schema, task, row_key);
        if (state == "23514" && task.kind == TaskKind::Check && !task.check.clause.empty())
            return check_violations(pg, schema, task, row_key);
        return "";
    } catch (const Error& e) {
        return "(could not look up the rows: " + std::string(e.what()) + ")";
    }
}

LongDocuments find_long_documents(PgConnection& pg, const std::string& schema, const BuildTask& task,
                                  const std::vector<std::string>& row_key, std::size_t chars) {
    const std::string length = "char_length(" + fulltext_document(task.fulltext.columns) + ")";
    const std::string where =
        " FROM " + qualified(schema, task.table) + " WHERE " + length + " > " + std::to_string(chars);
    LongDocuments out;
    out.count = std::stoull(pg.scalar("SELECT count(*)" + where).value_or("0"));
    for (const auto& r : pg.query("SELECT " + key_text_sql(row_key) + where + " ORDER BY " + length + " DESC LIMIT " +
                                  std::to_string(kMaxSamples)))
        out.keys.push_back(r[0].value_or("NULL"));
    return out;
}

}  // namespace m2pg::index
