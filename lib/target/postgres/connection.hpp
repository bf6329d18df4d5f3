#pragma once
// The one PostgreSQL connection: DDL, catalog queries, transactions, migrations, and the
// COPY hot path (CopyWriter drives raw()). A narrow RAII wrapper over libpq rather than
// libpqxx: libpqxx 6.4's exceptions drop the server's DETAIL, CONTEXT and error position,
// and its connection cannot lend its PGconn to the COPY path, which made two connection
// types with two error translations. Every failure goes through errors.hpp.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <libpq-fe.h>

#include "target/postgres/pq_handles.hpp"
#include "util/dsn.hpp"
#include "util/interrupt.hpp"

namespace m2pg::target::postgres {

using Row = std::vector<std::optional<std::string>>;

class PgConnection {
public:
    // Connects with dsn.conninfo(), sets client_encoding UTF8 (COPY data and migration
    // files are UTF-8 whatever PGCLIENTENCODING says) and quiets NOTICEs. Throws
    // ConnectionError naming dsn.display() (never the password): not retryable for wrong
    // credentials.
    explicit PgConnection(const util::PgDsn& dsn);

    PgConnection(PgConnection&&) noexcept = default;
    PgConnection& operator=(PgConnection&&) noexcept = default;
    PgConnection(const PgConnection&) = delete;
    PgConnection& operator=(const PgConnection&) = delete;
    ~PgConnection() = default;

    // Runs one statement, or several as one simple query, and returns the rows of the last.
    // Throws TargetError (sql, SQLSTATE, the server's message with DETAIL and CONTEXT, the
    // error position) or ConnectionError (retryable) when the connection is gone or the
    // server shuts down. A COPY FROM STDIN/TO STDOUT is ended and refused: it needs
    // CopyWriter's data stream.
    std::vector<Row> query(const std::string& sql);
    // Like query, discarding any rows.
    void execute(const std::string& sql);
    // First column of the first row; nullopt for SQL NULL or no row. Throws like query.
    std::optional<std::string> scalar(const std::string& sql);
    // Runs body inside one transaction: all of it commits or none of it does.
    void in_transaction(const std::function<void(PgConnection&)>& body);

    // `value` as a string literal for this connection's encoding and settings.
    std::string quote_literal(const std::string& value);
    int server_version_num() const;
    const util::PgDsn& dsn() const noexcept { return dsn_; }
    // user@host:port/db, for messages.
    const std::string& display() const noexcept { return display_; }
    // Borrowed handle (CopyWriter drives it); stays owned here.
    PGconn* raw() const noexcept { return conn_.get(); }

private:
    PgResultPtr run(const std::string& sql);

    util::PgDsn dsn_;
    std::string display_;
    PgConnPtr conn_;
    // Ctrl-C cancels the statement in flight (util/interrupt); unregistered before freed.
    PgCancelPtr cancel_;
    std::unique_ptr<util::CancelRegistration> cancel_registration_;
};

// Ends whatever COPY the connection is in, aborting a COPY FROM STDIN with `reason` (the
// server rolls it back) and reading off a COPY TO STDOUT, then reads every pending result
// so the connection takes statements again. Never throws; a broken connection just ends.
void end_copy(PGconn* conn, const char* reason) noexcept;

}  // namespace m2pg::target::postgres
