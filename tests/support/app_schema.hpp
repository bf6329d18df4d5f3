#pragma once
// Shared by the tests of copying into an app-made schema: the two sides of
// tests/fixtures/app_schema_*.sql, a tablespace to hold some of its indexes, and a
// snapshot of every index and constraint as Postgres would recreate them.
#include <unistd.h>

#include <string>

#include "support/servers.hpp"
#include "target/postgres/connection.hpp"

namespace m2pg::test {

// A tablespace inside the server's data directory (PostgreSQL 15's developer option
// allow_in_place_tablespaces, so no directory owned by the server's user is needed).
// Declare it before the Scratch using it: it is dropped after that database.
class ScratchTablespace {
public:
    ScratchTablespace() : name_("m2pg_ts_" + std::to_string(::getpid()) + "_" + std::to_string(next_number())) {
        admin().execute("CREATE TABLESPACE " + name_ + " LOCATION ''");
    }
    ~ScratchTablespace() {
        try {
            admin().execute("DROP TABLESPACE IF EXISTS " + name_);
        } catch (const std::exception&) {
            // Never throw from a destructor; a leftover in-place tablespace goes with the servers.
        }
    }
    ScratchTablespace(const ScratchTablespace&) = delete;
    ScratchTablespace& operator=(const ScratchTablespace&) = delete;
    const std::string& name() const { return name_; }

private:
    static int next_number() {
        static int n = 0;
        return n++;
    }
    static target::postgres::PgConnection admin() {
        auto dsn = pg_dsn();
        dsn.keywords["options"] = "-c allow_in_place_tablespaces=on";
        return target::postgres::PgConnection(dsn);
    }
    std::string name_;
};

inline void load_app_schema(const Scratch& db, const std::string& tablespace) {
    db.mysql.exec(read_fixture("app_schema_mysql.sql"));
    std::string pg = read_fixture("app_schema_postgres.sql");
    for (auto at = pg.find("{ts}"); at != std::string::npos; at = pg.find("{ts}", at)) pg.replace(at, 4, tablespace);
    db.pg.exec(pg);
}

// One line per index and constraint of schema public: definition, tablespace, validity,
// deferrability; sorted, so two snapshots compare as strings.
inline std::string definitions_snapshot(const PgScratch& pg) {
    return pg
        .scalar("SELECT string_agg(line, E'\\n' ORDER BY line) FROM ("
                "SELECT 'index ' || c.relname || ': ' || pg_get_indexdef(x.indexrelid) || ' tablespace=' || "
                "coalesce(ts.spcname, '-') || ' valid=' || x.indisvalid AS line "
                "FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid "
                "JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_tablespace ts ON ts.oid = c.reltablespace "
                "WHERE n.nspname = 'public' "
                "UNION ALL SELECT 'constraint ' || conrelid::regclass || '.' || conname || ': ' || "
                "pg_get_constraintdef(oid) || ' validated=' || convalidated || ' deferrable=' || condeferrable || "
                "' deferred=' || condeferred FROM pg_constraint WHERE connamespace = 'public'::regnamespace) d")
        .value_or("");
}

}  // namespace m2pg::test
