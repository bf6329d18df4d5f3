#pragma once
// Which columns name a row, one rule for every tool (check's findings, copy's errors and
// pre-checks, verify's differences): the primary key, or failing that the first unique key
// whose columns are all NOT NULL and whole (a prefix key does not identify the row).
#include <string>
#include <vector>

#include "model/catalog.hpp"

namespace m2pg::model {

// The key columns of `table` in key order; empty when it has neither key (rows cannot be named).
std::vector<std::string> row_key_columns(const Table& table);

}  // namespace m2pg::model
