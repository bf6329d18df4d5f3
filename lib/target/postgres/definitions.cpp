#include "target/postgres/definitions.hpp"

#include "target/postgres/definitions_sql.hpp"  // generated from templates/postgres/definitions_*.sql
#include "target/postgres/identifier.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace m2pg::target::postgres {

namespace {

constexpr std::string_view kKindNames[] = {"index",     "unique constraint",    "foreign key",
                                           "check",     "exclusion constraint", "materialized view"};

// $schema → 'schema', $tables → ARRAY['a', 'b']::text[].
std::string bind(std::string_view sql, const std::string& schema, const std::vector<std::string>& tables) {
    std::vector<std::string> literals;
    for (const std::string& t : tables) literals.push_back(quote_literal(t));
    const std::pair<std::string, std::string> params[] = {
        {"$schema", quote_literal(schema)}, {"$tables", "ARRAY[" + util::join(literals, ", ") + "]::text[]"}};
    std::string out(sql);
    for (const auto& [name, value] : params)
        for (auto at = out.find(name); at != std::string::npos; at = out.find(name, at + value.size()))
            out.replace(at, name.size(), value);
    return out;
}

std::string text(const Row& row, std::size_t i) { return row.at(i).value_or(""); }
bool truth(const Row& row, std::size_t i) { return row.at(i).value_or("f") == "t"; }
std::vector<std::string> names(const Row& row, std::size_t i) { return util::split(text(row, i), '\x1f'); }

std::string kept_reason(const std::string& foreign_keys) {
    return "kept: foreign key " + foreign_keys + " (a table the copy does not write) uses it";
}

DefinitionKind constraint_kind(char contype) {
    switch (contype) {
        case 'u': return DefinitionKind::UniqueConstraint;
        case 'f': return DefinitionKind::ForeignKey;
        case 'c': return DefinitionKind::Check;
        case 'x': return DefinitionKind::Exclusion;
    }
    throw Error("internal: unexpected constraint type " + std::string(1, contype));
}

void read_constraints(PgConnection& pg, const std::string& schema, const std::vector<std::string>& tables,
                      AppSchemaDefinitions& out) {
    for (const Row& r : pg.query(bind(definitions_sql::kConstraints, schema, tables))) {
        if (const std::string users = text(r, 15); !users.empty()) {
            out.kept.push_back({text(r, 0), text(r, 1), kept_reason(users)});
            continue;
        }
        Definition d;
        d.kind = constraint_kind(text(r, 2).at(0));
        d.schema = schema;
        d.table = text(r, 0);
        d.name = text(r, 1);
        d.definition = text(r, 3);
        d.is_deferrable = truth(r, 4);
        d.is_deferred = truth(r, 5);
        d.is_validated = truth(r, 6);
        d.index_definition = text(r, 7);
        d.tablespace = text(r, 8);
        d.method = text(r, 9);
        d.key_sql = names(r, 10);
        d.columns = names(r, 11);
        d.referenced_table = text(r, 12);
        d.referenced_columns = names(r, 13);
        d.check_clause = text(r, 14);
        out.definitions.push_back(std::move(d));
    }
}

void read_indexes(PgConnection& pg, const std::string& schema, const std::vector<std::string>& tables,
                  AppSchemaDefinitions& out) {
    for (const Row& r : pg.query(bind(definitions_sql::kIndexes, schema, tables))) {
        if (const std::string users = text(r, 7); !users.empty()) {
            out.kept.push_back({text(r, 0), text(r, 1), kept_reason(users)});
            continue;
        }
        Definition d;
        d.kind = DefinitionKind::Index;
        d.schema = schema;
        d.table = text(r, 0);
        d.name = text(r, 1);
        d.definition = text(r, 2);
        d.index_definition = d.definition;
        d.tablespace = text(r, 3);
        d.method = text(r, 4);
        d.predicate = text(r, 5);
        d.key_sql = names(r, 6);
        out.definitions.push_back(std::move(d));
    }
}

void read_views(PgConnection& pg, const std::string& schema, const std::vector<std::string>& tables,
                AppSchemaDefinitions& out) {
    for (const Row& r : pg.query(bind(definitions_sql::kViews, schema, tables))) {
        Definition d;
        d.kind = DefinitionKind::MaterializedView;
        d.schema = schema;
        d.table = text(r, 1);
        d.name = text(r, 1);
        d.definition = quote_ident(text(r, 0)) + "." + quote_ident(text(r, 1));
        d.depth = std::stoi(r.at(2).value_or("1"));
        out.definitions.push_back(std::move(d));
    }
}

}  // namespace

std::string_view definition_kind_name(DefinitionKind kind) { return kKindNames[static_cast<int>(kind)]; }

DefinitionKind parse_definition_kind(std::string_view name) {
    for (int i = 0; i < static_cast<int>(std::size(kKindNames)); ++i)
        if (kKindNames[i] == name) return static_cast<DefinitionKind>(i);
    throw Error("internal: unknown saved definition kind '" + std::string(name) + "'");
}

AppSchemaDefinitions read_app_schema_definitions(PgConnection& pg, const std::string& schema,
                                                 const std::vector<std::string>& tables) {
    AppSchemaDefinitions out;
    if (tables.empty()) return out;
    // pg_get_indexdef and pg_get_constraintdef leave out the schema of what the
    // search_path finds: with only pg_catalog on it, every other name comes qualified.
    pg.execute("SET LOCAL search_path = pg_catalog");
    read_constraints(pg, schema, tables, out);
    read_indexes(pg, schema, tables, out);
    read_views(pg, schema, tables, out);
    pg.execute("RESET search_path");
    for (std::size_t i = 0; i < out.definitions.size(); ++i) out.definitions[i].position = static_cast<int>(i);
    return out;
}

std::string drop_definition_sql(const Definition& d) {
    const std::string table = quote_ident(d.schema) + "." + quote_ident(d.table);
    switch (d.kind) {
        case DefinitionKind::Index: return "DROP INDEX " + quote_ident(d.schema) + "." + quote_ident(d.name);
        case DefinitionKind::MaterializedView: return "";
        default: return "ALTER TABLE " + table + " DROP CONSTRAINT " + quote_ident(d.name);
    }
}

}  // namespace m2pg::target::postgres
