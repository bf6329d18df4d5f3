#pragma once
// How PostgreSQL failures become m2pg errors, one translation for statements, connects and
// the COPY stream, so the same failure always says the same thing.
#include <string>

#include <libpq-fe.h>

#include "util/error.hpp"

namespace m2pg::target::postgres {

// The first line of a libpq/server message, trailing blanks removed.
std::string first_line(const std::string& text);

// " (wrong user or password)", " (is the server running and reachable?)" or "" for a
// libpq connect failure message; leading space included so it appends directly.
std::string connection_hint(const std::string& message);

// The error for a failed connect to `display` (user@host:port/db, never the password):
// not retryable for bad credentials, retryable otherwise.
ConnectionError connect_error(const std::string& display, const std::string& libpq_message);

// Throws the error for a failed statement: ConnectionError (retryable) when the connection
// is gone, the SQLSTATE is class 08, or the server ended the session (57P01-57P03);
// otherwise TargetError carrying `sql`, the SQLSTATE and the error's position in `sql`
// (PG_DIAG_STATEMENT_POSITION, 0 when the server named none), whose message has the server's
// primary message, its detail and its CONTEXT (for COPY that names the line and column:
// "COPY t, line 5, column x: ..."). `result` may be null (the message then comes from the
// connection).
[[noreturn]] void throw_statement_error(PGconn* conn, const PGresult* result, const std::string& sql,
                                        const std::string& display);

}  // namespace m2pg::target::postgres
