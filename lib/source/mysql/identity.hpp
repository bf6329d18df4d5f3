#pragma once
// Which MySQL/MariaDB database this is, whatever DSN reached it: the state m2pg keeps (a
// copy's chunks, a run's steps, a finished job) records it, so a state is never applied to
// another source.
#include <string>

#include "source/mysql/connection.hpp"

namespace m2pg::source::mysql {

// "server_uuid 3e11fa47-71ca-11e1-9e33-c80aa9429562, database chat" on MySQL; MariaDB has
// no server_uuid, so there the server is named by its host name, port and data directory:
// "MariaDB vm:3306 /var/lib/mysql/, database chat". Throws SourceError/ConnectionError.
std::string server_identity(MysqlConnection& mysql, const std::string& database);

}  // namespace m2pg::source::mysql
