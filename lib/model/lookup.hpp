#pragma once
// Finding tables and columns by a name spelled another way: MySQL compares column names
// case-insensitively, index and key metadata may spell them differently from the column
// list, and REFERENCED_TABLE_NAME is lower case under lower_case_table_names=1.
#include <string>

#include "model/catalog.hpp"

namespace m2pg::model {

// The column named exactly `name`, else the first whose name equals it ignoring ASCII case.
const Column* find_column_ci(const Table& table, const std::string& name);

// The table named exactly `name`, else the first whose name equals it ignoring ASCII case
// (an exact match wins where two tables differ only in case, lower_case_table_names=0).
const Table* find_table_ci(const Catalog& catalog, const std::string& name);

}  // namespace m2pg::model
