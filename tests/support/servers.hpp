#pragma once
// Test access to the throwaway servers of scripts/servers.sh. Tests that touch a server
// fail with instructions when the variables are missing; only M2PG_TEST_SKIP_SERVERS=1
// skips them (a quick unit-only run). CI never sets it.
#include <optional>
#include <string>
#include <vector>

#include "support/mysql_session.hpp"
#include "util/dsn.hpp"

namespace m2pg::test {

bool skip_servers();

// Built field by field from M2PG_TEST_MYSQL_* (TCP) and M2PG_TEST_PASSWORD, database m2pg_test.
util::MysqlDsn mysql_dsn();
// The same server through its unix socket.
util::MysqlDsn mysql_socket_dsn();
// libpq keywords from M2PG_TEST_PG_*, database m2pg_test.
util::PgDsn pg_dsn();
// The raw DSN strings as servers.sh prints them (for running the tools).
std::string mysql_dsn_text();
std::string pg_dsn_text();


// A uniquely named MySQL database, created on construction and dropped by the destructor.
class MysqlScratch {
public:
    MysqlScratch();
    ~MysqlScratch();
    MysqlScratch(const MysqlScratch&) = delete;
    MysqlScratch& operator=(const MysqlScratch&) = delete;

    const std::string& name() const { return name_; }
    util::MysqlDsn dsn() const;       // points at the scratch database
    std::string dsn_text() const;     // mysql:// URI of the scratch database
    void exec(const std::string& sql) const;  // runs one or more statements in the scratch db
    std::vector<Row> query(const std::string& sql) const;
    std::optional<std::string> scalar(const std::string& sql) const;

private:
    std::string name_;
};

// A uniquely named PostgreSQL database (not schema: DDL under test may target "public").
class PgScratch {
public:
    PgScratch();
    ~PgScratch();
    PgScratch(const PgScratch&) = delete;
    PgScratch& operator=(const PgScratch&) = delete;

    const std::string& name() const { return name_; }
    util::PgDsn dsn() const;
    std::string dsn_text() const;  // postgresql:// URI of the scratch database
    void exec(const std::string& sql) const;
    std::vector<Row> query(const std::string& sql) const;
    std::optional<std::string> scalar(const std::string& sql) const;
    // Drops the database `name` and creates it again, empty: a new oid (an admin's "start over").
    static void recreate(const std::string& name);

private:
    std::string name_;
};

// Both sides at once, named alike.
struct Scratch {
    MysqlScratch mysql;
    PgScratch pg;
};

// The text of tests/fixtures/NAME (SQL shared by several tests).
std::string read_fixture(const std::string& name);

// Runs a built tool (m2pg, m2pg-schema, ...) with arguments; returns exit code and output.
struct ToolResult {
    int exit_code = -1;
    std::string out;  // stdout
    std::string err;  // stderr
};
ToolResult run_tool(const std::string& tool, const std::vector<std::string>& args,
                    const std::vector<std::pair<std::string, std::string>>& env = {});
// The same for any program, by its path: stdin from /dev/null, `env` added to ours.
ToolResult run_program(const std::string& path, const std::vector<std::string>& args,
                       const std::vector<std::pair<std::string, std::string>>& env = {});

}  // namespace m2pg::test
