#pragma once
// A bare libpq connection: the COPY hot path, where libpqxx's per-call overhead and copies
// matter, and the migration runner, whose advisory lock is session-level and which needs
// the server's error position (TargetError::position()), which libpqxx's exceptions do not
// carry. Simple statements only; everything else goes through PgConnection.
#include <optional>
#include <string>
#include <vector>

#include <libpq-fe.h>

#include "target/postgres/connection.hpp"
#include "target/postgres/pq_handles.hpp"
#include "util/dsn.hpp"

namespace m2pg::target::postgres {

class RawPgConnection {
public:
    // Connects with dsn.conninfo(), sets client_encoding UTF8 (COPY data and migration
    // files are UTF-8 whatever PGCLIENTENCODING says) and quiets NOTICEs. Throws
    // ConnectionError naming dsn.display() (never the password): not retryable for wrong
    // credentials.
    explicit RawPgConnection(const util::PgDsn& dsn);

    RawPgConnection(RawPgConnection&&) noexcept = default;
    RawPgConnection& operator=(RawPgConnection&&) noexcept = default;
    RawPgConnection(const RawPgConnection&) = delete;
    RawPgConnection& operator=(const RawPgConnection&) = delete;
    ~RawPgConnection() = default;

    // Runs one statement, or several as one simple query, and returns the rows of the last.
    // Throws TargetError (sql, SQLSTATE, error position) or ConnectionError (retryable)
    // when the connection is gone. A COPY FROM STDIN/TO STDOUT is ended and refused: it
    // needs CopyWriter's data stream.
    std::vector<Row> query(const std::string& sql);
    // Like query, discarding any rows.
    void exec(const std::string& sql);
    // First column of the first row; nullopt for SQL NULL or no row. Throws like query.
    std::optional<std::string> scalar(const std::string& sql);

    // Borrowed handle (CopyWriter drives it); stays owned here.
    PGconn* raw() const noexcept { return conn_.get(); }
    // user@host:port/db, for messages.
    const std::string& display() const noexcept { return display_; }

private:
    PgResultPtr run(const std::string& sql);

    PgConnPtr conn_;
    std::string display_;
};

// Ends whatever COPY the connection is in, aborting a COPY FROM STDIN with `reason` (the
// server rolls it back) and reading off a COPY TO STDOUT, then reads every pending result
// so the connection takes statements again. Never throws; a broken connection just ends.
void end_copy(PGconn* conn, const char* reason) noexcept;

}  // namespace m2pg::target::postgres
