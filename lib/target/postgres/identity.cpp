#include "target/postgres/identity.hpp"

#include "util/error.hpp"

namespace m2pg::target::postgres {

std::string database_identity(PgConnection& pg) {
    std::string system = "?";
    try {
        system = pg.scalar("SELECT system_identifier::text FROM pg_control_system()").value_or("?");
    } catch (const TargetError&) {
        // EXECUTE revoked from PUBLIC by a careful admin: the database oid still tells a
        // recreated database apart.
    }
    auto rows = pg.query("SELECT oid::text, datname FROM pg_database WHERE datname = current_database()");
    const std::string oid = rows.empty() || !rows[0][0] ? "?" : *rows[0][0];
    const std::string name = rows.empty() || !rows[0][1] ? "?" : *rows[0][1];
    return "system " + system + ", database oid " + oid + " (" + name + ")";
}

}  // namespace m2pg::target::postgres
