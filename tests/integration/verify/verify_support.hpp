#pragma once
// Shared by the verify tests: the copy's table pairs of a scratch database, and options.
#include <memory>
#include <string>

#include "schema/pairing.hpp"
#include "source/mysql/catalog.hpp"
#include "source/mysql/connection.hpp"
#include "support/copy_support.hpp"
#include "target/postgres/catalog.hpp"
#include "target/postgres/connection.hpp"
#include "verify/verify.hpp"

namespace m2pg::test {

// Both catalogs of a scratch pair after a copy; pair() pairs one table as copy did.
struct Paired {
    source::mysql::MysqlConnection mysql;
    target::postgres::PgConnection pg;
    model::Catalog catalog;
    std::vector<target::postgres::TargetTable> targets;

    explicit Paired(const Scratch& db)
        : mysql(db.mysql.dsn()),
          pg(db.pg.dsn()),
          catalog(source::mysql::read_catalog(mysql, db.mysql.name())),
          targets(target::postgres::read_target_tables(pg, "public")) {}

    schema::TablePair pair(const std::string& table) const {
        return schema::pair_table(*catalog.find_table(table), targets, convert::TypeConfig{});
    }
};

inline verify::VerifyOptions verify_options(const Scratch& db) {
    verify::VerifyOptions o;
    o.mysql = db.mysql.dsn();
    o.postgres = db.pg.dsn();
    o.jobs = 2;
    return o;
}

inline const verify::TableReport& table_report(const verify::VerifyResult& r, const std::string& table) {
    for (const auto& t : r.tables)
        if (t.table == table) return t;
    throw std::runtime_error("no report for table " + table);
}

}  // namespace m2pg::test
