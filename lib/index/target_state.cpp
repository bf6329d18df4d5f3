#include "index/target_state.hpp"

#include "index/target_state_sql.hpp"  // generated from templates/postgres/index_target_*.sql
#include "target/postgres/identifier.hpp"

namespace m2pg::index {

namespace {

std::string bind_schema(std::string_view sql, const std::string& schema) {
    std::string out(sql);
    const std::string literal = target::postgres::quote_literal(schema);
    for (auto at = out.find("$schema"); at != std::string::npos; at = out.find("$schema", at + literal.size()))
        out.replace(at, 7, literal);
    return out;
}

std::vector<std::string> split_names(const std::optional<std::string>& joined) {
    std::vector<std::string> out;
    if (!joined || joined->empty()) return out;
    std::size_t start = 0;
    for (std::size_t at; (at = joined->find('\x1f', start)) != std::string::npos; start = at + 1)
        out.push_back(joined->substr(start, at - start));
    out.push_back(joined->substr(start));
    return out;
}

bool is_true(const std::optional<std::string>& v) { return v && *v == "t"; }

}  // namespace

const ExistingIndex* TargetState::find_index(const std::string& name) const {
    for (const ExistingIndex& i : indexes)
        if (i.name == name) return &i;
    return nullptr;
}

const ExistingConstraint* TargetState::find_constraint(const std::string& table, const std::string& name) const {
    for (const ExistingConstraint& c : constraints)
        if (c.table == table && c.name == name) return &c;
    return nullptr;
}

const ExistingConstraint* TargetState::primary_key(const std::string& table) const {
    for (const ExistingConstraint& c : constraints)
        if (c.table == table && c.type == 'p') return &c;
    return nullptr;
}

TargetState read_target_state(target::postgres::PgConnection& pg, const std::string& schema) {
    TargetState state;
    for (const auto& row : pg.query(bind_schema(target_state_sql::kTables, schema)))
        state.table_bytes[row[0].value_or("")] = std::stoll(row[1].value_or("0"));
    for (const auto& row : pg.query(bind_schema(target_state_sql::kIndexes, schema))) {
        ExistingIndex i;
        i.table = row[0].value_or("");
        i.name = row[1].value_or("");
        i.is_valid = is_true(row[2]);
        i.is_unique = is_true(row[3]);
        i.is_primary = is_true(row[4]);
        i.method = row[5].value_or("");
        i.is_plain = is_true(row[6]);
        i.columns = split_names(row[7]);
        state.indexes.push_back(std::move(i));
    }
    for (const auto& row : pg.query(bind_schema(target_state_sql::kConstraints, schema))) {
        ExistingConstraint c;
        c.table = row[0].value_or("");
        c.name = row[1].value_or("");
        c.type = row[2].value_or("p").front();
        c.is_validated = is_true(row[3]);
        c.columns = split_names(row[4]);
        c.referenced_table = row[5].value_or("");
        c.referenced_columns = split_names(row[6]);
        state.constraints.push_back(std::move(c));
    }
    return state;
}

}  // namespace m2pg::index
