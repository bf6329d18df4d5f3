#pragma once
// Connection strings for both sides. Parsing never connects; it only validates shape and
// throws UsageError naming what is wrong (never echoing the password).
#include <map>
#include <optional>
#include <string>

namespace m2pg::util {

// A parsed MySQL/MariaDB DSN. Accepted forms:
//   user:pass@tcp(host:3306)/db?param=v        (Go driver, what migration-assist users have)
//   user:pass@unix(/run/mysqld/mysqld.sock)/db (Go driver, unix socket)
//   user@/db                                   (Go driver, default address)
//   mysql://user:pass@host:3306/db?param=v     (URI; percent-decoding applies)
//   mysql://user:pass@/db?socket=/path/sock    (URI with a unix socket)
//   mariadb://...                              (same as mysql://)
// When the DSN has no password, MYSQL_PWD from the environment is used.
struct MysqlDsn {
    std::string user;
    std::optional<std::string> password;
    std::string host = "127.0.0.1";
    unsigned port = 3306;
    std::string socket;    // non-empty: connect through this unix socket, host/port unused
    std::string database;  // may be empty only where a tool says so
    std::map<std::string, std::string> params;  // tls, charset, ... (lower-case keys)

    // user@host:port/db or user@unix(path)/db: safe for logs, never has the password.
    std::string display() const;
};

MysqlDsn parse_mysql_dsn(const std::string& text);

// A PostgreSQL connection string: postgres:// or postgresql:// URIs, or libpq
// key=value strings. It is validated with libpq's own PQconninfoParse and kept as libpq
// keywords, so anything libpq accepts works, including PGPASSWORD and ~/.pgpass.
struct PgDsn {
    std::map<std::string, std::string> keywords;  // host, port, dbname, user, password, sslmode...

    // A libpq key=value conninfo string with every value quoted; contains the password.
    std::string conninfo() const;
    // user@host:port/db: safe for logs, never has the password.
    std::string display() const;
    std::string get(const std::string& key, const std::string& fallback = {}) const;
};

PgDsn parse_pg_dsn(const std::string& text);

// Replaces the password in any DSN-like text (either form, or a conninfo string) with
// "***". Used on every message that might quote a DSN.
std::string redact(const std::string& text);

}  // namespace m2pg::util
