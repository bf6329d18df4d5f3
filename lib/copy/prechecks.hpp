#pragma once
// Runs the value checks (value_checks.hpp) on MySQL before the first row moves, so a copy
// into an app's own schema refuses up front — with the offending values, their counts and
// sample row keys — instead of failing a table at COPY time, rows into it.
#include <string>
#include <vector>

#include "copy/value_checks.hpp"
#include "source/mysql/connection.hpp"

namespace m2pg::copy {

// One scan of the table when it has checks (every condition summed in one SELECT), then,
// for each condition some rows meet, its most frequent values with their counts and up to
// five row keys. Returns one message per refused column, "Table.Column: ...".
std::vector<std::string> run_value_checks(source::mysql::MysqlConnection& mysql, const schema::TablePair& pair,
                                          const std::vector<ValueCheck>& checks);

}  // namespace m2pg::copy
