#include "source/mysql/identity.hpp"

namespace m2pg::source::mysql {

std::string server_identity(MysqlConnection& mysql, const std::string& database) {
    std::string server;
    if (!mysql.is_mariadb()) server = "server_uuid " + mysql.scalar("SELECT @@server_uuid").value_or("?");
    if (server.empty() || server == "server_uuid ?") {
        auto rows = mysql.query("SELECT @@hostname, @@port, @@datadir").rows;
        auto field = [&](std::size_t i) { return rows.empty() || !rows[0][i] ? std::string("?") : *rows[0][i]; };
        server = std::string(mysql.is_mariadb() ? "MariaDB " : "MySQL ") + field(0) + ":" + field(1) + " " + field(2);
    }
    return server + ", database " + database;
}

}  // namespace m2pg::source::mysql
