#pragma once
// Turns the raw catalog query results into model::Catalog. Pure: no server, so every
// MariaDB/MySQL quirk it handles can be unit-tested with hand-made rows.
#include <optional>
#include <string>
#include <string_view>

#include "model/catalog.hpp"
#include "source/mysql/result.hpp"

namespace m2pg::source::mysql {

// One result per templates/mysql/catalog_<name>.sql, columns labelled as there.
struct CatalogRows {
    QueryResult schema;
    QueryResult tables;
    QueryResult collations;
    QueryResult columns;
    QueryResult indexes;
    QueryResult foreign_keys;
    QueryResult checks;  // empty on servers without information_schema.CHECK_CONSTRAINTS
    QueryResult partitions;
    QueryResult views;
    QueryResult triggers;
    QueryResult routines;
    QueryResult events;
};

// Throws SourceError when a row holds something unparsable (a non-numeric TABLE_ROWS).
model::Catalog assemble_catalog(const std::string& database, const std::string& server_version,
                                 const CatalogRows& rows);

// The column a MariaDB JSON check guards: "json_valid(`we``ird`)" -> "we`ird"; nullopt for
// any other check clause.
std::optional<std::string> json_valid_column(std::string_view check_clause);

// Lower-cases a COLUMN_TYPE except inside quoted enum/set values, which keep their case:
// "ENUM('A','b')" -> "enum('A','b')".
std::string lower_column_type(std::string_view column_type);

}  // namespace m2pg::source::mysql
