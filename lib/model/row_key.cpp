#include "model/row_key.hpp"

namespace m2pg::model {

std::vector<std::string> row_key_columns(const Table& table) {
    std::vector<std::string> out;
    if (const Index* pk = table.primary_key()) {
        for (const auto& c : pk->columns) out.push_back(c.name);
        return out;
    }
    for (const auto& index : table.indexes) {
        if (index.kind != IndexKind::Unique) continue;
        bool usable = true;
        for (const auto& c : index.columns) {
            const Column* column = table.find_column(c.name);
            if (!column || column->is_nullable || c.prefix_length) usable = false;
        }
        if (!usable) continue;
        for (const auto& c : index.columns) out.push_back(c.name);
        return out;
    }
    return out;
}

}  // namespace m2pg::model
