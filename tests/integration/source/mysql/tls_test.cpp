// TLS and authentication to MySQL through libmariadb, against the throwaway MariaDB of
// scripts/servers.sh: its certificate is signed by the test CA (M2PG_TEST_CA); m2pg_tls is
// created REQUIRE SSL and m2pg_x509 REQUIRE X509.
#include <doctest/doctest.h>

#include <cstdlib>
#include <string>

#include "source/mysql/connection.hpp"
#include "support/servers.hpp"
#include "support/tls.hpp"
#include "util/error.hpp"

using m2pg::source::mysql::MysqlConnection;

namespace {

m2pg::util::MysqlDsn user_dsn(const std::string& user, const std::string& ssl_mode, const std::string& ca = {}) {
    auto dsn = m2pg::test::mysql_dsn();
    dsn.user = user;
    if (!ssl_mode.empty()) dsn.params["ssl-mode"] = ssl_mode;
    if (!ca.empty()) dsn.params["ssl-ca"] = ca;
    return dsn;
}

// The session's cipher as the server sees it: empty without TLS.
std::string server_cipher(MysqlConnection& connection) {
    return connection.scalar("SELECT VARIABLE_VALUE FROM information_schema.SESSION_STATUS "
                             "WHERE VARIABLE_NAME = 'SSL_CIPHER'")
        .value_or("");
}

std::string connect_error(const m2pg::util::MysqlDsn& dsn) {
    try {
        MysqlConnection connection(dsn);
    } catch (const m2pg::ConnectionError& e) {
        CHECK_FALSE(e.retryable());
        return e.what();
    }
    FAIL("connecting as " << dsn.display() << " did not fail");
    return {};
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("TLS: a REQUIRE SSL user connects with ssl-mode REQUIRED, VERIFY_CA and VERIFY_IDENTITY, and tls=true" *
          doctest::skip(m2pg::test::skip_servers())) {
    const std::string ca = m2pg::test::test_ca();
    for (const auto& dsn : {user_dsn("m2pg_tls", "REQUIRED"), user_dsn("m2pg_tls", "VERIFY_CA", ca),
                            user_dsn("m2pg_tls", "VERIFY_IDENTITY", ca), user_dsn("m2pg_tls", "", ca)}) {
        CAPTURE(dsn.params.at(dsn.params.count("ssl-mode") ? "ssl-mode" : "ssl-ca"));
        MysqlConnection connection(dsn);
        CHECK_FALSE(server_cipher(connection).empty());
        CHECK(connection.scalar("SELECT CURRENT_USER()").value_or("").rfind("m2pg_tls@", 0) == 0);
    }
    auto go = user_dsn("m2pg_tls", "", ca);
    go.params["tls"] = "true";
    MysqlConnection connection(go);
    CHECK_FALSE(server_cipher(connection).empty());
}

TEST_CASE("TLS: without TLS the REQUIRE SSL user is refused, and the message points at --mysql-ssl-mode" *
          doctest::skip(m2pg::test::skip_servers())) {
    const std::string message = connect_error(user_dsn("m2pg_tls", "DISABLED"));
    CHECK(has(message, "Access denied for user 'm2pg_tls'"));
    CHECK(has(message, "the account requires TLS (REQUIRE SSL): try --mysql-ssl-mode REQUIRED"));
    // The ordinary user is unchanged: no TLS unless asked for.
    MysqlConnection plain(m2pg::test::mysql_dsn());
    CHECK(server_cipher(plain).empty());
}

TEST_CASE("TLS: VERIFY_CA and VERIFY_IDENTITY with a CA that did not sign the server's certificate fail, naming it" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::TempDir dir("m2pg_tls_ca");
    const std::string other = m2pg::test::fresh_ca(dir);
    for (const char* mode : {"VERIFY_CA", "VERIFY_IDENTITY"}) {
        CAPTURE(mode);
        const std::string message = connect_error(user_dsn("m2pg_tls", mode, other));
        CHECK(has(message, "TLS/SSL error"));
        CHECK(has(message, "the server's certificate was not accepted under ssl-mode " + std::string(mode)));
        CHECK(has(message, ", checked against the CA " + other));
    }
    // VERIFY_IDENTITY without a CA checks against the system's CAs, which know nothing of the test CA.
    CHECK(has(connect_error(user_dsn("m2pg_tls", "VERIFY_IDENTITY")), ", checked against the system's CAs: give --mysql-ssl-ca FILE"));
    CHECK_THROWS_WITH_AS(MysqlConnection(user_dsn("m2pg_tls", "VERIFY_CA", (dir.path() / "missing.pem").string())),
                         doctest::Contains("missing.pem does not exist"), m2pg::UsageError);
}

TEST_CASE("TLS: a server that offers no TLS fails REQUIRED, VERIFY_CA and VERIFY_IDENTITY; PREFERRED goes on without" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::TlsStripProxy proxy(m2pg::test::mysql_dsn().port);
    auto through_proxy = [&](const std::string& mode) {
        auto dsn = user_dsn("m2pg", mode, mode == "REQUIRED" || mode.empty() ? "" : m2pg::test::test_ca());
        dsn.port = proxy.port();
        return dsn;
    };
    for (const char* mode : {"REQUIRED", "VERIFY_CA", "VERIFY_IDENTITY"}) {
        CAPTURE(mode);
        const std::string message = connect_error(through_proxy(mode));
        CHECK(has(message, "the server offers no TLS, and ssl-mode " + std::string(mode) + " requires it"));
    }
    MysqlConnection preferred(through_proxy("PREFERRED"));
    CHECK(server_cipher(preferred).empty());
    // Straight to the server, PREFERRED takes the TLS it offers.
    MysqlConnection direct(user_dsn("m2pg", "PREFERRED"));
    CHECK_FALSE(server_cipher(direct).empty());
}

TEST_CASE("TLS: a REQUIRE X509 user connects with the client certificate and key, and is refused without them" *
          doctest::skip(m2pg::test::skip_servers())) {
    const std::string dir = m2pg::test::tls_dir();
    auto dsn = user_dsn("m2pg_x509", "VERIFY_CA", m2pg::test::test_ca());
    CHECK(has(connect_error(dsn), "the account requires a client certificate (REQUIRE X509)"));
    dsn.params["ssl-cert"] = dir + "/client.pem";
    dsn.params["ssl-key"] = dir + "/client-key.pem";
    MysqlConnection connection(dsn);
    CHECK_FALSE(server_cipher(connection).empty());
}

TEST_CASE("auth: a MariaDB user IDENTIFIED VIA ed25519 connects (libmariadb's client_ed25519 plugin)" *
          doctest::skip(m2pg::test::skip_servers())) {
    std::string why_not;
    if (!m2pg::test::ensure_ed25519_user(why_not)) {
        MESSAGE("skipped: the server cannot load auth_ed25519: " << why_not);
        return;
    }
    // Without libmariadb's client plugin, the failure says where it should be (checked before
    // any connection here loads the plugin: libmariadb keeps it loaded).
    setenv("MARIADB_PLUGIN_DIR", "/nonexistent", 1);
    const std::string no_plugin = connect_error(user_dsn("m2pg_ed25519", ""));
    unsetenv("MARIADB_PLUGIN_DIR");
    CHECK(has(no_plugin, "this client cannot load the authentication plugin: MARIADB_PLUGIN_DIR"));
    MysqlConnection connection(user_dsn("m2pg_ed25519", ""));
    CHECK(connection.scalar("SELECT CURRENT_USER()").value_or("").rfind("m2pg_ed25519@", 0) == 0);
    CHECK(connection.scalar("SELECT plugin FROM mysql.user WHERE user = 'm2pg_ed25519' LIMIT 1") == "ed25519");
    auto wrong = user_dsn("m2pg_ed25519", "");
    wrong.password = "not-the-password";
    CHECK(has(connect_error(wrong), "Access denied for user 'm2pg_ed25519'"));
}
