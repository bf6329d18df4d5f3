#include "support/mysql_session.hpp"

#include <stdexcept>

namespace m2pg::test {

namespace {

struct FreeResult {
    void operator()(MYSQL_RES* r) const noexcept { mysql_free_result(r); }
};

std::string where(MYSQL* m, int statement) {
    return "statement " + std::to_string(statement) + " of the batch: error " + std::to_string(mysql_errno(m)) +
           ": " + mysql_error(m);
}

}  // namespace

MysqlSession::MysqlSession(const util::MysqlDsn& dsn) : mysql_(mysql_init(nullptr)) {
    if (!mysql_) throw std::runtime_error("mysql_init failed");
    mysql_options(mysql_.get(), MYSQL_SET_CHARSET_NAME, "utf8mb4");
    const unsigned int local_infile = 1;
    mysql_options(mysql_.get(), MYSQL_OPT_LOCAL_INFILE, &local_infile);
    const bool socket = !dsn.socket.empty();
    if (!mysql_real_connect(mysql_.get(), socket ? "localhost" : dsn.host.c_str(), dsn.user.c_str(),
                            dsn.password ? dsn.password->c_str() : nullptr,
                            dsn.database.empty() ? nullptr : dsn.database.c_str(), socket ? 0 : dsn.port,
                            socket ? dsn.socket.c_str() : nullptr, CLIENT_MULTI_STATEMENTS | CLIENT_MULTI_RESULTS))
        throw std::runtime_error("MySQL connect to " + dsn.display() + ": " + mysql_error(mysql_.get()));
}

std::vector<Row> MysqlSession::run(std::string_view sql) {
    MYSQL* m = mysql_.get();
    std::vector<Row> rows;
    if (mysql_real_query(m, sql.data(), sql.size()) != 0) throw std::runtime_error("MySQL: " + where(m, 1));
    for (int statement = 1;; ++statement) {
        std::unique_ptr<MYSQL_RES, FreeResult> res(mysql_store_result(m));
        if (res) {
            const unsigned n = mysql_num_fields(res.get());
            while (MYSQL_ROW r = mysql_fetch_row(res.get())) {
                const unsigned long* len = mysql_fetch_lengths(res.get());
                Row row;
                row.reserve(n);
                for (unsigned i = 0; i < n; ++i)
                    row.push_back(r[i] ? std::optional<std::string>(std::string(r[i], len[i])) : std::nullopt);
                rows.push_back(std::move(row));
            }
        } else if (mysql_field_count(m) != 0) {
            throw std::runtime_error("MySQL result: " + where(m, statement));
        }
        const int next = mysql_next_result(m);
        if (next > 0) throw std::runtime_error("MySQL: " + where(m, statement + 1));
        if (next < 0) break;
    }
    return rows;
}

std::optional<std::string> MysqlSession::scalar(std::string_view sql) {
    auto rows = run(sql);
    if (rows.empty() || rows[0].empty()) return std::nullopt;
    return rows[0][0];
}

std::string MysqlSession::quote(std::string_view value) const {
    std::string out(value.size() * 2 + 3, '\0');
    out[0] = '\'';
    const unsigned long n = mysql_real_escape_string(mysql_.get(), out.data() + 1, value.data(), value.size());
    out.resize(n + 1);
    out += '\'';
    return out;
}

}  // namespace m2pg::test
