#pragma once
// The connection URLs of a pgloader command file, from any DSN m2pg accepts (lib/util/dsn).
// Never with a password: pgloader reads MYSQL_PWD and PGPASSWORD when the URL has none.
#include <string>
#include <vector>

#include "util/dsn.hpp"

namespace m2pg::compat {

struct PgloaderUrl {
    std::string url;
    // What of the DSN pgloader cannot honour, said for the file's header (TLS
    // verification, parameters it has no use for).
    std::vector<std::string> notes;
};

// mysql://user@host:port/db[?sslmode=...]; a unix socket as unix:PATH:port. The TLS
// parameters (tls=, ssl-mode=; util/mysql_tls) become sslmode, with a note for what pgloader
// cannot do (verify the certificate, use a CA or client certificate). Throws UsageError when the DSN names no database, or a
// user, database, host or socket pgloader 3.6 cannot read.
PgloaderUrl mysql_url(const util::MysqlDsn& dsn);

// postgresql://[user@][host][:port]/[db][?sslmode=...]; a socket directory as
// unix:DIR:port. What the DSN leaves out, pgloader takes from PGUSER, PGHOST, PGPORT and
// PGDATABASE as libpq would. Throws UsageError for several hosts or ports, and for names
// pgloader 3.6 cannot read.
PgloaderUrl pg_url(const util::PgDsn& dsn);

}  // namespace m2pg::compat
