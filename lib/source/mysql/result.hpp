#pragma once
// A fully fetched, small result set: metadata queries only (information_schema, SHOW,
// SELECT VERSION()). Table data never goes through here; it streams (mysql_use_result).
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <mysql.h>

namespace m2pg::source::mysql {

struct MysqlFreeResult {
    void operator()(MYSQL_RES* result) const noexcept;
};
using MysqlResPtr = std::unique_ptr<MYSQL_RES, MysqlFreeResult>;

// One row; nullopt is SQL NULL. Values are the server's text, byte for byte (binary safe).
using Row = std::vector<std::optional<std::string>>;

struct QueryResult {
    std::vector<std::string> columns;  // column labels, in select-list order
    std::vector<Row> rows;

    // Position of the column labelled `name` (exact match); throws SourceError naming
    // the column when the query has no such column (a template and its reader disagree).
    std::size_t column_index(std::string_view name) const;
};

// Copies every row of a stored (mysql_store_result) result; the result stays owned by
// the caller.
QueryResult fetch_all(MYSQL_RES* result);

}  // namespace m2pg::source::mysql
