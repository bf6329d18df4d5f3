#include "check/row_keys.hpp"

#include "source/mysql/connection.hpp"
#include "util/text.hpp"

namespace m2pg::check {

std::vector<std::string> row_key_columns(const model::Table& table) {
    std::vector<std::string> out;
    if (const model::Index* pk = table.primary_key()) {
        for (const auto& c : pk->columns) out.push_back(c.name);
        return out;
    }
    for (const auto& index : table.indexes) {
        if (index.kind != model::IndexKind::Unique) continue;
        bool usable = true;
        for (const auto& c : index.columns) {
            const model::Column* column = table.find_column(c.name);
            // A prefix key does not identify the row by the whole value.
            if (!column || column->is_nullable || c.prefix_length) usable = false;
        }
        if (!usable) continue;
        for (const auto& c : index.columns) out.push_back(c.name);
        return out;
    }
    return out;
}

std::string key_list(const std::vector<std::string>& columns) {
    std::vector<std::string> quoted;
    for (const auto& c : columns) quoted.push_back(source::mysql::quote_ident(c));
    return util::join(quoted, ", ");
}

std::string render_key(const source::mysql::Row& row, std::size_t first, std::size_t columns) {
    auto value = [&](std::size_t i) { return row[i] ? *row[i] : std::string("NULL"); };
    if (columns == 1) return value(first);
    std::string out = "(";
    for (std::size_t i = 0; i < columns; ++i) {
        if (i) out += ", ";
        out += value(first + i);
    }
    return out + ")";
}

}  // namespace m2pg::check
