#include "target/postgres/copy_writer.hpp"

#include <charconv>
#include <limits>
#include <utility>

#include "target/postgres/errors.hpp"
#include "util/error.hpp"

namespace m2pg::target::postgres {

CopyWriter::CopyWriter(PgConnection& conn, const std::string& copy_sql) : conn_(&conn), sql_(copy_sql) {
    PgResultPtr result(PQexec(conn_->raw(), sql_.c_str()));
    const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status == PGRES_COPY_IN) {
        active_ = true;
        return;
    }
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_COPY_OUT ||
        status == PGRES_COPY_BOTH) {
        result.reset();
        end_copy(conn_->raw(), "m2pg: not a COPY FROM STDIN");
        throw TargetError("PostgreSQL: the statement is not a COPY ... FROM STDIN", sql_);
    }
    fail(result.get());
}

CopyWriter::CopyWriter(CopyWriter&& other) noexcept
    : conn_(other.conn_),
      sql_(std::move(other.sql_)),
      active_(std::exchange(other.active_, false)),
      bytes_written_(other.bytes_written_) {}

CopyWriter::~CopyWriter() {
    if (!active_) return;
    // The message ends up in the server's log and in the error it reports (57014).
    if (PQputCopyEnd(conn_->raw(), "m2pg: copy aborted") < 0) return;
    end_copy(conn_->raw(), "m2pg: copy aborted");
}

void CopyWriter::fail(const PGresult* result) {
    throw_statement_error(conn_->raw(), result, sql_, conn_->display());
}

void CopyWriter::write(const char* data, std::size_t length) {
    if (!active_) throw TargetError("PostgreSQL: write after the COPY ended", sql_);
    // PQputCopyData takes an int length; split larger buffers.
    constexpr std::size_t kMaxPiece = static_cast<std::size_t>(std::numeric_limits<int>::max());
    while (length > 0) {
        const std::size_t piece = length < kMaxPiece ? length : kMaxPiece;
        if (PQputCopyData(conn_->raw(), data, static_cast<int>(piece)) != 1) {
            // -1: the connection broke or libpq left copy mode; either way the COPY is over.
            active_ = false;
            fail(nullptr);
        }
        data += piece;
        length -= piece;
        bytes_written_ += piece;
    }
}

std::uint64_t CopyWriter::finish() {
    if (!active_) throw TargetError("PostgreSQL: finish() on a COPY that already ended", sql_);
    active_ = false;
    PGconn* conn = conn_->raw();
    if (PQputCopyEnd(conn, nullptr) != 1) {
        PgResultPtr result(PQgetResult(conn));
        fail(result.get());
    }
    // The first result is the verdict; read on to NULL so the connection is ready again.
    PgResultPtr verdict;
    while (PgResultPtr result{PQgetResult(conn)}) {
        if (PQresultStatus(result.get()) == PGRES_COPY_IN) {
            // Copy end was not accepted (should not happen in blocking mode).
            end_copy(conn, "m2pg: copy end not accepted");
            fail(nullptr);
        }
        if (!verdict) verdict = std::move(result);
    }
    if (!verdict) fail(nullptr);
    if (PQresultStatus(verdict.get()) != PGRES_COMMAND_OK) fail(verdict.get());

    const std::string tuples = PQcmdTuples(verdict.get());
    std::uint64_t rows = 0;
    const auto [end, error] = std::from_chars(tuples.data(), tuples.data() + tuples.size(), rows);
    if (error != std::errc() || end != tuples.data() + tuples.size())
        throw TargetError("PostgreSQL: COPY reported no row count (\"" + tuples + "\")", sql_);
    return rows;
}

}  // namespace m2pg::target::postgres
