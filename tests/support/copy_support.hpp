#pragma once
// Shared by the copy tests: options for a scratch pair, and running a whole copy.
#include "copy/engine.hpp"
#include "support/servers.hpp"

namespace m2pg::test {

inline copy::CopyOptions copy_options(const Scratch& db) {
    copy::CopyOptions o;
    o.mysql = db.mysql.dsn();
    o.postgres = db.pg.dsn();
    o.create_tables = true;
    o.jobs = 2;
    return o;
}

inline copy::CopyResult copy_all(const copy::CopyOptions& options) {
    auto plan = copy::plan_copy(options);
    return copy::run_copy(options, plan);
}

inline const copy::TableResult& table_result(const copy::CopyResult& r, const std::string& table) {
    for (const auto& t : r.tables)
        if (t.table == table) return t;
    throw std::runtime_error("no result for table " + table);
}

}  // namespace m2pg::test
