#include "migrate/session.hpp"

#include <cstdlib>

#include "target/postgres/errors.hpp"
#include "target/postgres/raw_connection.hpp"
#include "util/error.hpp"

namespace m2pg::migrate {

using target::postgres::PgResultPtr;

Session::Session(const util::PgDsn& dsn) : display_(dsn.display()) {
    // Owned before it is checked: PQconnectdb returns a handle even when it fails.
    conn_.reset(PQconnectdb(dsn.conninfo().c_str()));
    if (!conn_) throw ConnectionError(Side::Postgres, "cannot allocate a libpq connection (out of memory)", false);
    if (PQstatus(conn_.get()) != CONNECTION_OK)
        throw target::postgres::connect_error(display_, PQerrorMessage(conn_.get()));
    // Migration files are UTF-8 whatever PGCLIENTENCODING says.
    if (PQsetClientEncoding(conn_.get(), "UTF8") != 0)
        target::postgres::throw_statement_error(conn_.get(), nullptr, "SET client_encoding = 'UTF8'", display_);
    // "table does not exist, skipping" and friends: our own output says what happened.
    exec("SET client_min_messages = warning");
}

std::vector<Row> Session::query(const std::string& sql, int* error_position) {
    if (error_position != nullptr) *error_position = 0;
    PgResultPtr result(PQexec(conn_.get(), sql.c_str()));
    const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_EMPTY_QUERY) return {};
    if (status == PGRES_TUPLES_OK) {
        std::vector<Row> rows;
        const int n_rows = PQntuples(result.get());
        const int n_fields = PQnfields(result.get());
        rows.reserve(static_cast<std::size_t>(n_rows));
        for (int r = 0; r < n_rows; ++r) {
            Row row;
            row.reserve(static_cast<std::size_t>(n_fields));
            for (int c = 0; c < n_fields; ++c)
                row.push_back(PQgetisnull(result.get(), r, c)
                                  ? std::nullopt
                                  : std::optional<std::string>(std::string(
                                        PQgetvalue(result.get(), r, c),
                                        static_cast<std::size_t>(PQgetlength(result.get(), r, c)))));
            rows.push_back(std::move(row));
        }
        return rows;
    }
    if (status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH) {
        // A migration file's COPY FROM STDIN has no data stream here; leave copy mode cleanly.
        result.reset();
        target::postgres::end_copy(conn_.get(), "m2pg: COPY FROM STDIN is not supported in migrations");
        throw TargetError("PostgreSQL: COPY ... FROM STDIN/TO STDOUT cannot run in a migration file", sql);
    }
    if (error_position != nullptr && result) {
        const char* position = PQresultErrorField(result.get(), PG_DIAG_STATEMENT_POSITION);
        if (position != nullptr) *error_position = std::atoi(position);
    }
    target::postgres::throw_statement_error(conn_.get(), result.get(), sql, display_);
}

std::optional<std::string> Session::scalar(const std::string& sql) {
    auto rows = query(sql);
    if (rows.empty() || rows.front().empty()) return std::nullopt;
    return rows.front().front();
}

}  // namespace m2pg::migrate
