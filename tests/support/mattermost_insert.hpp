#pragma once
// Multi-row INSERTs for the seeder: rows are appended to one statement until it reaches
// about 1 MiB, then sent. Values are escaped with mysql_real_escape_string, so any byte
// (NUL included) arrives as given.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "support/mysql_session.hpp"

namespace m2pg::test::mattermost {

class Inserter {
public:
    // `columns` in the order the values of each row are given.
    Inserter(MysqlSession& session, std::string table, const std::vector<std::string>& columns);
    Inserter(const Inserter&) = delete;
    Inserter& operator=(const Inserter&) = delete;

    Inserter& text(std::string_view value);
    Inserter& number(std::int64_t value);
    Inserter& boolean(bool value) { return number(value ? 1 : 0); }
    Inserter& null();
    Inserter& text_or_null(const std::optional<std::string>& value);
    // A ready SQL expression, e.g. x'41EDA080' for bytes no string literal may carry.
    Inserter& sql(std::string_view expression);
    // Ends the row; throws std::logic_error when it has not exactly one value per column.
    void end_row();
    // Sends what is left; returns the rows written. Call it before the object goes: a
    // destructor cannot report a failed INSERT.
    std::uint64_t finish();

private:
    void begin_value();
    void flush();

    MysqlSession& session_;
    std::string head_;  // INSERT INTO t (cols) VALUES
    std::string sql_;
    std::size_t columns_ = 0;
    std::size_t values_in_row_ = 0;
    std::uint64_t rows_ = 0;
    bool has_rows_ = false;
};

}  // namespace m2pg::test::mattermost
