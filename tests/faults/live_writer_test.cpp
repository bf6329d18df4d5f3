// A live application writing to MySQL during the copy: what lands in Postgres is exactly one
// snapshot of the source. Transfers move money between accounts and log both legs in a
// ledger, each in one transaction: in any single snapshot every balance equals its start plus
// its ledger entries. Both tables are cut into chunks copied by two workers at different
// times, so only one snapshot shared by all workers keeps the equation true in the target.
#include "faults/fault_support.hpp"

#include <atomic>

#include "source/mysql/connection.hpp"

using namespace m2pg::test;
using namespace m2pg::test::faults;

namespace {
const auto kSkip = doctest::skip(skip_servers());
constexpr int kAccounts = 40000;
}  // namespace

TEST_CASE("a live writer on MySQL during the copy: what lands is exactly one snapshot" * kSkip) {
    Scratch db;
    db.mysql.exec("CREATE TABLE accounts (id INT PRIMARY KEY, balance BIGINT NOT NULL, note VARCHAR(200));"
                  "CREATE TABLE ledger (id BIGINT PRIMARY KEY AUTO_INCREMENT, account INT NOT NULL, delta BIGINT NOT NULL)");
    db.mysql.exec("SET SESSION max_recursive_iterations = 10000000; INSERT INTO accounts WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < " +
                  std::to_string(kAccounts) + ") SELECT n, 1000, REPEAT('x', 150) FROM s");
    db.mysql.exec("SET SESSION max_recursive_iterations = 10000000; INSERT INTO ledger (account, delta) WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s "
                  "WHERE n < 40000) SELECT n, 0 FROM s");

    std::atomic<bool> stop{false};
    std::atomic<long> transfers{0};
    std::thread writer([&] {
        m2pg::source::mysql::MysqlConnection app(db.mysql.dsn());
        std::mt19937 rng(7);
        std::uniform_int_distribution<int> account(1, kAccounts);
        const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(90);
        while (!stop && std::chrono::steady_clock::now() < end) {
            const int a = account(rng), b = account(rng);
            app.execute("START TRANSACTION");
            app.execute("UPDATE accounts SET balance = balance - 5 WHERE id = " + std::to_string(a));
            app.execute("UPDATE accounts SET balance = balance + 5 WHERE id = " + std::to_string(b));
            app.execute("INSERT INTO ledger (account, delta) VALUES (" + std::to_string(a) + ", -5), (" +
                        std::to_string(b) + ", 5)");
            app.execute("COMMIT");
            ++transfers;
        }
    });
    while (transfers < 50) sleep_ms(5);
    auto copy = run_tool("m2pg-copy", {"--mysql", db.mysql.dsn_text(), "--postgres", db.pg.dsn_text(), "--yes",
                                       "--create-tables", "--jobs", "3", "--chunk-rows", "1000"});
    const long during = transfers;
    sleep_ms(300);
    stop = true;
    writer.join();
    CAPTURE(copy.err);
    REQUIRE(copy.exit_code == 0);
    MESSAGE(during << " transfers before the copy ended, " << transfers << " in all");
    CHECK(transfers > during);  // the writer was still writing when the copy ended

    // The equation holds in the target: one snapshot.
    CHECK(db.pg.scalar("SELECT count(*) FROM accounts a LEFT JOIN (SELECT account, sum(delta) AS s FROM ledger "
                       "GROUP BY account) l ON l.account = a.id WHERE a.balance <> 1000 + coalesce(l.s, 0)") == "0");
    CHECK(db.pg.scalar("SELECT sum(balance) FROM accounts") == std::to_string(1000L * kAccounts));
    // Some transfers made it in and some came after: the snapshot is a moment during the run.
    const auto copied = std::stol(db.pg.scalar("SELECT count(*) FROM ledger").value_or("0")) - 40000;
    CHECK(copied % 2 == 0);
    CHECK(copied / 2 < transfers);
    CHECK(copied / 2 >= 50);
}
