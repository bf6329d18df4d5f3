#pragma once
// --mysql-ssl-mode, --mysql-ssl-ca, --mysql-ssl-cert, --mysql-ssl-key: TLS to MySQL for every
// tool that connects there. Header-only, like table_flags.hpp. The flags become parameters
// of the MySQL DSN text (util::with_mysql_tls), so they travel with it: m2pg run hands the
// DSN to each step. A setting given both as a flag and in the DSN must agree (else exit 2).
#include <CLI/CLI.hpp>

#include <filesystem>
#include <string>

#include "util/error.hpp"
#include "util/mysql_tls.hpp"

namespace m2pg::tools {

struct MysqlTlsFlags {
    std::string mode;
    std::string ca;
    std::string cert;
    std::string key;
};

inline void add_mysql_tls_flags(CLI::App& app, MysqlTlsFlags& flags) {
    app.add_option("--mysql-ssl-mode", flags.mode,
                   "TLS to MySQL: DISABLED, PREFERRED (if the server offers it), REQUIRED, VERIFY_CA (the certificate "
                   "chains to --mysql-ssl-ca), VERIFY_IDENTITY (and names the host); default: the DSN's tls= or "
                   "ssl-mode=, else VERIFY_CA with --mysql-ssl-ca, else none");
    app.add_option("--mysql-ssl-ca", flags.ca, "CA file (PEM) the MySQL server's certificate must chain to");
    app.add_option("--mysql-ssl-cert", flags.cert, "client certificate (PEM) for MySQL users that REQUIRE X509");
    app.add_option("--mysql-ssl-key", flags.key, "the client certificate's key (PEM)");
}

// `dsn` with the flags added as its parameters; file paths made absolute, so a step that
// runs elsewhere finds them. Throws UsageError for a bad mode, a conflict with the DSN, or
// flags without a MySQL DSN to apply them to.
inline std::string with_mysql_tls_flags(const std::string& dsn, const MysqlTlsFlags& flags) {
    util::MysqlTls tls;
    if (!flags.mode.empty()) tls.mode = util::parse_ssl_mode(flags.mode, "--mysql-ssl-mode");
    auto absolute = [](const std::string& path) {
        return path.empty() ? path : std::filesystem::absolute(path).lexically_normal().string();
    };
    tls.ca = absolute(flags.ca);
    tls.cert = absolute(flags.cert);
    tls.key = absolute(flags.key);
    if (tls.empty()) return dsn;
    if (dsn.empty()) throw UsageError("the --mysql-ssl-* flags need a MySQL DSN to connect with");
    return util::with_mysql_tls(dsn, tls);
}

}  // namespace m2pg::tools
