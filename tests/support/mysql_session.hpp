#pragma once
// One libmariadb connection for test support and the bench seeder, through the plain client
// API (not lib/'s MysqlConnection, so that tests of lib/ do not set themselves up with the
// code under test). It sends multi-statement batches the way an application's migration
// engine does (Mattermost's morph: each migration file is one batch, stored procedures without
// DELIMITER lines included) and allows LOAD DATA LOCAL INFILE.
#include <mysql.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/dsn.hpp"

namespace m2pg::test {

using Row = std::vector<std::optional<std::string>>;

class MysqlSession {
public:
    // Connects with utf8mb4 and CLIENT_MULTI_STATEMENTS to dsn (its database may be empty).
    // Throws std::runtime_error with the server's message (never the password).
    explicit MysqlSession(const util::MysqlDsn& dsn);

    // Sends `sql` (one or more statements separated by ';') as ONE batch and reads every
    // result, returning the rows of all result sets in order. Throws std::runtime_error
    // naming the failing statement's number in the batch and the server's error; the
    // statements before it have run (there is no transaction around a batch).
    std::vector<Row> run(std::string_view sql);
    // First column of the first row of run(sql); nullopt for NULL or no row.
    std::optional<std::string> scalar(std::string_view sql);
    // `value` as a quoted string literal (mysql_real_escape_string: NUL, quotes, backslash).
    std::string quote(std::string_view value) const;

    MYSQL* raw() const noexcept { return mysql_.get(); }

private:
    struct Close {
        void operator()(MYSQL* m) const noexcept { mysql_close(m); }
    };
    std::unique_ptr<MYSQL, Close> mysql_;
};

}  // namespace m2pg::test
