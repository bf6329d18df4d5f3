#include "schema/ddl_names.hpp"

#include <set>

#include "target/postgres/identifier.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace m2pg::schema {
using model::Catalog;
using model::Table;
using model::Column;
using model::Index;
using model::IndexKind;
using model::ForeignKey;
using target::postgres::IdentifierCase;
using target::postgres::target_name;
using target::postgres::require_identifier_fits;
using target::postgres::fit_identifier;

namespace {

// The first of base, base_2, base_3, ... (each fitted to 63 bytes) not yet in `taken`.
std::string claim(std::set<std::string>& taken, const std::string& base) {
    std::string name = fit_identifier(base);
    for (int n = 2; taken.count(name); ++n) name = fit_identifier(base + "_" + std::to_string(n));
    taken.insert(name);
    return name;
}

bool is_enum_or_set(const Column& c) {
    const std::string type = util::ascii_lower(c.data_type.empty() ? c.column_type.substr(0, c.column_type.find('('))
                                                                    : c.data_type);
    return type == "enum" || type == "set";
}

}  // namespace

DdlNames::DdlNames(const Catalog& catalog, IdentifierCase policy) {
    // One namespace per schema for tables, indexes (hence primary keys) and sequences.
    std::set<std::string> relations;
    std::map<std::string, std::string> table_of;  // Postgres name → MySQL name
    for (const Table& t : catalog.tables) {
        std::string name = target_name(t.name, policy);
        require_identifier_fits(name, "table " + t.name + ":");
        auto [it, is_new] = table_of.emplace(name, t.name);
        if (!is_new)
            throw ConvertError(Where{t.name, "", ""}, "tables " + it->second + " and " + t.name +
                                                          " both become " + name + " in Postgres");
        relations.insert(name);
        std::map<std::string, std::string> column_of;
        for (const Column& c : t.columns) {
            std::string column = target_name(c.name, policy);
            require_identifier_fits(column, "column " + t.name + "." + c.name + ":");
            auto [cit, is_new_column] = column_of.emplace(column, c.name);
            if (!is_new_column)
                throw ConvertError(Where{t.name, c.name, ""},
                                   "columns " + cit->second + " and " + c.name + " both become " +
                                       column + " in Postgres");
        }
    }
    for (const Table& t : catalog.tables) {
        std::string table = target_name(t.name, policy);
        // Constraint names are per table, except those backed by an index.
        std::set<std::string> constraints;
        names_[{t.name, "pk"}] = claim(relations, table + "_pkey");
        constraints.insert(names_[{t.name, "pk"}]);
        for (const Column& c : t.columns) {
            std::string column = target_name(c.name, policy);
            // Identity sequences are named by Postgres as <table>_<column>_seq; claim it so
            // no index takes it.
            if (c.is_auto_increment)
                names_[{t.name, "seq:" + c.name}] = claim(relations, table + "_" + column + "_seq");
            if (is_enum_or_set(c))
                names_[{t.name, "check:" + c.name}] =
                    claim(constraints, table + "_" + column + "_check");
        }
        for (const Index& index : t.indexes)
            if (index.kind != IndexKind::Primary)
                names_[{t.name, "index:" + index.name}] =
                    claim(relations, table + "_" + target_name(index.name, policy));
        for (const ForeignKey& fk : t.foreign_keys)
            names_[{t.name, "fk:" + fk.name}] = claim(constraints, target_name(fk.name, policy));
    }
}

const std::string& DdlNames::get(const Table& table, const std::string& key) const {
    auto it = names_.find({table.name, key});
    if (it == names_.end())
        throw Error("internal: no Postgres name planned for " + table.name + " " + key);
    return it->second;
}

const std::string& DdlNames::primary_key(const Table& table) const { return get(table, "pk"); }
const std::string& DdlNames::index(const Table& table, const Index& index) const {
    return get(table, "index:" + index.name);
}
const std::string& DdlNames::sequence(const Table& table, const Column& column) const {
    return get(table, "seq:" + column.name);
}
const std::string& DdlNames::check(const Table& table, const Column& column) const {
    return get(table, "check:" + column.name);
}
const std::string& DdlNames::foreign_key(const Table& table, const ForeignKey& fk) const {
    return get(table, "fk:" + fk.name);
}

}  // namespace m2pg::schema
