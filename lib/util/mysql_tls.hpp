#pragma once
// TLS for the MySQL side: what a DSN's parameters and the --mysql-ssl-* flags ask for.
// Pure parsing and checking; source/mysql/connection applies it to libmariadb.
#include <optional>
#include <string>

#include "util/dsn.hpp"

namespace m2pg::util {

// MySQL's --ssl-mode values, weakest first.
enum class MysqlSslMode {
    Disabled,        // never TLS
    Preferred,       // TLS when the server offers it, certificate not checked
    Required,        // TLS or no connection; certificate not checked (checked against ssl-ca when given)
    VerifyCa,        // Required, and the certificate must chain to ssl-ca
    VerifyIdentity,  // VerifyCa, and the certificate must name the host (ssl-ca, else the system's CAs)
};

struct MysqlTls {
    std::optional<MysqlSslMode> mode;  // nullopt: not asked for (no TLS, libmariadb's and the Go driver's default)
    std::string ca;                    // file paths; empty: not given
    std::string cert;
    std::string key;

    bool empty() const { return !mode && ca.empty() && cert.empty() && key.empty(); }
    // The mode in force: the one asked for; else Required for a CA or certificate alone
    // (libmariadb then uses TLS, checking the chain against the CA); else Disabled.
    MysqlSslMode effective_mode() const;
};

// DISABLED, PREFERRED, REQUIRED, VERIFY_CA, VERIFY_IDENTITY in any case, '-' or '_'. Throws
// UsageError naming `what` (the flag or DSN parameter) and the accepted values.
MysqlSslMode parse_ssl_mode(const std::string& text, const std::string& what);
// "VERIFY_CA".
std::string ssl_mode_name(MysqlSslMode mode);

// The TLS a DSN asks for through its parameters:
//   tls=true (VERIFY_IDENTITY) | skip-verify (REQUIRED) | preferred (PREFERRED) | false (DISABLED),
//     as go-sql-driver/mysql reads it (verify is accepted as true);
//   ssl-mode=MODE (MySQL's names); ssl-ca=FILE (also tls-ca), ssl-cert=FILE, ssl-key=FILE.
// Throws UsageError for an unknown value, tls= and ssl-mode= that disagree, and the checks of
// check_mysql_tls.
MysqlTls mysql_tls(const MysqlDsn& dsn);

// Throws UsageError for settings that cannot work: VERIFY_CA without a CA, files with
// DISABLED, a certificate without its key or a key without its certificate.
void check_mysql_tls(const MysqlTls& tls);

// The DSN text with `flags` added as its parameters (ssl-mode=, ssl-ca=, ssl-cert=, ssl-key=),
// so the settings travel with the DSN wherever it goes (m2pg run hands it to each step; no
// secret is added). A setting the DSN already has must agree with the flag's: else UsageError
// naming both. Returns the text unchanged when `flags` is empty.
std::string with_mysql_tls(const std::string& dsn_text, const MysqlTls& flags);

}  // namespace m2pg::util
