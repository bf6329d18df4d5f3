#pragma once
// Which PostgreSQL database this is: the cluster's system identifier (pg_control_system(),
// new with every initdb) and the database's oid (new with every CREATE DATABASE). A run
// that recorded its steps against one identity knows a recreated target is not it.
#include <string>

#include "target/postgres/connection.hpp"

namespace m2pg::target::postgres {

// "system 7714671129654225407, database oid 16385 (chat)". Where pg_control_system() is
// not allowed, "system ?". Throws TargetError/ConnectionError.
std::string database_identity(PgConnection& pg);

}  // namespace m2pg::target::postgres
