#pragma once
// A bare libpq connection for the COPY hot path, where libpqxx's per-call overhead and
// copies matter. Simple statements only; everything else goes through PgConnection.
#include <optional>
#include <string>

#include <libpq-fe.h>

#include "target/postgres/pq_handles.hpp"
#include "util/dsn.hpp"

namespace m2pg::target::postgres {

class RawPgConnection {
public:
    // Connects with dsn.conninfo(), sets client_encoding UTF8 (the copy sends UTF-8
    // whatever PGCLIENTENCODING says) and quiets NOTICEs. Throws ConnectionError naming
    // dsn.display() (never the password): not retryable for wrong credentials.
    explicit RawPgConnection(const util::PgDsn& dsn);

    RawPgConnection(RawPgConnection&&) noexcept = default;
    RawPgConnection& operator=(RawPgConnection&&) noexcept = default;
    RawPgConnection(const RawPgConnection&) = delete;
    RawPgConnection& operator=(const RawPgConnection&) = delete;
    ~RawPgConnection() = default;

    // Runs one simple statement (BEGIN, COMMIT, SET, INSERT ...) and discards any rows.
    // Throws TargetError (sql, SQLSTATE) or ConnectionError (retryable) when the
    // connection is gone.
    void exec(const std::string& sql);
    // First column of the first row; nullopt for SQL NULL or no row. Throws like exec.
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
