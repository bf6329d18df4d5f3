#pragma once
// The PostgreSQL side for everything but the COPY hot path: DDL, catalog queries,
// transactions. Built on libpqxx; errors come out as m2pg errors with the SQLSTATE.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "util/dsn.hpp"

namespace m2pg::target::postgres {

using Row = std::vector<std::optional<std::string>>;

class PgConnection {
public:
    // Connects; throws ConnectionError naming dsn.display() (never the password).
    explicit PgConnection(const util::PgDsn& dsn);
    ~PgConnection();
    PgConnection(PgConnection&&) noexcept;
    PgConnection& operator=(PgConnection&&) noexcept;

    // Runs one or more statements outside a transaction; throws TargetError with SQLSTATE.
    void execute(const std::string& sql);
    std::vector<Row> query(const std::string& sql);
    std::optional<std::string> scalar(const std::string& sql);
    // Runs body inside one transaction: all of it commits or none of it does.
    void in_transaction(const std::function<void(PgConnection&)>& body);

    std::string quote_literal(const std::string& value);
    int server_version_num();
    const util::PgDsn& dsn() const { return dsn_; }

private:
    util::PgDsn dsn_;
    struct Impl;  // holds the pqxx::connection, kept out of this header
    std::unique_ptr<Impl> impl_;
};

}  // namespace m2pg::target::postgres
