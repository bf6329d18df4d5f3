#include "source/mysql/result.hpp"

#include <algorithm>

#include "util/error.hpp"

namespace m2pg::source::mysql {

void MysqlFreeResult::operator()(MYSQL_RES* result) const noexcept {
    mysql_free_result(result);
}

std::size_t QueryResult::column_index(std::string_view name) const {
    auto it = std::find(columns.begin(), columns.end(), name);
    if (it == columns.end())
        throw SourceError("the query result has no column " + std::string(name));
    return static_cast<std::size_t>(it - columns.begin());
}

QueryResult fetch_all(MYSQL_RES* result) {
    QueryResult out;
    const unsigned field_count = mysql_num_fields(result);
    const MYSQL_FIELD* fields = mysql_fetch_fields(result);
    out.columns.reserve(field_count);
    for (unsigned i = 0; i < field_count; ++i)
        out.columns.emplace_back(fields[i].name, fields[i].name_length);

    out.rows.reserve(static_cast<std::size_t>(mysql_num_rows(result)));
    while (MYSQL_ROW raw = mysql_fetch_row(result)) {
        // Lengths, not strlen: values may hold NUL bytes (binary defaults, blobs).
        const unsigned long* lengths = mysql_fetch_lengths(result);
        Row row;
        row.reserve(field_count);
        for (unsigned i = 0; i < field_count; ++i) {
            if (raw[i] == nullptr)
                row.emplace_back(std::nullopt);
            else
                row.emplace_back(std::string(raw[i], lengths[i]));
        }
        out.rows.push_back(std::move(row));
    }
    return out;
}

}  // namespace m2pg::source::mysql
