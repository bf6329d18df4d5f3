#pragma once
// How check names a row: the columns model::row_key_columns picks, printed by
// convert::key_values_text.
#include <string>
#include <vector>

#include "model/catalog.hpp"
#include "model/row_key.hpp"
#include "source/mysql/result.hpp"

namespace m2pg::check {

using model::row_key_columns;

// `a`, `b`: the key columns quoted for a select list or ORDER BY.
std::string key_list(const std::vector<std::string>& columns);

// A key as the report shows it: the bare value for one column ("42"), "(a, b)" for
// several, NULL as NULL. Reads `columns` values of `row` starting at `first`.
std::string render_key(const source::mysql::Row& row, std::size_t first, std::size_t columns);

}  // namespace m2pg::check
