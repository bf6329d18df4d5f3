#include "compat/pgloader_url.hpp"

#include <algorithm>
#include <optional>
#include <set>

#include "compat/pgloader_names.hpp"
#include "util/error.hpp"
#include "util/mysql_tls.hpp"
#include "util/text.hpp"

namespace m2pg::compat {

namespace {

std::string need(const std::optional<std::string>& spelled, const std::string& side, const std::string& what,
                 const std::string& value, const std::string& why) {
    if (spelled) return *spelled;
    throw UsageError("pgloader 3.6 cannot read the " + side + " " + what + " '" + value + "' in its URL (" + why +
                     ")");
}

// libpq checks the port and sslmode only when it connects, and PQconninfoParse takes any
// text: what reaches the URL is checked here, so nothing but a port ends the address.
std::string checked_port(const std::string& port) {
    const bool is_number = !port.empty() && port.size() <= 5 &&
                           std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!is_number || std::stoul(port) < 1 || std::stoul(port) > 65535)
        throw UsageError("the PostgreSQL port '" + port + "' is not a number from 1 to 65535");
    return port;
}

constexpr const char* kNameRule = "a bare name is an ASCII letter or _ followed by letters, digits, - _ $ %; "
                                  "a quoted one may not hold a single quote";

}  // namespace

PgloaderUrl mysql_url(const util::MysqlDsn& dsn) {
    PgloaderUrl out;
    if (dsn.database.empty()) throw UsageError("the MySQL DSN names no database (…/dbname)");
    const std::string user = need(url_user(dsn.user), "MySQL", "user", dsn.user,
                                  "it must begin with a letter or _ and hold only letters, digits and . \\ - _ $ % @ :");
    if (dsn.port < 1 || dsn.port > 65535)
        throw UsageError("the MySQL port " + std::to_string(dsn.port) + " is not a number from 1 to 65535");
    std::string address;
    if (!dsn.socket.empty()) {
        // The port ends the socket path in pgloader's grammar; with a socket it is not used.
        address = "unix:" + need(url_socket(dsn.socket), "MySQL", "socket path", dsn.socket,
                                 "only letters, digits and / . - _") +
                  ":" + std::to_string(dsn.port);
    } else {
        address = need(url_host(dsn.host), "MySQL", "host", dsn.host,
                       "an IPv4 address or a name whose labels begin with a letter; no IPv6") +
                  ":" + std::to_string(dsn.port);
    }
    out.url = "mysql://" + user + "@" + address + "/" + need(url_database(dsn.database), "MySQL", "database",
                                                             dsn.database, kNameRule);

    // tls=, ssl-mode= and the files, read as m2pg reads them; pgloader 3.6 knows only
    // sslmode disable|prefer|require and never checks the certificate.
    const util::MysqlTls tls = util::mysql_tls(dsn);
    if (!tls.empty()) {
        const util::MysqlSslMode mode = tls.effective_mode();
        switch (mode) {
        case util::MysqlSslMode::Disabled: out.url += "?sslmode=disable"; break;
        case util::MysqlSslMode::Preferred: out.url += "?sslmode=prefer"; break;
        default: out.url += "?sslmode=require"; break;
        }
        if (mode >= util::MysqlSslMode::VerifyCa)
            out.notes.push_back("pgloader 3.6 does not verify the MySQL server's certificate (ssl-mode " +
                                util::ssl_mode_name(mode) + " became sslmode=require)");
        if (!tls.ca.empty() || !tls.cert.empty() || !tls.key.empty())
            out.notes.push_back("pgloader 3.6 takes no MySQL CA, client certificate or key: the ssl-ca, ssl-cert and "
                                "ssl-key files are not used");
    }
    static const std::set<std::string> kTlsParams = {"tls", "ssl-mode", "ssl-ca", "tls-ca", "ssl-cert", "ssl-key"};
    std::vector<std::string> ignored;
    for (const auto& [key, value] : dsn.params)
        if (!kTlsParams.count(key)) ignored.push_back(key);
    if (!ignored.empty())
        out.notes.push_back("MySQL DSN parameters pgloader has no use for, left out: " + util::join(ignored, ", "));
    return out;
}

PgloaderUrl pg_url(const util::PgDsn& dsn) {
    PgloaderUrl out;
    std::string url = "postgresql://";
    const std::string user = dsn.get("user");
    if (!user.empty())
        url += need(url_user(user), "PostgreSQL", "user", user,
                    "it must begin with a letter or _ and hold only letters, digits and . \\ - _ $ % @ :") +
               "@";

    const std::string host = dsn.get("host", dsn.get("hostaddr"));
    std::string port = dsn.get("port");
    if (host.find(',') != std::string::npos || port.find(',') != std::string::npos)
        throw UsageError("pgloader 3.6 takes one PostgreSQL host and port, not the list '" + host +
                         (port.empty() ? "" : ":" + port) + "'");
    if (!host.empty() && host.front() == '/') {
        // Like MySQL's socket path, the directory runs until the port.
        url += "unix:" + need(url_socket(host), "PostgreSQL", "socket directory", host, "only letters, digits and / . - _");
        if (port.empty()) port = "5432";
    } else if (!host.empty()) {
        url += need(url_host(host), "PostgreSQL", "host", host,
                    "an IPv4 address or a name whose labels begin with a letter; no IPv6");
    }
    if (!port.empty()) url += ":" + checked_port(port);
    url += "/";
    const std::string database = dsn.get("dbname");
    if (!database.empty()) url += need(url_database(database), "PostgreSQL", "database", database, kNameRule);

    static const std::set<std::string> kUsed = {"user", "host", "hostaddr", "port", "dbname", "sslmode", "password"};
    std::vector<std::string> ignored;
    for (const auto& [key, value] : dsn.keywords)
        if (!kUsed.count(key)) ignored.push_back(key);
    const std::string sslmode = dsn.get("sslmode");
    if (sslmode == "verify-ca" || sslmode == "verify-full") {
        url += "?sslmode=require";
        out.notes.push_back("pgloader 3.6 does not verify the PostgreSQL server's certificate (sslmode=" + sslmode +
                            " became sslmode=require)");
    } else if (sslmode == "disable" || sslmode == "allow" || sslmode == "prefer" || sslmode == "require") {
        url += "?sslmode=" + sslmode;  // pgloader's own set
    } else if (!sslmode.empty()) {
        throw UsageError("the PostgreSQL sslmode '" + sslmode +
                         "' is not one of disable, allow, prefer, require, verify-ca, verify-full");
    }
    if (!ignored.empty())
        out.notes.push_back("PostgreSQL DSN keywords pgloader has no use for, left out: " + util::join(ignored, ", "));
    out.url = url;
    return out;
}

}  // namespace m2pg::compat
