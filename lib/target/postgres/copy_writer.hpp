#pragma once
// One COPY ... FROM STDIN on a raw libpq connection: begin, write bytes, finish. The
// caller encodes rows (text or binary format); this only moves bytes and reports how the
// server took them.
#include <cstddef>
#include <cstdint>
#include <string>

#include "target/postgres/connection.hpp"

namespace m2pg::target::postgres {

class CopyWriter {
public:
    // Starts `copy_sql` ("COPY t (a, b) FROM STDIN ..."); the connection is borrowed, must
    // outlive the writer and takes no other statement until it is finished or destroyed.
    // Throws TargetError (SQLSTATE) when the server refuses, e.g. 42P01 for a missing
    // table, or when the statement is not a COPY FROM STDIN; ConnectionError if lost.
    CopyWriter(PgConnection& conn, const std::string& copy_sql);

    CopyWriter(CopyWriter&& other) noexcept;
    CopyWriter& operator=(CopyWriter&&) = delete;
    CopyWriter(const CopyWriter&) = delete;
    CopyWriter& operator=(const CopyWriter&) = delete;

    // An unfinished COPY is aborted (the server discards every row of it; inside an
    // explicit transaction that transaction is then failed and needs a ROLLBACK) and the
    // connection is left ready for statements. Never throws.
    ~CopyWriter();

    // Sends bytes of COPY data; rows may span calls. Blocking: libpq buffers and flushes
    // as needed. A bad value is NOT reported here: the server only answers at finish().
    // Throws ConnectionError when the connection is lost, TargetError otherwise.
    void write(const char* data, std::size_t length);

    // Ends the COPY and waits for the server's verdict; returns the rows it stored. A
    // rejected row throws TargetError with the SQLSTATE (22P02 bad value, 23514 CHECK,
    // 23505 duplicate ...) and a message holding the server's message and CONTEXT, which
    // names the row and column ("COPY t, line 5, column x: ..."). Call at most once.
    std::uint64_t finish();

    bool is_finished() const noexcept { return !active_; }
    std::uint64_t bytes_written() const noexcept { return bytes_written_; }
    const std::string& sql() const noexcept { return sql_; }

private:
    [[noreturn]] void fail(const PGresult* result);

    PgConnection* conn_;
    std::string sql_;
    bool active_ = false;
    std::uint64_t bytes_written_ = 0;
};

}  // namespace m2pg::target::postgres
