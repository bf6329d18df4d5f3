#include "model/lookup.hpp"

#include "util/text.hpp"

namespace m2pg::model {

const Column* find_column_ci(const Table& table, const std::string& name) {
    if (const Column* exact = table.find_column(name)) return exact;
    for (const Column& c : table.columns)
        if (util::ascii_iequals(c.name, name)) return &c;
    return nullptr;
}

const Table* find_table_ci(const Catalog& catalog, const std::string& name) {
    if (const Table* exact = catalog.find_table(name)) return exact;
    for (const Table& t : catalog.tables)
        if (util::ascii_iequals(t.name, name)) return &t;
    return nullptr;
}

}  // namespace m2pg::model
