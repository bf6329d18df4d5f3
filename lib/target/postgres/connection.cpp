#include "target/postgres/connection.hpp"

#include <pqxx/pqxx>

#include "target/postgres/errors.hpp"
#include "util/error.hpp"

namespace m2pg::target::postgres {

struct PgConnection::Impl {
    explicit Impl(const std::string& conninfo) : conn(conninfo) {}
    pqxx::connection conn;
};

namespace {

// Turns any libpqxx exception into the m2pg error that says what failed; sql is the
// statement that was running, kept for context but never echoed with parameters.
[[noreturn]] void rethrow_as_m2pg(const std::string& server, const std::string& sql) {
    try {
        throw;
    } catch (const pqxx::broken_connection& e) {
        throw ConnectionError(Side::Postgres,
                              "lost the connection to PostgreSQL at " + server + ": " + first_line(e.what()));
    } catch (const pqxx::sql_error& e) {
        std::string state = e.sqlstate();
        if (state.rfind("08", 0) == 0)
            throw ConnectionError(Side::Postgres, "PostgreSQL at " + server + ": " + first_line(e.what()));
        throw TargetError("PostgreSQL: " + first_line(e.what()) + (state.empty() ? "" : " [" + state + "]"),
                          sql, state);
    } catch (const pqxx::failure& e) {
        throw TargetError("PostgreSQL: " + first_line(e.what()), sql);
    }
}

std::vector<Row> to_rows(const pqxx::result& r) {
    std::vector<Row> rows;
    rows.reserve(r.size());
    for (const auto& row : r) {
        Row out;
        out.reserve(row.size());
        for (const auto& field : row)
            out.push_back(field.is_null() ? std::nullopt
                                          : std::optional<std::string>(std::string(field.c_str(), field.size())));
        rows.push_back(std::move(out));
    }
    return rows;
}

}  // namespace

PgConnection::PgConnection(const util::PgDsn& dsn) : dsn_(dsn) {
    try {
        impl_ = std::make_unique<Impl>(dsn_.conninfo());
    } catch (const pqxx::broken_connection& e) {
        throw connect_error(dsn_.display(), e.what());
    }
    // Quiet NOTICEs such as "table does not exist, skipping": our own output says what happened.
    execute("SET client_min_messages = warning");
}

PgConnection::~PgConnection() = default;
PgConnection::PgConnection(PgConnection&&) noexcept = default;
PgConnection& PgConnection::operator=(PgConnection&&) noexcept = default;

void PgConnection::execute(const std::string& sql) { query(sql); }

std::vector<Row> PgConnection::query(const std::string& sql) {
    try {
        pqxx::nontransaction tx(impl_->conn);
        return to_rows(tx.exec(sql));
    } catch (const pqxx::failure&) {
        rethrow_as_m2pg(dsn_.display(), sql);
    }
}

std::optional<std::string> PgConnection::scalar(const std::string& sql) {
    auto rows = query(sql);
    if (rows.empty() || rows.front().empty()) return std::nullopt;
    return rows.front().front();
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

std::string PgConnection::quote_literal(const std::string& value) { return impl_->conn.quote(value); }

int PgConnection::server_version_num() { return impl_->conn.server_version(); }

}  // namespace m2pg::target::postgres
