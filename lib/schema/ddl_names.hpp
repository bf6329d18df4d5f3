#pragma once
// The Postgres names of everything lib/schema/ddl creates, chosen once for the whole
// catalog so that every phase (run in separate processes, maybe days apart) agrees.
// MySQL scopes index names per table; Postgres puts indexes, tables and sequences in one
// namespace per schema, so an index becomes <table>_<index>, shortened and made unique.
#include <map>
#include <string>
#include <utility>

#include "target/postgres/identifier.hpp"
#include "model/catalog.hpp"

namespace m2pg::schema {

class DdlNames {
public:
    // Throws ConvertError for a table or column name over 63 bytes, or for two tables
    // (or two columns of a table) whose names fold to the same Postgres name.
    DdlNames(const model::Catalog& catalog, target::postgres::IdentifierCase policy);

    // Unquoted Postgres names.
    const std::string& primary_key(const model::Table& table) const;
    const std::string& index(const model::Table& table, const model::Index& index) const;
    const std::string& sequence(const model::Table& table, const model::Column& column) const;  // AUTO_INCREMENT
    const std::string& check(const model::Table& table, const model::Column& column) const;     // enum/set
    const std::string& foreign_key(const model::Table& table, const model::ForeignKey& fk) const;

private:
    using Key = std::pair<std::string, std::string>;  // (MySQL table, kind + MySQL name)
    std::map<Key, std::string> names_;

    const std::string& get(const model::Table& table, const std::string& key) const;
};

}  // namespace m2pg::schema
