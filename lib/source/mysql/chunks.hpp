#pragma once
// Splits a table into primary-key ranges so that one big table can use every job and a
// killed copy resumes at the chunk where it stopped.
#include <cstdint>
#include <string>
#include <vector>

#include "model/catalog.hpp"
#include "source/mysql/connection.hpp"

namespace m2pg::source::mysql {

// A range of the first primary-key column: key >= lower AND key < upper, either bound absent
// when empty. The bounds are MySQL literals (plain numbers for a numeric key). Each side
// writes its own SQL from them (mysql_condition here, range_condition with its own quoting).
struct Chunk {
    std::string table;      // MySQL table
    int number = 0;         // 0-based, in key order
    std::string key;        // MySQL name of the key column; empty: the whole table
    std::string lower;      // inclusive; empty: from the first row
    std::string upper;      // exclusive; empty: to the last row
    std::string range_text; // for messages: "`id` < 100000", "whole table"

    bool whole_table() const { return lower.empty() && upper.empty(); }
};

// The chunk's rows as a condition on the key column written as `quoted_key`; empty for the
// whole table. Bounds are used as written, so only a numeric key reads the same in Postgres.
std::string range_condition(const Chunk& chunk, const std::string& quoted_key);

// The chunk's rows as a MySQL condition; empty for the whole table.
std::string mysql_condition(const Chunk& chunk);

// Ranges of about `chunk_rows` rows over the first primary-key column. An integer column
// whose values are dense (MAX - MIN + 1 at most 4 times the estimated rows) is cut by
// arithmetic from MIN and MAX, two index lookups; any other key is found by walking it in
// order (a keyset walk: each step reads chunk_rows index entries, never OFFSET from the
// start), which on InnoDB's clustered key reads every row of the table once. Tables
// without a primary key, or smaller than 1.5 chunks by `table.row_estimate`, are one
// chunk. The chunks are disjoint and together cover every row, also when the leading
// column of a composite key repeats.
std::vector<Chunk> plan_chunks(source::mysql::MysqlConnection& mysql, const model::Table& table,
                               std::uint64_t chunk_rows);

// A literal of `value` for a comparison with `column` in MySQL: numbers bare, binary
// strings as X'hex', other strings quoted and escaped for the connection charset.
std::string key_literal(source::mysql::MysqlConnection& mysql, const model::Column& column, const std::string& value);

}  // namespace m2pg::source::mysql
