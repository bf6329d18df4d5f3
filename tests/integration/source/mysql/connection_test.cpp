#include <doctest/doctest.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>
#include <type_traits>

#include "source/mysql/connection.hpp"
#include "support/servers.hpp"
#include "util/error.hpp"

using m2pg::source::mysql::MysqlConnection;
using m2pg::source::mysql::quote_ident;

namespace {

// A TCP port on 127.0.0.1 that nothing listens on: bound by the kernel, then released.
unsigned unused_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    socklen_t length = sizeof address;
    REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0);
    ::close(fd);
    return ntohs(address.sin_port);
}

std::string display_of(const m2pg::util::MysqlDsn& dsn) {
    return dsn.user + "@" + dsn.host + ":" + std::to_string(dsn.port) + "/" + dsn.database;
}

// Connects expecting a ConnectionError and returns it.
m2pg::ConnectionError connect_error(const m2pg::util::MysqlDsn& dsn) {
    try {
        MysqlConnection connection(dsn);
    } catch (const m2pg::ConnectionError& e) {
        return e;
    }
    FAIL("connecting to " << dsn.display() << " did not throw ConnectionError");
    throw std::logic_error("unreachable");
}

}  // namespace

static_assert(!std::is_copy_constructible_v<MysqlConnection>);
static_assert(std::is_nothrow_move_constructible_v<MysqlConnection>);

TEST_CASE("quote_ident backtick-quotes a MySQL identifier and doubles embedded backticks") {
    CHECK(quote_ident("select") == "`select`");
    CHECK(quote_ident("we`ird") == "`we``ird`");
    CHECK(quote_ident("``") == "``````");
    CHECK(quote_ident("Pösts") == "`Pösts`");
}

TEST_CASE("a MySQL connection over TCP runs queries in a UTC, utf8mb4 session" *
          doctest::skip(m2pg::test::skip_servers())) {
    MysqlConnection connection(m2pg::test::mysql_dsn());

    CHECK(connection.scalar("SELECT 1 + 1") == "2");
    CHECK(connection.scalar("SELECT NULL") == std::nullopt);
    CHECK(connection.scalar("SELECT @@SESSION.time_zone") == "+00:00");
    CHECK(connection.scalar("SELECT @@character_set_client") == "utf8mb4");
    CHECK(connection.scalar("SELECT @@character_set_results") == "utf8mb4");
    CHECK(connection.scalar("SELECT DATABASE()") == "m2pg_test");
    // TCP, not the socket: the server records the client's port ("localhost:45678").
    const auto host = connection.scalar(
        "SELECT HOST FROM information_schema.PROCESSLIST WHERE ID = CONNECTION_ID()");
    REQUIRE(host);
    CHECK(host->find(':') != std::string::npos);
    CHECK(connection.display() == display_of(m2pg::test::mysql_dsn()));
    CHECK(connection.is_mariadb());
    CHECK(connection.server_version().find("MariaDB") != std::string::npos);
    CHECK(connection.server_version_number() >= 100000);
    CHECK(connection.raw() != nullptr);
}

TEST_CASE("a MySQL connection drops only the zero-date and strict sql_modes" *
          doctest::skip(m2pg::test::skip_servers())) {
    MysqlConnection connection(m2pg::test::mysql_dsn());
    // scripts/servers.sh runs MariaDB with its default mode, strict included.
    REQUIRE(connection.scalar("SELECT @@GLOBAL.sql_mode") ==
            "STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_AUTO_CREATE_USER,"
            "NO_ENGINE_SUBSTITUTION");

    CHECK(connection.scalar("SELECT @@SESSION.sql_mode") ==
          "ERROR_FOR_DIVISION_BY_ZERO,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION");
}

TEST_CASE("a MySQL connection knows the server it reached as hostname:port, for the kill on Ctrl-C" *
          doctest::skip(m2pg::test::skip_servers())) {
    MysqlConnection connection(m2pg::test::mysql_dsn());
    CHECK(connection.server_node() == connection.scalar("SELECT CONCAT(@@hostname, ':', @@port)"));
    CHECK(connection.server_node().find(':') != std::string::npos);
    CHECK(connection.server_node() == MysqlConnection(m2pg::test::mysql_socket_dsn()).server_node());
}

TEST_CASE("a MySQL connection reads zero dates back unchanged" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::MysqlScratch scratch;
    scratch.exec("CREATE TABLE t (id INT PRIMARY KEY, d DATE, at DATETIME)");
    scratch.exec("SET SESSION sql_mode = ''; "
                 "INSERT INTO t VALUES (1, '0000-00-00', '0000-00-00 00:00:00'), "
                 "(2, '2024-00-15', '2024-02-29 12:00:00')");
    MysqlConnection connection(scratch.dsn());

    const auto result = connection.query("SELECT d, at FROM t ORDER BY id");

    REQUIRE(result.rows.size() == 2);
    CHECK(result.columns == std::vector<std::string>{"d", "at"});
    CHECK(result.rows[0][0] == "0000-00-00");
    CHECK(result.rows[0][1] == "0000-00-00 00:00:00");
    CHECK(result.rows[1][0] == "2024-00-15");
    CHECK(result.column_index("at") == 1);
    CHECK_THROWS_AS(result.column_index("nope"), m2pg::SourceError);
}

TEST_CASE("a MySQL connection goes through the unix socket when the DSN names one" *
          doctest::skip(m2pg::test::skip_servers())) {
    const auto dsn = m2pg::test::mysql_socket_dsn();
    MysqlConnection connection(dsn);

    CHECK(connection.scalar("SELECT HOST FROM information_schema.PROCESSLIST "
                            "WHERE ID = CONNECTION_ID()") == "localhost");
    CHECK(connection.display() == "m2pg@unix(" + dsn.socket + ")/m2pg_test");
}

TEST_CASE("escape_string and quote_literal round-trip hostile bytes" *
          doctest::skip(m2pg::test::skip_servers())) {
    MysqlConnection connection(m2pg::test::mysql_dsn());
    const std::string hostile = std::string("it's \\ \"q\" `b` \n\r\x1a", 19) + std::string(1, '\0') +
                                "end 😀";

    CHECK(connection.scalar("SELECT " + connection.quote_literal(hostile)) == hostile);
    CHECK(connection.escape_string("a'b") == "a\\'b");
}

TEST_CASE("a wrong MySQL password is a non-retryable ConnectionError naming user and server" *
          doctest::skip(m2pg::test::skip_servers())) {
    auto dsn = m2pg::test::mysql_dsn();
    dsn.password = "Wr0ng-s3cret-pw";

    const auto error = connect_error(dsn);

    const std::string message = error.what();
    CHECK(error.side() == m2pg::Side::MySQL);
    CHECK_FALSE(error.retryable());
    CHECK(error.exit_code() == 3);
    CHECK(message.find("cannot connect to MySQL at " + display_of(dsn) + ": ") == 0);
    CHECK(message.find("Access denied for user 'm2pg'") != std::string::npos);
    CHECK(message.find("(wrong user or password, or the account requires TLS (REQUIRE SSL)") != std::string::npos);
    CHECK(message.find("Wr0ng-s3cret-pw") == std::string::npos);
    CHECK(message.find(*m2pg::test::mysql_dsn().password) == std::string::npos);
    CHECK(message.find('\n') == std::string::npos);
}

TEST_CASE("an unreachable MySQL port is a retryable ConnectionError" *
          doctest::skip(m2pg::test::skip_servers())) {
    auto dsn = m2pg::test::mysql_dsn();
    dsn.port = unused_port();

    const auto error = connect_error(dsn);

    const std::string message = error.what();
    CHECK(error.retryable());
    CHECK(message.find("cannot connect to MySQL at " + display_of(dsn) + ": ") == 0);
    CHECK(message.find("(is the server running and reachable?)") != std::string::npos);
}

TEST_CASE("an unknown MySQL host is a retryable ConnectionError" *
          doctest::skip(m2pg::test::skip_servers())) {
    auto dsn = m2pg::test::mysql_dsn();
    dsn.host = "no-such-host.invalid";

    const auto error = connect_error(dsn);

    CHECK(error.retryable());
    CHECK(std::string(error.what()).find("(is the server running and reachable?)") !=
          std::string::npos);
}

TEST_CASE("an unknown MySQL database is a non-retryable ConnectionError" *
          doctest::skip(m2pg::test::skip_servers())) {
    auto dsn = m2pg::test::mysql_dsn();
    dsn.database = "m2pg_no_such_db";

    const auto error = connect_error(dsn);

    const std::string message = error.what();
    CHECK_FALSE(error.retryable());
    CHECK(message.find("Unknown database 'm2pg_no_such_db'") != std::string::npos);
    CHECK(message.find("(unknown database; create it or fix the DSN)") != std::string::npos);
}

TEST_CASE("tls=true against a server whose certificate the system's CAs do not know fails and does not retry" *
          doctest::skip(m2pg::test::skip_servers())) {
    auto dsn = m2pg::test::mysql_dsn();
    dsn.params["tls"] = "true";

    const auto error = connect_error(dsn);

    CHECK_FALSE(error.retryable());
    CHECK(std::string(error.what()).find("(the server's certificate was not accepted under ssl-mode VERIFY_IDENTITY") !=
          std::string::npos);
}

TEST_CASE("MySQL DSN params that cannot be honoured are usage errors" *
          doctest::skip(m2pg::test::skip_servers())) {
    auto bad_tls = m2pg::test::mysql_dsn();
    bad_tls.params["tls"] = "maybe";
    CHECK_THROWS_WITH_AS(MysqlConnection{bad_tls},
                         "DSN parameter tls=maybe is not one of true, skip-verify, preferred, false",
                         m2pg::UsageError);
    auto bad_timeout = m2pg::test::mysql_dsn();
    bad_timeout.params["timeout"] = "10 seconds";
    CHECK_THROWS_AS(MysqlConnection{bad_timeout}, m2pg::UsageError);
}

TEST_CASE("a MySQL readtimeout param turns a stuck query into a retryable ConnectionError" *
          doctest::skip(m2pg::test::skip_servers())) {
    auto dsn = m2pg::test::mysql_dsn();
    dsn.params["readtimeout"] = "1s";
    MysqlConnection connection(dsn);

    try {
        connection.execute("SELECT SLEEP(5)");
        FAIL("SLEEP(5) finished despite a 1 s read timeout");
    } catch (const m2pg::ConnectionError& e) {
        CHECK(e.retryable());
        CHECK(std::string(e.what()).find("lost the connection to MySQL at " + display_of(dsn)) == 0);
    }
}

TEST_CASE("a failing MySQL statement is a SourceError with the query and errno" *
          doctest::skip(m2pg::test::skip_servers())) {
    MysqlConnection connection(m2pg::test::mysql_dsn());
    const std::string sql = "SELECT * FROM m2pg_no_such_table";

    try {
        connection.execute(sql);
        FAIL("querying a missing table did not throw");
    } catch (const m2pg::SourceError& e) {
        CHECK(e.mysql_errno() == 1146);
        CHECK(e.query() == sql);
        CHECK(std::string(e.what()) ==
              "MySQL error 1146: Table 'm2pg_test.m2pg_no_such_table' doesn't exist, in: " + sql);
        CHECK_FALSE(e.retryable());
        CHECK(e.exit_code() == 3);
    }
    // The connection stays usable after a statement error.
    CHECK(connection.scalar("SELECT 'still here'") == "still here");
}

TEST_CASE("a MySQL connection killed by the server is a retryable ConnectionError" *
          doctest::skip(m2pg::test::skip_servers())) {
    MysqlConnection victim(m2pg::test::mysql_dsn());
    MysqlConnection killer(m2pg::test::mysql_dsn());
    const auto id = victim.scalar("SELECT CONNECTION_ID()");
    REQUIRE(id);
    killer.execute("KILL CONNECTION " + *id);

    CHECK_THROWS_AS(victim.execute("SELECT 1"), m2pg::ConnectionError);
    try {
        victim.execute("SELECT 1");
    } catch (const m2pg::ConnectionError& e) {
        CHECK(e.retryable());
    }
}

TEST_CASE("a moved MySQL connection keeps working in its new owner" *
          doctest::skip(m2pg::test::skip_servers())) {
    MysqlConnection first(m2pg::test::mysql_dsn());
    const auto id = first.scalar("SELECT CONNECTION_ID()");
    MysqlConnection second(std::move(first));

    CHECK(second.scalar("SELECT CONNECTION_ID()") == id);
}
