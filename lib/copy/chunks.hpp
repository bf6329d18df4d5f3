#pragma once
// Splits a table into primary-key ranges so that one big table can use every job and a
// killed copy resumes at the chunk where it stopped.
#include <cstdint>
#include <string>
#include <vector>

#include "schema/model.hpp"
#include "source/mysql/connection.hpp"

namespace m2pg::copy {

struct Chunk {
    std::string table;      // MySQL table
    int number = 0;         // 0-based, in key order
    std::string where;      // MySQL condition selecting the chunk's rows; empty: the whole table
    std::string range_text; // for messages: "id < 100000", "whole table"
};

// Ranges of about `chunk_rows` rows over the first primary-key column, found by walking
// the key in order (a keyset walk: each step reads chunk_rows index entries, never OFFSET
// from the start). Tables without a primary key, or smaller than 1.5 chunks by the
// server's estimate, are one chunk. The chunks are disjoint and together cover every row,
// also when the leading column of a composite key repeats.
std::vector<Chunk> plan_chunks(source::mysql::MysqlConnection& mysql, const schema::Table& table,
                               std::uint64_t chunk_rows);

// A literal of `value` for a comparison with `column` in MySQL: numbers bare, binary
// strings as X'hex', other strings quoted and escaped for the connection charset.
std::string key_literal(source::mysql::MysqlConnection& mysql, const schema::Column& column, const std::string& value);

}  // namespace m2pg::copy
