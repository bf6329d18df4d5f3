#include "source/mysql/row_stream.hpp"

#include <utility>

#include "util/error.hpp"

namespace m2pg::source::mysql {

void prepare_session_for_streaming(MysqlConnection& conn) {
    // An hour: longer than any lock wait worth waiting for, short enough that a reader
    // that died without closing its socket does not pin a server thread for days.
    conn.execute("SET SESSION net_write_timeout = 3600, SESSION net_read_timeout = 3600");
}

RowStream::RowStream(MysqlConnection& conn, std::string sql) : conn_(&conn), sql_(std::move(sql)) {
    MYSQL* mysql = conn_->raw();
    if (mysql_real_query(mysql, sql_.data(), sql_.size()) != 0) conn_->throw_last_error(sql_);
    result_.reset(mysql_use_result(mysql));
    if (!result_) {
        if (mysql_errno(mysql) != 0) conn_->throw_last_error(sql_);
        throw SourceError("the statement returned no rows to stream (not a SELECT?)", sql_);
    }
    field_count_ = mysql_num_fields(result_.get());
}

RowStream::RowStream(RowStream&& other) noexcept
    : conn_(other.conn_),
      sql_(std::move(other.sql_)),
      result_(std::move(other.result_)),
      row_(std::exchange(other.row_, nullptr)),
      lengths_(std::exchange(other.lengths_, nullptr)),
      field_count_(other.field_count_),
      at_end_(std::exchange(other.at_end_, true)),
      rows_read_(other.rows_read_),
      bytes_read_(other.bytes_read_) {}

// result_'s deleter (mysql_free_result) reads and discards any unread rows.
RowStream::~RowStream() = default;

bool RowStream::next() {
    if (at_end_) return false;
    MYSQL_ROW row = mysql_fetch_row(result_.get());
    if (row == nullptr) {
        at_end_ = true;
        row_ = nullptr;
        lengths_ = nullptr;
        // With use_result a NULL row is either the end or a failure mid-stream; only
        // the handle's errno tells them apart.
        if (mysql_errno(conn_->raw()) != 0) conn_->throw_last_error(sql_);
        return false;
    }
    unsigned long* lengths = mysql_fetch_lengths(result_.get());
    row_ = row;
    lengths_ = lengths;
    ++rows_read_;
    for (unsigned i = 0; i < field_count_; ++i) bytes_read_ += lengths[i];
    return true;
}

const MYSQL_FIELD* RowStream::fields() const noexcept {
    return result_ ? mysql_fetch_fields(result_.get()) : nullptr;
}

}  // namespace m2pg::source::mysql
