#pragma once
// TLS test support: the throwaway CA and certificates of scripts/servers.sh, a freshly made
// CA that signed nothing of ours, the TLS-only users' DSNs, and a proxy in front of the real
// MariaDB that strips TLS from its greeting (a server, or someone in between, offering none).
#include <atomic>
#include <string>
#include <thread>

#include "support/temp_dir.hpp"

namespace m2pg::test {

// M2PG_TEST_TLS_DIR (ca.pem, server.pem, client.pem, client-key.pem); throws without it.
std::string tls_dir();
// M2PG_TEST_CA: the CA that signed both servers' certificates.
std::string test_ca();

// A new self-signed CA in `dir` (openssl), unrelated to the servers'; returns its PEM path.
std::string fresh_ca(const TempDir& dir);

// `dsn_text` (a Scratch's mysql:// or postgresql:// URI, user m2pg) for another user with
// the same password: m2pg_tls (TLS only on both servers) or m2pg_x509 (MariaDB, REQUIRE X509).
std::string as_user(const std::string& dsn_text, const std::string& user);

// The MariaDB user m2pg_ed25519 (password: M2PG_TEST_PASSWORD), IDENTIFIED VIA ed25519, with
// every privilege; installs the server's auth_ed25519 plugin first when it is not there.
// Returns false, with the server's reason in `why_not`, only when the plugin cannot be loaded.
bool ensure_ed25519_user(std::string& why_not);

// Listens on 127.0.0.1 and forwards each connection to MariaDB's port, clearing CLIENT_SSL
// in the server's greeting: to the client, a MariaDB without TLS. Stops in the destructor.
class TlsStripProxy {
public:
    explicit TlsStripProxy(unsigned upstream_port);
    ~TlsStripProxy();
    TlsStripProxy(const TlsStripProxy&) = delete;
    TlsStripProxy& operator=(const TlsStripProxy&) = delete;

    unsigned port() const { return port_; }

private:
    void accept_loop();

    unsigned upstream_port_;
    unsigned port_ = 0;
    int listen_fd_ = -1;
    std::atomic<bool> stopping_{false};
    std::thread acceptor_;
};

}  // namespace m2pg::test
