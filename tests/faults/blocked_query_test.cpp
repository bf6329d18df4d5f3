// Ctrl-C while a MySQL query of the tool waits, here on a table another session holds with
// LOCK TABLES ... WRITE (so no row ever comes to notice the signal by): the first signal
// stops the query on the server (KILL QUERY from a new session), the tool exits 130 at once
// saying it was interrupted, none of its queries is left on the server, and a copy resumes
// exactly once the lock is gone.
#include "faults/fault_support.hpp"

#include <csignal>

#include "support/mysql_session.hpp"

using namespace m2pg::test;
using namespace m2pg::test::faults;

namespace {
const auto kSkip = doctest::skip(skip_servers());

// The statements of the scratch database's other sessions (the tool's) in the processlist:
// all of them that run, or those waiting on a table's lock.
std::string running_sql(const Scratch& db, const std::string& state_like = "%") {
    return "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = '" + db.mysql.name() +
           "' AND COMMAND = 'Query' AND ID <> CONNECTION_ID() AND COALESCE(STATE, '') LIKE '" + state_like + "'";
}

bool wait_for_count(MysqlSession& s, const std::string& sql, bool want_zero, std::chrono::seconds limit) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < end) {
        const bool zero = s.scalar(sql).value_or("0") == "0";
        if (zero == want_zero) return true;
        sleep_ms(50);
    }
    return false;
}

// Another session holding t with LOCK TABLES ... WRITE: every other session's read of t waits.
class TableLock {
public:
    explicit TableLock(const Scratch& db) : session_(db.mysql.dsn()) {
        session_.run("SET SESSION lock_wait_timeout = 30");
        session_.run("LOCK TABLES t WRITE");
    }
    void release() { session_.run("UNLOCK TABLES"); }

private:
    MysqlSession session_;
};

// Sends Ctrl-C to `tool` once one of its queries waits on a table's lock.
void interrupt_blocked(const Scratch& db, BackgroundTool& tool) {
    MysqlSession watcher(db.mysql.dsn());
    REQUIRE(wait_for_count(watcher, running_sql(db, "Waiting for table%"), false, std::chrono::seconds(60)));
    const auto start = std::chrono::steady_clock::now();
    tool.signal_group(SIGINT);
    auto r = tool.wait(std::chrono::seconds(15));
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CAPTURE(r.out);
    CAPTURE(r.err);
    CHECK(r.exit_code == 130);
    CHECK(seconds < 10);
    CHECK(contains(r.err, "interrupted (Ctrl-C)"));
    // None of its statements is left on the server (the KILL ended it before the tool exited).
    CHECK(wait_for_count(watcher, running_sql(db), true, std::chrono::seconds(5)));
}
}  // namespace

TEST_CASE("Ctrl-C stops m2pg copy's MySQL query that waits on a locked table: exit 130 at once, no query left, "
          "--resume is exact" * kSkip) {
    Scratch db;
    seed(db, 150000);
    // It references posts, so it is copied after it: the lock can be taken once the plan has
    // counted it, and before a worker reads it.
    db.mysql.exec("CREATE TABLE t (id INT PRIMARY KEY, post_id BIGINT NOT NULL, FOREIGN KEY (post_id) REFERENCES posts (id));"
                  "INSERT INTO t SELECT id, id FROM posts WHERE id <= 1000");
    BackgroundTool copy("m2pg-copy", copy_args(db, {"--create-tables"}));
    REQUIRE(wait_for_pg(db, "SELECT count(*) >= 1 FROM m2pg_state.copy_chunks WHERE done", "f"));
    TableLock table_lock(db);
    interrupt_blocked(db, copy);
    CHECK(db.pg.scalar("SELECT count(*) FROM t") == "0");
    table_lock.release();
    auto resumed = run_tool("m2pg-copy", copy_args(db, {"--resume"}));
    CAPTURE(resumed.err);
    CHECK(resumed.exit_code == 0);
    auto v = verify(db);
    CAPTURE(v.out);
    CHECK(v.exit_code == 0);
}

TEST_CASE("Ctrl-C stops m2pg verify's MySQL query that waits on a locked table: exit 130 at once, no query left" * kSkip) {
    Scratch db;
    db.mysql.exec("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20)); INSERT INTO t VALUES (1, 'a'), (2, 'b')");
    REQUIRE(run_tool("m2pg-copy", copy_args(db, {"--create-tables"})).exit_code == 0);
    TableLock table_lock(db);
    BackgroundTool verifying("m2pg-verify", {"--mysql", db.mysql.dsn_text(), "--postgres", db.pg.dsn_text()});
    interrupt_blocked(db, verifying);
    table_lock.release();
    CHECK(verify(db).exit_code == 0);
}

TEST_CASE("Ctrl-C stops m2pg check's MySQL query that waits on a locked table: exit 130 at once, no query left" * kSkip) {
    Scratch db;
    db.mysql.exec("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20)); INSERT INTO t VALUES (1, 'a'), (2, 'b')");
    TableLock table_lock(db);
    BackgroundTool checking("m2pg-check", {db.mysql.dsn_text()});
    interrupt_blocked(db, checking);
    table_lock.release();
}
