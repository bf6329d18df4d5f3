#include "target/postgres/saved_definitions.hpp"

#include "target/postgres/identifier.hpp"
#include "util/text.hpp"

namespace m2pg::target::postgres {

namespace {

constexpr const char* kColumns =
    "schema_name, table_name, kind, name, position, depth, definition, index_definition, tablespace, method, "
    "is_deferrable, is_deferred, is_validated, key_sql, predicate, columns, referenced_table, referenced_columns, "
    "check_clause";

// A definition saved before and put back since is in place again: pending once more, as now.
constexpr const char* kUpdate =
    "position = excluded.position, depth = excluded.depth, definition = excluded.definition, "
    "index_definition = excluded.index_definition, tablespace = excluded.tablespace, method = excluded.method, "
    "is_deferrable = excluded.is_deferrable, is_deferred = excluded.is_deferred, "
    "is_validated = excluded.is_validated, key_sql = excluded.key_sql, predicate = excluded.predicate, "
    "columns = excluded.columns, referenced_table = excluded.referenced_table, "
    "referenced_columns = excluded.referenced_columns, check_clause = excluded.check_clause, saved_at = now(), "
    "done_at = NULL";

// Lists are stored joined with chr(31), as the catalog queries read them.
std::string list(const std::vector<std::string>& items) { return quote_literal(util::join(items, "\x1f")); }
std::string boolean(bool b) { return b ? "true" : "false"; }

std::string values(const Definition& d, int position) {
    return "(" + quote_literal(d.schema) + ", " + quote_literal(d.table) + ", " +
           quote_literal(definition_kind_name(d.kind)) + ", " + quote_literal(d.name) + ", " +
           std::to_string(position) + ", " + std::to_string(d.depth) + ", " + quote_literal(d.definition) + ", " +
           quote_literal(d.index_definition) + ", " + quote_literal(d.tablespace) + ", " + quote_literal(d.method) +
           ", " + boolean(d.is_deferrable) + ", " + boolean(d.is_deferred) + ", " + boolean(d.is_validated) + ", " +
           list(d.key_sql) + ", " + quote_literal(d.predicate) + ", " + list(d.columns) + ", " +
           quote_literal(d.referenced_table) + ", " + list(d.referenced_columns) + ", " +
           quote_literal(d.check_clause) + ")";
}

bool table_exists(PgConnection& pg) {
    return pg.scalar(std::string("SELECT to_regclass('") + kSavedDefinitionsTable + "') IS NOT NULL") == "t";
}

std::string where_one(const Definition& d) {
    return " WHERE schema_name = " + quote_literal(d.schema) + " AND table_name = " + quote_literal(d.table) +
           " AND kind = " + quote_literal(definition_kind_name(d.kind)) + " AND name = " + quote_literal(d.name);
}

}  // namespace

void save_and_drop_definitions(PgConnection& tx, const std::vector<Definition>& definitions) {
    if (definitions.empty()) return;
    tx.execute(std::string("CREATE SCHEMA IF NOT EXISTS ") + kStateSchema);
    tx.execute(std::string("CREATE TABLE IF NOT EXISTS ") + kSavedDefinitionsTable +
               " (schema_name text NOT NULL, table_name text NOT NULL, kind text NOT NULL, name text NOT NULL, "
               "position int NOT NULL, depth int NOT NULL, definition text NOT NULL, index_definition text NOT NULL, "
               "tablespace text NOT NULL, method text NOT NULL, is_deferrable boolean NOT NULL, "
               "is_deferred boolean NOT NULL, is_validated boolean NOT NULL, key_sql text NOT NULL, "
               "predicate text NOT NULL, columns text NOT NULL, referenced_table text NOT NULL, "
               "referenced_columns text NOT NULL, check_clause text NOT NULL, "
               "saved_at timestamptz NOT NULL DEFAULT now(), done_at timestamptz, "
               "PRIMARY KEY (schema_name, table_name, kind, name))");
    const int first = std::stoi(
        tx.scalar(std::string("SELECT coalesce(max(position), -1) + 1 FROM ") + kSavedDefinitionsTable).value_or("0"));
    std::vector<std::string> rows;
    for (std::size_t i = 0; i < definitions.size(); ++i)
        rows.push_back(values(definitions[i], first + static_cast<int>(i)));
    tx.execute(std::string("INSERT INTO ") + kSavedDefinitionsTable + " (" + kColumns + ") VALUES " +
               util::join(rows, ", ") + " ON CONFLICT (schema_name, table_name, kind, name) DO UPDATE SET " +
               kUpdate);
    for (const Definition& d : definitions)
        if (const std::string drop = drop_definition_sql(d); !drop.empty()) tx.execute(drop);
}

std::vector<Definition> load_pending_definitions(PgConnection& pg, const std::string& schema) {
    std::vector<Definition> out;
    if (!table_exists(pg)) return out;
    for (const Row& r : pg.query(std::string("SELECT ") + kColumns + " FROM " + kSavedDefinitionsTable +
                                 " WHERE done_at IS NULL AND schema_name = " + quote_literal(schema) +
                                 " ORDER BY position")) {
        auto text = [&](std::size_t i) { return r.at(i).value_or(""); };
        Definition d;
        d.schema = text(0);
        d.table = text(1);
        d.kind = parse_definition_kind(text(2));
        d.name = text(3);
        d.position = std::stoi(text(4));
        d.depth = std::stoi(text(5));
        d.definition = text(6);
        d.index_definition = text(7);
        d.tablespace = text(8);
        d.method = text(9);
        d.is_deferrable = text(10) == "t";
        d.is_deferred = text(11) == "t";
        d.is_validated = text(12) == "t";
        d.key_sql = util::split(text(13), '\x1f');
        d.predicate = text(14);
        d.columns = util::split(text(15), '\x1f');
        d.referenced_table = text(16);
        d.referenced_columns = util::split(text(17), '\x1f');
        d.check_clause = text(18);
        out.push_back(std::move(d));
    }
    return out;
}

PendingDefinitions count_pending_definitions(PgConnection& pg) {
    PendingDefinitions out;
    if (!table_exists(pg)) return out;
    const auto rows = pg.query(std::string("SELECT count(*) FILTER (WHERE kind <> 'materialized view'), "
                                           "count(*) FILTER (WHERE kind = 'materialized view') FROM ") +
                               kSavedDefinitionsTable + " WHERE done_at IS NULL");
    out.definitions = std::stoul(rows.at(0).at(0).value_or("0"));
    out.views = std::stoul(rows.at(0).at(1).value_or("0"));
    return out;
}

void mark_definition_done(PgConnection& pg, const Definition& d) {
    pg.execute(std::string("UPDATE ") + kSavedDefinitionsTable + " SET done_at = now()" + where_one(d) +
               " AND done_at IS NULL");
}

void forget_definitions_when_done(PgConnection& pg) {
    if (!table_exists(pg) || count_pending_definitions(pg).total() > 0) return;
    pg.execute(std::string("DROP TABLE IF EXISTS ") + kSavedDefinitionsTable);
    drop_state_schema_if_empty(pg);
}

void drop_state_schema_if_empty(PgConnection& pg) {
    const auto tables = pg.scalar(std::string("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = "
                                              "c.relnamespace WHERE n.nspname = ") +
                                  quote_literal(kStateSchema));
    if (tables == "0") pg.execute(std::string("DROP SCHEMA IF EXISTS ") + kStateSchema);
}

}  // namespace m2pg::target::postgres
