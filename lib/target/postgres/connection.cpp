#include "target/postgres/connection.hpp"

#include "target/postgres/errors.hpp"
#include "util/error.hpp"

namespace m2pg::target::postgres {

void end_copy(PGconn* conn, const char* reason) noexcept {
    // Bounded: on a broken connection libpq can keep reporting the copy state, and a
    // destructor must not spin.
    constexpr int kMaxResults = 64;
    for (int i = 0; i < kMaxResults; ++i) {
        PgResultPtr result(PQgetResult(conn));
        if (!result) return;
        const ExecStatusType status = PQresultStatus(result.get());
        if (status == PGRES_COPY_IN) {
            if (PQputCopyEnd(conn, reason) < 0) return;
        } else if (status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH) {
            char* buffer = nullptr;
            int length = 0;
            while ((length = PQgetCopyData(conn, &buffer, 0)) >= 0) PgBufferPtr owned(buffer);
            if (length == -2) return;
        }
    }
}

PgConnection::PgConnection(const util::PgDsn& dsn) : dsn_(dsn), display_(dsn.display()) {
    // Owned before it is checked: PQconnectdb returns a handle even when it fails.
    conn_.reset(PQconnectdb(dsn.conninfo().c_str()));
    if (!conn_) throw ConnectionError(Side::Postgres, "cannot allocate a libpq connection (out of memory)", false);
    if (PQstatus(conn_.get()) != CONNECTION_OK) throw connect_error(display_, PQerrorMessage(conn_.get()));
    if (PQsetClientEncoding(conn_.get(), "UTF8") != 0)
        throw_statement_error(conn_.get(), nullptr, "SET client_encoding = 'UTF8'", display_);
    // libpq's default notice processor prints to stderr; our own output says what happened.
    execute("SET client_min_messages = warning");
    cancel_.reset(PQgetCancel(conn_.get()));
    if (cancel_)
        cancel_registration_ = std::make_unique<util::CancelRegistration>(
            [](void* handle) noexcept {
                char error[256];
                PQcancel(static_cast<PGcancel*>(handle), error, sizeof error);
            },
            cancel_.get());
}

PgResultPtr PgConnection::run(const std::string& sql) {
    PgResultPtr result(PQexec(conn_.get(), sql.c_str()));
    const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    // An empty query: a migration file's statement may be nothing but comments.
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) return result;
    if (status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH) {
        // A COPY started here has no data stream and would leave the connection stuck in
        // copy mode.
        result.reset();
        end_copy(conn_.get(), "m2pg: COPY FROM STDIN is not a simple statement");
        throw TargetError("PostgreSQL: COPY ... FROM STDIN/TO STDOUT cannot run as a simple statement "
                          "(nor in a migration file); the copy path streams it with CopyWriter",
                          sql);
    }
    throw_statement_error(conn_.get(), result.get(), sql, display_);
}

std::vector<Row> PgConnection::query(const std::string& sql) {
    const PgResultPtr result = run(sql);
    const int n_rows = PQntuples(result.get());
    const int n_fields = PQnfields(result.get());
    std::vector<Row> rows;
    rows.reserve(static_cast<std::size_t>(n_rows));
    for (int r = 0; r < n_rows; ++r) {
        Row& row = rows.emplace_back();
        row.reserve(static_cast<std::size_t>(n_fields));
        for (int c = 0; c < n_fields; ++c) {
            if (PQgetisnull(result.get(), r, c)) {
                row.emplace_back();
            } else {
                row.emplace_back(std::in_place, PQgetvalue(result.get(), r, c),
                                 static_cast<std::size_t>(PQgetlength(result.get(), r, c)));
            }
        }
    }
    return rows;
}

void PgConnection::execute(const std::string& sql) { run(sql); }

std::optional<std::string> PgConnection::scalar(const std::string& sql) {
    PgResultPtr result = run(sql);
    if (PQntuples(result.get()) == 0 || PQnfields(result.get()) == 0 || PQgetisnull(result.get(), 0, 0))
        return std::nullopt;
    return std::string(PQgetvalue(result.get(), 0, 0), static_cast<std::size_t>(PQgetlength(result.get(), 0, 0)));
}

void PgConnection::in_transaction(const std::function<void(PgConnection&)>& body) {
    execute("BEGIN");
    try {
        body(*this);
        execute("COMMIT");
    } catch (...) {
        try {
            execute("ROLLBACK");
        } catch (const Error&) {
            // The original error says what went wrong; a failed ROLLBACK on a dead
            // connection adds nothing and the server rolls back by itself.
        }
        throw;
    }
}

std::string PgConnection::quote_literal(const std::string& value) {
    const PgBufferPtr quoted(PQescapeLiteral(conn_.get(), value.data(), value.size()));
    if (!quoted) throw_statement_error(conn_.get(), nullptr, "quoting a literal", display_);
    return quoted.get();
}

int PgConnection::server_version_num() const { return PQserverVersion(conn_.get()); }

}  // namespace m2pg::target::postgres
