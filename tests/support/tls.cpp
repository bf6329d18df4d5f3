#include "support/tls.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "support/mysql_session.hpp"
#include "support/servers.hpp"

namespace m2pg::test {

namespace {

std::string env_or_throw(const char* name) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0')
        throw std::runtime_error(std::string(name) + " is not set: start the servers with scripts/servers.sh start "
                                                     "and eval \"$(scripts/servers.sh env)\"");
    return value;
}

bool read_exactly(int fd, unsigned char* buffer, std::size_t size) {
    std::size_t done = 0;
    while (done < size) {
        const ssize_t n = ::read(fd, buffer + done, size - done);
        if (n <= 0) return false;
        done += static_cast<std::size_t>(n);
    }
    return true;
}

bool write_all(int fd, const unsigned char* buffer, std::size_t size) {
    std::size_t done = 0;
    while (done < size) {
        const ssize_t n = ::send(fd, buffer + done, size - done, MSG_NOSIGNAL);
        if (n <= 0) return false;
        done += static_cast<std::size_t>(n);
    }
    return true;
}

int connect_local(unsigned port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return -1;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

// One client: the greeting with CLIENT_SSL (0x0800) cleared, then bytes both ways.
void serve(int client, unsigned upstream_port, const std::atomic<bool>& stopping) {
    const int server = connect_local(upstream_port);
    if (server < 0) {
        ::close(client);
        return;
    }
    unsigned char header[4];
    if (read_exactly(server, header, 4)) {
        const std::size_t length = header[0] | (header[1] << 8) | (header[2] << 16);
        std::vector<unsigned char> body(length);
        if (read_exactly(server, body.data(), length)) {
            // protocol version, NUL-ended server version, thread id (4), scramble (8), filler (1), capabilities (2)
            const unsigned char* end = static_cast<const unsigned char*>(std::memchr(body.data() + 1, 0, length - 1));
            const std::size_t at = end == nullptr ? length : static_cast<std::size_t>(end - body.data()) + 1 + 4 + 8 + 1;
            if (at + 1 < length) body[at + 1] &= static_cast<unsigned char>(~0x08);  // 0x0800: the high byte
            if (write_all(client, header, 4) && write_all(client, body.data(), length)) {
                pollfd fds[2] = {{client, POLLIN, 0}, {server, POLLIN, 0}};
                unsigned char buffer[16384];
                while (!stopping) {
                    if (::poll(fds, 2, 200) < 0) break;
                    bool closed = false;
                    for (int i = 0; i < 2 && !closed; ++i) {
                        if ((fds[i].revents & (POLLIN | POLLHUP | POLLERR)) == 0) continue;
                        const ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
                        closed = n <= 0 || !write_all(fds[1 - i].fd, buffer, static_cast<std::size_t>(n));
                    }
                    if (closed) break;
                }
            }
        }
    }
    ::close(server);
    ::close(client);
}

}  // namespace

std::string tls_dir() { return env_or_throw("M2PG_TEST_TLS_DIR"); }
std::string test_ca() { return env_or_throw("M2PG_TEST_CA"); }

std::string fresh_ca(const TempDir& dir) {
    const std::string ca = (dir.path() / "other-ca.pem").string();
    const std::string key = (dir.path() / "other-ca-key.pem").string();
    const ToolResult made = run_program("/usr/bin/openssl",
                                        {"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                                         "-nodes", "-days", "1", "-subj", "/CN=m2pg test: a CA that signed nothing",
                                         "-keyout", key, "-out", ca});
    if (made.exit_code != 0) throw std::runtime_error("openssl could not make a CA: " + made.err);
    return ca;
}

std::string as_user(const std::string& dsn_text, const std::string& user) {
    const std::size_t scheme_end = dsn_text.find("://");
    const std::size_t colon = dsn_text.find(':', scheme_end + 3);
    if (scheme_end == std::string::npos || colon == std::string::npos)
        throw std::runtime_error("as_user: not a URI with user:password: " + dsn_text);
    return dsn_text.substr(0, scheme_end + 3) + user + dsn_text.substr(colon);
}

bool ensure_ed25519_user(std::string& why_not) {
    MysqlSession session(mysql_dsn());
    const auto status =
        session.scalar("SELECT PLUGIN_STATUS FROM information_schema.PLUGINS WHERE PLUGIN_NAME = 'ed25519'");
    if (!status) {
        try {
            session.run("INSTALL SONAME 'auth_ed25519'");
        } catch (const std::runtime_error& e) {
            // Another test may have installed it in the meantime.
            if (!session.scalar("SELECT PLUGIN_STATUS FROM information_schema.PLUGINS WHERE PLUGIN_NAME = 'ed25519'")) {
                why_not = e.what();
                return false;
            }
        }
    }
    const std::string password = session.quote(env_or_throw("M2PG_TEST_PASSWORD"));
    for (const char* host : {"%", "localhost"}) {
        const std::string user = std::string("'m2pg_ed25519'@'") + host + "'";
        session.run("CREATE USER IF NOT EXISTS " + user + " IDENTIFIED VIA ed25519 USING PASSWORD(" + password + ")");
        session.run("GRANT ALL PRIVILEGES ON *.* TO " + user);
    }
    return true;
}

TlsStripProxy::TlsStripProxy(unsigned upstream_port) : upstream_port_(upstream_port) {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (listen_fd_ < 0) throw std::runtime_error("proxy: socket() failed");
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof address;
    if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(listen_fd_, 16) != 0 ||
        ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        ::close(listen_fd_);
        throw std::runtime_error("proxy: cannot listen on 127.0.0.1");
    }
    port_ = ntohs(address.sin_port);
    acceptor_ = std::thread([this] { accept_loop(); });
}

TlsStripProxy::~TlsStripProxy() {
    stopping_ = true;
    ::shutdown(listen_fd_, SHUT_RDWR);
    if (acceptor_.joinable()) acceptor_.join();
    ::close(listen_fd_);
}

void TlsStripProxy::accept_loop() {
    std::vector<std::thread> clients;
    while (!stopping_) {
        const int client = ::accept(listen_fd_, nullptr, nullptr);
        if (client < 0) break;
        clients.emplace_back(serve, client, upstream_port_, std::cref(stopping_));
    }
    for (auto& t : clients) t.join();
}

}  // namespace m2pg::test
