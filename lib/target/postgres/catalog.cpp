#include "target/postgres/catalog.hpp"

#include <map>

#include "target/postgres/identifier.hpp"

namespace m2pg::target::postgres {

std::vector<TargetTable> read_target_tables(PgConnection& pg, const std::string& schema) {
    auto rows = pg.query(
        "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), "
        "       CASE WHEN t.typtype = 'd' THEN bt.typname ELSE t.typname END, "
        "       t.typtype = 'e', a.attnotnull, a.atthasdef OR a.attidentity <> '' "
        "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
        "JOIN pg_type t ON t.oid = a.atttypid LEFT JOIN pg_type bt ON bt.oid = t.typbasetype "
        "WHERE n.nspname = " + pg.quote_literal(schema) + " AND c.relkind IN ('r', 'p') "
        "ORDER BY c.relname, a.attnum");
    std::vector<TargetTable> tables;
    for (const auto& r : rows) {
        if (tables.empty() || tables.back().name != *r[0]) tables.push_back({schema, *r[0], {}});
        TargetColumn column;
        column.name = *r[1];
        column.type = *r[2];
        column.base_type = *r[3];
        column.is_enum = r[4] == "t";
        column.not_null = r[5] == "t";
        column.has_default = r[6] == "t";
        tables.back().columns.push_back(std::move(column));
    }
    return tables;
}

std::vector<std::pair<std::string, std::string>> read_foreign_key_edges(PgConnection& pg, const std::string& schema) {
    auto rows = pg.query(
        "SELECT child.relname, parent.relname FROM pg_constraint k "
        "JOIN pg_class child ON child.oid = k.conrelid JOIN pg_class parent ON parent.oid = k.confrelid "
        "JOIN pg_namespace n ON n.oid = child.relnamespace "
        "WHERE k.contype = 'f' AND n.nspname = " + pg.quote_literal(schema));
    std::vector<std::pair<std::string, std::string>> edges;
    for (const auto& r : rows) edges.emplace_back(*r[0], *r[1]);
    return edges;
}

std::vector<std::string> non_empty_tables(PgConnection& pg, const std::string& schema,
                                          const std::vector<std::string>& tables) {
    std::vector<std::string> out;
    for (const auto& t : tables) {
        auto has = pg.scalar("SELECT EXISTS (SELECT 1 FROM " + target::postgres::quote_ident(schema) + "." +
                             target::postgres::quote_ident(t) + ")");
        if (has == "t") out.push_back(t);
    }
    return out;
}

}  // namespace m2pg::target::postgres
