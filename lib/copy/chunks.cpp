#include "copy/chunks.hpp"

#include <set>

#include "util/error.hpp"
#include "util/text.hpp"

namespace m2pg::copy {

namespace {

const std::set<std::string> kNumericTypes = {"tinyint", "smallint", "mediumint", "int",    "integer",
                                             "bigint",  "decimal",  "numeric",   "float", "double", "year"};
const std::set<std::string> kBinaryTypes = {"binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob"};

}  // namespace

std::string key_literal(source::mysql::MysqlConnection& mysql, const schema::Column& column,
                        const std::string& value) {
    if (kNumericTypes.count(column.data_type)) return value;
    if (kBinaryTypes.count(column.data_type)) return "X'" + util::hex_encode(value, util::HexCase::Upper) + "'";
    return mysql.quote_literal(value);
}

std::vector<Chunk> plan_chunks(source::mysql::MysqlConnection& mysql, const schema::Table& table,
                               std::uint64_t chunk_rows) {
    const schema::Index* pk = table.primary_key();
    const double estimate = static_cast<double>(table.row_estimate);
    if (!pk || pk->columns.empty() || chunk_rows == 0 || estimate < 1.5 * static_cast<double>(chunk_rows))
        return {Chunk{table.name, 0, "", pk ? "whole table" : "whole table (no primary key)"}};

    const schema::Column* key = table.find_column(pk->columns.front().name);
    if (!key) throw SourceError("primary key column " + pk->columns.front().name + " of " + table.name + " not found");
    const std::string key_sql = source::mysql::quote_ident(key->name);
    const std::string from = " FROM " + source::mysql::quote_ident(table.name);

    // Boundaries b1 < b2 < ...: chunk 0 is key < b1, chunk i is b_i <= key < b_{i+1}.
    std::vector<std::string> bounds;
    std::string next_start_condition;  // empty for the first step
    for (;;) {
        auto value = mysql.scalar("SELECT " + key_sql + from + next_start_condition + " ORDER BY " + key_sql +
                                  " LIMIT 1 OFFSET " + std::to_string(chunk_rows));
        if (!value) break;
        std::string literal = key_literal(mysql, *key, *value);
        if (!bounds.empty() && bounds.back() == literal) {
            // The leading column repeats more than chunk_rows times: move past the run.
            value = mysql.scalar("SELECT " + key_sql + from + " WHERE " + key_sql + " > " + literal + " ORDER BY " +
                                 key_sql + " LIMIT 1");
            if (!value) break;
            literal = key_literal(mysql, *key, *value);
        }
        bounds.push_back(literal);
        next_start_condition = " WHERE " + key_sql + " >= " + literal;
    }

    std::vector<Chunk> chunks;
    for (std::size_t i = 0; i <= bounds.size(); ++i) {
        Chunk c;
        c.table = table.name;
        c.number = static_cast<int>(i);
        std::string lower = i == 0 ? "" : key_sql + " >= " + bounds[i - 1];
        std::string upper = i == bounds.size() ? "" : key_sql + " < " + bounds[i];
        c.where = lower.empty() ? upper : upper.empty() ? lower : lower + " AND " + upper;
        c.range_text = c.where.empty() ? "whole table" : c.where;
        chunks.push_back(std::move(c));
    }
    return chunks;
}

}  // namespace m2pg::copy
