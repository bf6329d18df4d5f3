#include "target/postgres/catalog.hpp"

#include <map>

#include "target/postgres/identifier.hpp"
#include "util/text.hpp"

namespace m2pg::target::postgres {

namespace {

// The unit separator cannot occur in an enum label that came through m2pg: labels are
// split on it.
constexpr char kLabelSeparator = '\x1f';

std::optional<std::int64_t> number(const std::optional<std::string>& text) {
    if (!text) return std::nullopt;
    return std::stoll(*text);
}

}  // namespace

const TargetColumn* TargetTable::find_column(const std::string& column_name) const {
    for (const auto& c : columns)
        if (c.name == column_name) return &c;
    return nullptr;
}

std::vector<TargetTable> read_target_tables(PgConnection& pg, const std::string& schema) {
    // A default of NULL (the server keeps "DEFAULT NULL" of a varchar(n) column as
    // NULL::character varying) is no default. t: the column's type, or a domain's base type; e: an array's element type; m: the
    // typmod, a domain's own for a domain column (its attribute has none). The typmod holds
    // varchar/char length + 4 and numeric ((p << 16) | s) + 4, for an array of them too.
    auto rows = pg.query(
        "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), t.typname, "
        "       t.typtype = 'e' OR e.typtype = 'e', a.attnotnull, "
        "       (d.adbin IS NOT NULL AND pg_get_expr(d.adbin, d.adrelid) !~ '^NULL(::[^()]*)?$') OR a.attidentity <> '', "
        "       e.typname, "
        "       CASE WHEN coalesce(e.typname, t.typname) IN ('varchar', 'bpchar') AND m.typmod > 4 "
        "            THEN m.typmod - 4 END, "
        "       CASE WHEN coalesce(e.typname, t.typname) = 'numeric' AND m.typmod > 4 "
        "            THEN ((m.typmod - 4) >> 16) & 65535 END, "
        "       CASE WHEN coalesce(e.typname, t.typname) = 'numeric' AND m.typmod > 4 "
        "            THEN (m.typmod - 4) & 65535 END, "
        "       array_to_string(ARRAY(SELECT enumlabel FROM pg_enum "
        "                             WHERE enumtypid = coalesce(e.oid, t.oid) ORDER BY enumsortorder), chr(31)) "
        "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
        "JOIN pg_type ct ON ct.oid = a.atttypid "
        "CROSS JOIN LATERAL (SELECT CASE WHEN ct.typtype = 'd' THEN ct.typtypmod ELSE a.atttypmod END AS typmod) m "
        "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
        "JOIN pg_type t ON t.oid = CASE WHEN ct.typtype = 'd' THEN ct.typbasetype ELSE ct.oid END "
        "LEFT JOIN pg_type e ON e.oid = t.typelem AND t.typcategory = 'A' "
        "WHERE n.nspname = " + pg.quote_literal(schema) + " AND c.relkind IN ('r', 'p') "
        "ORDER BY c.relname, a.attnum");
    std::vector<TargetTable> tables;
    for (const auto& r : rows) {
        if (tables.empty() || tables.back().name != *r[0]) tables.push_back({schema, *r[0], {}, {}});
        TargetColumn column;
        column.name = *r[1];
        column.type = *r[2];
        column.base_type = *r[3];
        column.is_enum = r[4] == "t";
        column.not_null = r[5] == "t";
        column.has_default = r[6] == "t";
        column.element_type = r[7].value_or("");
        column.max_chars = number(r[8]);
        column.numeric_precision = number(r[9]);
        column.numeric_scale = number(r[10]);
        if (column.is_enum) column.enum_labels = util::split(r[11].value_or(""), kLabelSeparator);
        tables.back().columns.push_back(std::move(column));
    }
    auto checks = pg.query(
        "SELECT c.relname, k.conname, pg_get_constraintdef(k.oid) FROM pg_constraint k "
        "JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE k.contype = 'c' AND n.nspname = " + pg.quote_literal(schema) + " ORDER BY c.relname, k.conname");
    for (const auto& r : checks)
        for (auto& t : tables)
            if (t.name == *r[0]) t.checks.push_back({*r[1], *r[2]});
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
