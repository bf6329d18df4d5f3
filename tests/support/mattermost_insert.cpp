#include "support/mattermost_insert.hpp"

#include <stdexcept>

namespace m2pg::test::mattermost {

namespace {
// Well under the server's max_allowed_packet (16 MiB by default, 1 GiB in servers.sh), and
// big enough that the statement overhead does not matter.
constexpr std::size_t kStatementBytes = 1U << 20;
}  // namespace

Inserter::Inserter(MysqlSession& session, std::string table, const std::vector<std::string>& columns)
    : session_(session), columns_(columns.size()) {
    head_ = "INSERT INTO `" + table + "` (";
    for (std::size_t i = 0; i < columns.size(); ++i) head_ += (i ? ", `" : "`") + columns[i] + "`";
    head_ += ") VALUES ";
    sql_ = head_;
}

void Inserter::begin_value() {
    if (values_in_row_ == 0) sql_ += has_rows_ ? ",(" : "(";
    else sql_ += ',';
    ++values_in_row_;
}

Inserter& Inserter::text(std::string_view value) {
    begin_value();
    sql_ += '\'';
    const std::size_t at = sql_.size();
    sql_.resize(at + value.size() * 2 + 1);
    const unsigned long n = mysql_real_escape_string(session_.raw(), sql_.data() + at, value.data(), value.size());
    sql_.resize(at + n);
    sql_ += '\'';
    return *this;
}

Inserter& Inserter::number(std::int64_t value) {
    begin_value();
    sql_ += std::to_string(value);
    return *this;
}

Inserter& Inserter::null() {
    begin_value();
    sql_ += "NULL";
    return *this;
}

Inserter& Inserter::text_or_null(const std::optional<std::string>& value) { return value ? text(*value) : null(); }

Inserter& Inserter::sql(std::string_view expression) {
    begin_value();
    sql_ += expression;
    return *this;
}

void Inserter::end_row() {
    if (values_in_row_ != columns_)
        throw std::logic_error(head_ + ": a row with " + std::to_string(values_in_row_) + " values for " +
                               std::to_string(columns_) + " columns");
    sql_ += ')';
    values_in_row_ = 0;
    has_rows_ = true;
    ++rows_;
    if (sql_.size() >= kStatementBytes) flush();
}

void Inserter::flush() {
    if (!has_rows_) return;
    try {
        session_.run(sql_);
    } catch (const std::runtime_error& e) {
        throw std::runtime_error(head_.substr(0, head_.find(" (")) + ": " + e.what());
    }
    sql_ = head_;
    has_rows_ = false;
}

std::uint64_t Inserter::finish() {
    flush();
    return rows_;
}

}  // namespace m2pg::test::mattermost
