#pragma once
// Shared by the fault tests: a source big enough that a copy or an index build takes a
// second or two (so a kill lands mid-way), the tools' command lines, and the verdict.
#include <doctest/doctest.h>

#include <chrono>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "support/background.hpp"
#include "support/servers.hpp"
#include "support/temp_dir.hpp"

namespace m2pg::test::faults {

inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// posts (rows rows, text of varied length, a secondary key), users (a parent), no_key (no
// primary key: one chunk, one transaction).
inline void seed(const Scratch& db, int rows) {
    db.mysql.exec("CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL, KEY (name));"
                  "CREATE TABLE posts (id BIGINT PRIMARY KEY, user_id INT NOT NULL, message TEXT, "
                  "  created DATETIME(3), score DECIMAL(10,2), KEY (user_id), KEY (created), "
                  "  FOREIGN KEY (user_id) REFERENCES users (id));"
                  "CREATE TABLE no_key (a INT, b VARCHAR(20))");
    db.mysql.exec("SET SESSION max_recursive_iterations = 10000000; INSERT INTO users WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 100) "
                  "SELECT n, CONCAT('user ', n) FROM s");
    db.mysql.exec("SET SESSION max_recursive_iterations = 10000000; INSERT INTO posts WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < " +
                  std::to_string(rows) +
                  ") SELECT n, 1 + n % 100, REPEAT(CONCAT('post ', n, ' é\\t\\\\ '), 1 + n % 13), "
                  "TIMESTAMP('2024-01-01') + INTERVAL n SECOND, n / 7 FROM s");
    db.mysql.exec("SET SESSION max_recursive_iterations = 10000000; INSERT INTO no_key WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 500) "
                  "SELECT n, CONCAT('row ', n) FROM s");
}

inline std::vector<std::string> copy_args(const Scratch& db, std::vector<std::string> extra) {
    std::vector<std::string> args = {"--mysql", db.mysql.dsn_text(), "--postgres", db.pg.dsn_text(), "--yes",
                                     "--jobs", "2", "--chunk-rows", "2000"};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
}

inline ToolResult verify(const Scratch& db) {
    return run_tool("m2pg-verify", {"--mysql", db.mysql.dsn_text(), "--postgres", db.pg.dsn_text()});
}

// A seeded generator, the seed in the test's output, so a failing run can be replayed.
inline std::mt19937 random_source() {
    const unsigned seed = std::random_device{}();
    MESSAGE("random seed " << seed);
    return std::mt19937(seed);
}

inline void sleep_ms(int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }

// Waits until `sql` on Postgres returns something other than `value` (or NULL), up to `limit`.
inline bool wait_for_pg(const Scratch& db, const std::string& sql, const std::string& value,
                        std::chrono::seconds limit = std::chrono::seconds(60)) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < end) {
        try {
            auto v = db.pg.scalar(sql);
            if (v && *v != value) return true;
        } catch (const std::exception&) {
            // the table does not exist yet
        }
        sleep_ms(20);
    }
    return false;
}

// After a kill -9 the server ends the dead client's sessions when it notices the socket
// closed: wait until no backend of this database is left in a query, so that the next run
// does not meet the old copy's advisory lock (which it would rightly refuse, exit 7).
inline void wait_for_dead_sessions(const Scratch& db) {
    const std::string sql = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> "
                            "pg_backend_pid() AND backend_type = 'client backend'";
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < end && db.pg.scalar(sql) != "0") sleep_ms(20);
}

}  // namespace m2pg::test::faults
