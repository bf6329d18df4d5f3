#pragma once
// How check names a row: by its primary key, or failing that by a unique index whose
// columns are all NOT NULL (the same key the copy would split and resume by).
#include <string>
#include <vector>

#include "model/catalog.hpp"
#include "source/mysql/result.hpp"

namespace m2pg::check {

// The key columns of `table`; empty when it has neither key (rows cannot be named).
std::vector<std::string> row_key_columns(const model::Table& table);

// `a`, `b`: the key columns quoted for a select list or ORDER BY.
std::string key_list(const std::vector<std::string>& columns);

// A key as the report shows it: the bare value for one column ("42"), "(a, b)" for
// several, NULL as NULL. Reads `columns` values of `row` starting at `first`.
std::string render_key(const source::mysql::Row& row, std::size_t first, std::size_t columns);

}  // namespace m2pg::check
