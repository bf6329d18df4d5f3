#pragma once
// The one PostgreSQL session a migration run holds: its advisory lock is session-level,
// and each migration's statements and its version row commit together on it. Raw libpq,
// because the runner needs the server's error position (PG_DIAG_STATEMENT_POSITION),
// which libpqxx's exceptions do not carry.
#include <optional>
#include <string>
#include <vector>

#include "target/postgres/pq_handles.hpp"
#include "util/dsn.hpp"

namespace m2pg::migrate {

using Row = std::vector<std::optional<std::string>>;

class Session {
public:
    // Connects (client_encoding UTF8, NOTICEs quieted). Throws ConnectionError naming
    // dsn.display(), never the password.
    explicit Session(const util::PgDsn& dsn);
    Session(Session&&) noexcept = default;
    Session& operator=(Session&&) noexcept = default;
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;
    ~Session() = default;

    // Runs one statement (or several, as one simple query) and returns its rows. Throws
    // TargetError carrying sql and the SQLSTATE, or ConnectionError when the connection
    // is gone. When error_position is given it receives the server's 1-based character
    // position of the error in sql, or 0 when the server named none.
    std::vector<Row> query(const std::string& sql, int* error_position = nullptr);
    void exec(const std::string& sql, int* error_position = nullptr) { query(sql, error_position); }
    std::optional<std::string> scalar(const std::string& sql);

    // user@host:port/db, for messages.
    const std::string& display() const noexcept { return display_; }

private:
    target::postgres::PgConnPtr conn_;
    std::string display_;
};

}  // namespace m2pg::migrate
