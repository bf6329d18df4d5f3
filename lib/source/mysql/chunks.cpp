#include "source/mysql/chunks.hpp"

#include <algorithm>
#include <optional>
#include <set>

#include "util/error.hpp"
#include "util/text.hpp"

namespace m2pg::source::mysql {

namespace {

const std::set<std::string> kNumericTypes = {"tinyint", "smallint", "mediumint", "int",    "integer",
                                             "bigint",  "decimal",  "numeric",   "float", "double", "year"};
const std::set<std::string> kBinaryTypes = {"binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob"};

const std::set<std::string> kIntegerTypes = {"tinyint", "smallint", "mediumint", "int", "integer", "bigint"};

// bigint unsigned reaches 2^64-1 and MIN..MAX spans need a sign: 128 bits hold both.
__extension__ using Int128 = __int128;

// A decimal integer as MySQL prints one.
std::optional<Int128> parse_integer(const std::optional<std::string>& text) {
    if (!text || text->empty()) return std::nullopt;
    const bool negative = (*text)[0] == '-';
    Int128 v = 0;
    for (std::size_t i = negative ? 1 : 0; i < text->size(); ++i) {
        const char c = (*text)[i];
        if (c < '0' || c > '9' || i > 21) return std::nullopt;
        v = v * 10 + (c - '0');
    }
    return negative ? -v : v;
}

std::string integer_text(Int128 v) {
    if (v == 0) return "0";
    const bool negative = v < 0;
    std::string digits;
    for (; v != 0; v /= 10) digits.insert(digits.begin(), static_cast<char>('0' + (negative ? -(v % 10) : v % 10)));
    return negative ? "-" + digits : digits;
}

// Bounds every `step` keys from MIN, where MIN..MAX is dense enough that equal key spans
// hold about equal rows; nullopt for a sparse key (ids with big gaps), which is walked.
std::optional<std::vector<std::string>> arithmetic_bounds(source::mysql::MysqlConnection& mysql,
                                                          const std::string& key_sql, const std::string& from,
                                                          double estimate, std::uint64_t chunk_rows) {
    const auto result = mysql.query("SELECT MIN(" + key_sql + "), MAX(" + key_sql + ")" + from);
    if (result.rows.size() != 1 || result.rows[0].size() != 2) return std::nullopt;
    const auto low = parse_integer(result.rows[0][0]);
    const auto high = parse_integer(result.rows[0][1]);
    if (!low || !high || *high < *low) return std::nullopt;
    const Int128 span = *high - *low + 1;
    if (static_cast<double>(span) > 4 * estimate) return std::nullopt;
    const auto step = std::max<Int128>(
        1, static_cast<Int128>(static_cast<double>(span) * static_cast<double>(chunk_rows) / estimate));
    std::vector<std::string> bounds;
    for (Int128 b = *low + step; b <= *high; b += step) bounds.push_back(integer_text(b));
    return bounds;
}

}  // namespace

std::string key_literal(source::mysql::MysqlConnection& mysql, const model::Column& column,
                        const std::string& value) {
    if (kNumericTypes.count(column.data_type)) return value;
    if (kBinaryTypes.count(column.data_type)) return "X'" + util::hex_encode(value, util::HexCase::Upper) + "'";
    return mysql.quote_literal(value);
}

std::string range_condition(const Chunk& chunk, const std::string& quoted_key) {
    const std::string lower = chunk.lower.empty() ? "" : quoted_key + " >= " + chunk.lower;
    const std::string upper = chunk.upper.empty() ? "" : quoted_key + " < " + chunk.upper;
    return lower.empty() ? upper : upper.empty() ? lower : lower + " AND " + upper;
}

std::string mysql_condition(const Chunk& chunk) {
    return chunk.whole_table() ? "" : range_condition(chunk, source::mysql::quote_ident(chunk.key));
}

std::vector<Chunk> plan_chunks(source::mysql::MysqlConnection& mysql, const model::Table& table,
                               std::uint64_t chunk_rows) {
    const model::Index* pk = table.primary_key();
    const double estimate = static_cast<double>(table.row_estimate);
    if (!pk || pk->columns.empty() || chunk_rows == 0 || estimate < 1.5 * static_cast<double>(chunk_rows))
        return {Chunk{table.name, 0, "", "", "", pk ? "whole table" : "whole table (no primary key)"}};

    const model::Column* key = table.find_column(pk->columns.front().name);
    if (!key) throw SourceError("primary key column " + pk->columns.front().name + " of " + table.name + " not found");
    const std::string key_sql = source::mysql::quote_ident(key->name);
    const std::string from = " FROM " + source::mysql::quote_ident(table.name);

    // Boundaries b1 < b2 < ...: chunk 0 is key < b1, chunk i is b_i <= key < b_{i+1}.
    std::vector<std::string> bounds;
    std::optional<std::vector<std::string>> by_arithmetic;
    if (kIntegerTypes.count(key->data_type))
        by_arithmetic = arithmetic_bounds(mysql, key_sql, from, estimate, chunk_rows);
    if (by_arithmetic) bounds = std::move(*by_arithmetic);
    std::string next_start_condition;  // empty for the first step
    while (!by_arithmetic) {
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
        c.key = key->name;
        c.lower = i == 0 ? "" : bounds[i - 1];
        c.upper = i == bounds.size() ? "" : bounds[i];
        c.range_text = c.whole_table() ? "whole table" : mysql_condition(c);
        chunks.push_back(std::move(c));
    }
    return chunks;
}

}  // namespace m2pg::source::mysql
