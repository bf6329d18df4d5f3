#pragma once
// Streams the rows of one SELECT with mysql_use_result: the server sends rows as we read
// them, so memory holds one row at a time whatever the table's size.
#include <cstdint>
#include <string>

#include <mysql.h>

#include "source/mysql/connection.hpp"
#include "source/mysql/result.hpp"

namespace m2pg::source::mysql {

// Raises the session's net_write_timeout and net_read_timeout to an hour. Why: with
// mysql_use_result the server writes rows straight to the socket; when our reader stalls
// (the PostgreSQL side waits on a lock, the queue is full) the server's write blocks, and
// after net_write_timeout (default 60 s) it aborts the statement and the stream ends in
// error 2013 half-way through a table. Call once per connection, before streaming.
void prepare_session_for_streaming(MysqlConnection& conn);

class RowStream {
public:
    // Sends `sql` (one statement that returns rows) and starts reading its result. The
    // connection is borrowed and must outlive the stream; nothing else may use it until
    // the stream is destroyed (the protocol is busy until the last row is read).
    // Throws SourceError (errno, query) when the server rejects the query, e.g. 1146 for a
    // missing table; ConnectionError (retryable) when the connection is lost; SourceError
    // when the statement returns no result set.
    RowStream(MysqlConnection& conn, std::string sql);

    RowStream(RowStream&& other) noexcept;
    RowStream& operator=(RowStream&&) = delete;
    RowStream(const RowStream&) = delete;
    RowStream& operator=(const RowStream&) = delete;

    // Leaves the connection usable. Rows not read yet are read and discarded by
    // mysql_free_result: the protocol has no way to stop a result that is being sent, so
    // abandoning a stream of a huge table costs the time to receive the rest of it. The
    // alternative (KILL QUERY from a second connection) needs another login and races
    // with the result's end, so only Ctrl-C does it (query_killer.hpp); a caller that
    // abandons streams of huge tables because of an error should rather drop the whole
    // connection, which ends the query at once.
    ~RowStream();

    // Moves to the next row; false at the end of the result (and ever after). The row's
    // pointers stay valid until the next call. Throws ConnectionError (retryable) for a
    // lost connection (2006/2013/2055, also a net_write_timeout), SourceError for any
    // other error the server reports mid-stream (e.g. 1317 query interrupted).
    bool next();

    // The current row: field_count() values, data()[i] == nullptr for SQL NULL, lengths()
    // in bytes (values are binary safe; they may contain NUL bytes).
    const char* const* data() const noexcept { return row_; }
    const unsigned long* lengths() const noexcept { return lengths_; }
    unsigned field_count() const noexcept { return field_count_; }
    // Column metadata (names, types) of the result; valid while the stream lives.
    const MYSQL_FIELD* fields() const noexcept;

    std::uint64_t rows_read() const noexcept { return rows_read_; }
    // Sum of the value lengths of every row read so far.
    std::uint64_t bytes_read() const noexcept { return bytes_read_; }
    const std::string& sql() const noexcept { return sql_; }

private:
    MysqlConnection* conn_;
    std::string sql_;
    MysqlResPtr result_;
    MYSQL_ROW row_ = nullptr;
    unsigned long* lengths_ = nullptr;
    unsigned field_count_ = 0;
    bool at_end_ = false;
    std::uint64_t rows_read_ = 0;
    std::uint64_t bytes_read_ = 0;
};

}  // namespace m2pg::source::mysql
