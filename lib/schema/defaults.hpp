#pragma once
// MySQL column defaults → Postgres DEFAULT expressions. A default we cannot translate
// exactly is left out and explained in a note: the DDL must always be valid SQL.
#include <optional>
#include <string>

#include "convert/types.hpp"
#include "model/catalog.hpp"

namespace m2pg::schema {

struct DefaultTranslation {
    std::optional<std::string> expression;  // for "DEFAULT <expression>"; nullopt: no clause
    std::string note;  // non-empty when MySQL's default was dropped or changed
    // A NOT NULL column whose default is a zero date holds zero dates, which become NULL:
    // the Postgres column must accept NULL (pgloader's zero-dates-to-null does the same).
    bool drop_not_null = false;
};

// Translates column.default_value as MariaDB 10.2+ reports COLUMN_DEFAULT (quoted
// literals with '' and backslash escapes, bare numbers, b'101', NULL, expressions such as
// current_timestamp(6)) into the type `mapping` chose. Pure; never throws for an
// unknown form (that becomes the note).
DefaultTranslation translate_default(const model::Column& column, const convert::Mapping& mapping);

}  // namespace m2pg::schema
