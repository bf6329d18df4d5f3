#pragma once
// Pairs each MySQL table with its Postgres target and each source column with a target
// column and the codec that converts between them (DESIGN.md: conversion is driven by the
// pair). Everything that cannot be converted exactly is found here, before a row moves.
#include <string>
#include <vector>

#include "convert/json_array.hpp"
#include "convert/types.hpp"
#include "model/catalog.hpp"
#include "target/postgres/catalog.hpp"

namespace m2pg::schema {

using target::postgres::TargetColumn;
using target::postgres::TargetTable;

struct ColumnPair {
    std::string source;          // MySQL column name
    std::string target;          // Postgres column name
    std::string source_type;     // MySQL COLUMN_TYPE
    std::string target_type;     // Postgres format_type
    convert::Codec codec = convert::Codec::Text;
    int bit_width = 0;           // bit(n)
    convert::ArrayElement array_element;  // Codec::JsonArray: the target array's element
    bool empty_json_as_object = false;    // Codec::Json: '' is written as {} (TypeConfig::empty_json_as_object)
    std::string select_expr;     // what the SELECT reads: `col`, or ST_AsBinary(`col`) for geometry
};

struct TablePair {
    const model::Table* source = nullptr;
    std::string target_schema;
    std::string target_name;
    std::vector<ColumnPair> columns;
    std::vector<std::size_t> key_columns;  // indexes into columns of the row key (model/row_key.hpp)
};

// The table of `targets` a MySQL table lands in: the one with the same name, else the one
// whose name matches case-insensitively (MySQL `Posts` → Postgres `posts`); nullptr when
// none does. Throws StateError when several match only case-insensitively.
const TargetTable* find_target_table(const std::string& source_table, const std::vector<TargetTable>& targets);

// The column of `target` a MySQL column lands in, by the same rule; nullptr when none.
const TargetColumn* find_target_column(const TargetTable& target, const std::string& source_column);

// Pairs `source` with the table of `targets` whose name matches case-insensitively (an
// exact-case match wins when several do). Throws StateError when the target table is
// missing, ConvertError naming table.column when a source column has no target column
// or a type pair has no exact conversion.
TablePair pair_table(const model::Table& source, const std::vector<TargetTable>& targets,
                     const convert::TypeConfig& types);

// The element of an array target column as Codec::JsonArray checks it (kind None for
// element types JSON cannot fill exactly).
convert::ArrayElement array_element(const TargetColumn& target);

// The codec that turns values of a MySQL column (mapped as `source`) into `target`;
// throws ConvertError when no exact conversion exists.
convert::Codec codec_for(const convert::Mapping& source, const TargetColumn& target,
                         const std::string& table, const std::string& column);

}  // namespace m2pg::schema
