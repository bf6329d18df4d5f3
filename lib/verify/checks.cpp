#include "verify/checks.hpp"

#include <utility>

#include "migrate/prechecks.hpp"
#include "target/postgres/identifier.hpp"
#include "target/postgres/saved_definitions.hpp"

namespace m2pg::verify {

namespace {

using target::postgres::PgConnection;

std::string qualified(const std::string& schema, const std::string& table) {
    return target::postgres::quote_ident(schema) + "." + target::postgres::quote_ident(table);
}

// (column, sequence name as pg_get_serial_sequence prints it: qualified, quoted as needed)
// for the columns a sequence feeds: identity columns, and defaults that call nextval. A
// sequence merely owned by a column whose default is gone feeds nothing.
std::vector<std::pair<std::string, std::string>> serial_sequences(PgConnection& pg, const std::string& relation) {
    const std::string rel = pg.quote_literal(relation);
    std::vector<std::pair<std::string, std::string>> out;
    for (auto& r : pg.query("SELECT attname, seq FROM (SELECT a.attname, a.attnum, pg_get_serial_sequence(" + rel +
                            ", a.attname) AS seq FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid "
                            "AND d.adnum = a.attnum WHERE a.attrelid = " + rel +
                            "::regclass AND a.attnum > 0 AND NOT a.attisdropped AND (a.attidentity <> '' OR "
                            "pg_get_expr(d.adbin, d.adrelid) LIKE 'nextval(%')) s WHERE seq IS NOT NULL ORDER BY attnum"))
        out.emplace_back(r[0].value_or(""), r[1].value_or(""));
    return out;
}

}  // namespace

std::vector<Finding> check_sequences(PgConnection& pg, const std::string& schema, const std::string& table) {
    std::vector<Finding> out;
    const std::string relation = qualified(schema, table);
    for (const auto& [column, sequence] : serial_sequences(pg, relation)) {
        // Compared in numeric: a numeric(20) column holds values no bigint can.
        auto rows = pg.query("SELECT m::text, n::text FROM (SELECT (SELECT max(" + target::postgres::quote_ident(column) +
                             ") FROM " + relation +
                             ")::numeric AS m, (CASE WHEN s.is_called THEN s.last_value + q.seqincrement ELSE "
                             "s.last_value END)::numeric AS n, q.seqincrement AS step FROM " +
                             sequence + " s, pg_sequence q WHERE q.seqrelid = " + pg.quote_literal(sequence) +
                             "::regclass) x WHERE step > 0 AND n <= m");
        if (rows.empty()) continue;  // ahead, empty table, or a descending sequence
        const std::string max = rows[0][0].value_or("?");
        const std::string next = rows[0][1].value_or("?");
        std::string message = "sequence " + sequence + " of " + table + "." + column + " would next give " + next +
                              ", but max(" + column + ") is " + max + ": the next INSERT collides; ";
        // Sequences are bigint: past 2^63-1 (bigint unsigned ids) no setval can help.
        const bool beyond = max.size() > 19 || (max.size() == 19 && max > "9223372036854775806");
        message += beyond ? "no sequence value can be past it, so the application must supply its own ids "
                            "(ALTER TABLE ... ALTER COLUMN " + column + " DROP DEFAULT)"
                          : "fix: SELECT setval('" + sequence + "', " + max + ") (or m2pg index --create-indexes)";
        out.push_back({"sequence", relation, message});
    }
    return out;
}

std::vector<Finding> check_privileges(PgConnection& pg, const std::string& role, const std::string& schema,
                                      const std::string& table) {
    const std::string relation = qualified(schema, table);
    const std::string r = pg.quote_literal(role);
    const std::string rel = pg.quote_literal(relation);
    std::string missing;
    for (const char* privilege : {"SELECT", "INSERT", "UPDATE", "DELETE"})
        if (pg.scalar(std::string("SELECT has_table_privilege(") + r + ", " + rel + ", '" + privilege + "')") != "t")
            missing += std::string(missing.empty() ? "" : ", ") + privilege;
    std::vector<Finding> out;
    if (!missing.empty())
        out.push_back({"privilege", relation,
                       "role " + role + " lacks " + missing + " on " + relation + "; fix: GRANT " + missing + " ON " +
                           relation + " TO " + target::postgres::quote_ident(role)});
    for (const auto& [column, sequence] : serial_sequences(pg, relation))
        if (pg.scalar("SELECT has_sequence_privilege(" + r + ", " + pg.quote_literal(sequence) + ", 'USAGE')") != "t")
            out.push_back({"privilege", relation,
                           "role " + role + " lacks USAGE on sequence " + sequence + " (" + table + "." + column +
                               "), so its INSERTs fail; fix: GRANT USAGE ON SEQUENCE " + sequence + " TO " +
                               target::postgres::quote_ident(role)});
    return out;
}

bool role_exists(PgConnection& pg, const std::string& role) {
    return pg.scalar("SELECT count(*) FROM pg_roles WHERE rolname = " + pg.quote_literal(role)) == "1";
}

std::vector<Finding> check_search_path(PgConnection& pg, const std::string& schema) {
    if (auto problem = migrate::search_path_problem(migrate::read_search_path(pg), schema))
        return {{"search_path", schema, *problem}};
    return {};
}

std::vector<Finding> check_saved_definitions(PgConnection& pg) {
    const auto pending = target::postgres::count_pending_definitions(pg);
    if (pending.total() == 0) return {};
    std::string message = std::to_string(pending.definitions) + " indexes/constraints saved by copy are not rebuilt yet";
    if (pending.views > 0)
        message += " and " + std::to_string(pending.views) + " materialized view(s) not refreshed";
    return {{"index", target::postgres::kSavedDefinitionsTable, message + ": run m2pg index PG_DSN"}};
}

}  // namespace m2pg::verify
