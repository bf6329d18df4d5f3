#include <doctest/doctest.h>

#include <string>

#include "support/servers.hpp"
#include "target/postgres/copy_writer.hpp"
#include "target/postgres/connection.hpp"
#include "util/error.hpp"

using m2pg::target::postgres::CopyWriter;
using m2pg::target::postgres::PgConnection;

namespace {

void write(CopyWriter& writer, const std::string& text) { writer.write(text.data(), text.size()); }

// Runs finish() expecting a TargetError and returns it.
m2pg::TargetError finish_error(CopyWriter& writer) {
    try {
        writer.finish();
    } catch (const m2pg::TargetError& e) {
        return e;
    }
    FAIL("finish() did not throw TargetError");
    throw std::logic_error("unreachable");
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("a COPY writer stores rows written in arbitrary pieces and returns the row count"
          * doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::PgScratch db;
    db.exec("CREATE TABLE t (id int PRIMARY KEY, name text)");
    PgConnection conn(db.dsn());

    CopyWriter writer(conn, "COPY t (id, name) FROM STDIN");
    const std::string data = "1\talpha\n2\t\\N\n3\tzo\xC3\xAB \xF0\x9F\x90\x98\n";
    write(writer, data.substr(0, 5));  // a row split across writes
    write(writer, data.substr(5));
    CHECK(writer.bytes_written() == data.size());
    CHECK_FALSE(writer.is_finished());
    CHECK(writer.finish() == 3);
    CHECK(writer.is_finished());

    CHECK(db.scalar("SELECT string_agg(id || '=' || coalesce(name, 'NULL'), ',' ORDER BY id) FROM t") ==
          "1=alpha,2=NULL,3=zoë 🐘");
    CHECK(conn.scalar("SELECT count(*) FROM t") == "3");
}

TEST_CASE("a COPY writer with no rows finishes with a count of zero"
          * doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::PgScratch db;
    db.exec("CREATE TABLE t (id int)");
    PgConnection conn(db.dsn());
    CopyWriter writer(conn, "COPY t FROM STDIN");
    CHECK(writer.finish() == 0);
    CHECK(writer.bytes_written() == 0);
}

TEST_CASE("a bad value fails finish() with SQLSTATE 22P02 naming the line and column"
          * doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::PgScratch db;
    db.exec("CREATE TABLE t (id int, name text)");
    PgConnection conn(db.dsn());
    const std::string sql = "COPY t (id, name) FROM STDIN";
    CopyWriter writer(conn, sql);
    write(writer, "1\ta\n2\tb\nthree\tc\n4\td\n");
    const m2pg::TargetError e = finish_error(writer);
    CHECK(e.sqlstate() == "22P02");
    CHECK(e.query() == sql);
    const std::string message = e.what();
    CHECK(contains(message, "invalid input syntax for type integer: \"three\""));
    CHECK(contains(message, "COPY t, line 3, column id: \"three\""));
    CHECK(writer.is_finished());
    // The failed COPY stored nothing and the connection takes statements again.
    CHECK(conn.scalar("SELECT count(*) FROM t") == "0");
}

TEST_CASE("a CHECK violation fails finish() with SQLSTATE 23514 naming the line"
          * doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::PgScratch db;
    db.exec("CREATE TABLE t (id int, qty int CONSTRAINT qty_positive CHECK (qty > 0))");
    PgConnection conn(db.dsn());
    CopyWriter writer(conn, "COPY t FROM STDIN");
    write(writer, "1\t5\n2\t-5\n");
    const m2pg::TargetError e = finish_error(writer);
    CHECK(e.sqlstate() == "23514");
    const std::string message = e.what();
    CHECK(contains(message, "qty_positive"));
    CHECK(contains(message, "COPY t, line 2"));
    CHECK(conn.scalar("SELECT count(*) FROM t") == "0");
}

TEST_CASE("a COPY into a missing table fails at construction with SQLSTATE 42P01"
          * doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::PgScratch db;
    PgConnection conn(db.dsn());
    try {
        CopyWriter writer(conn, "COPY nope FROM STDIN");
        FAIL("COPY into a missing table started");
    } catch (const m2pg::TargetError& e) {
        CHECK(e.sqlstate() == "42P01");
        CHECK(contains(e.what(), "relation \"nope\" does not exist"));
        CHECK(e.exit_code() == 4);
    }
    CHECK(conn.scalar("SELECT 1") == "1");
}

TEST_CASE("a statement that is not COPY FROM STDIN is refused by the writer"
          * doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::PgScratch db;
    db.exec("CREATE TABLE t (id int)");
    db.exec("INSERT INTO t VALUES (1)");
    PgConnection conn(db.dsn());
    CHECK_THROWS_AS(CopyWriter(conn, "COPY t TO STDOUT"), m2pg::TargetError);
    CHECK(conn.scalar("SELECT 2") == "2");
}

TEST_CASE("destroying an unfinished writer aborts the COPY and leaves a failed transaction to roll back"
          * doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::PgScratch db;
    db.exec("CREATE TABLE t (id int)");
    PgConnection conn(db.dsn());
    conn.execute("BEGIN");
    {
        CopyWriter writer(conn, "COPY t FROM STDIN");
        write(writer, "1\n2\n3\n");
    }
    CHECK(PQtransactionStatus(conn.raw()) == PQTRANS_INERROR);
    try {
        conn.execute("SELECT 1");
        FAIL("a statement ran in the aborted transaction");
    } catch (const m2pg::TargetError& e) {
        CHECK(e.sqlstate() == "25P02");
    }
    conn.execute("ROLLBACK");
    CHECK(PQtransactionStatus(conn.raw()) == PQTRANS_IDLE);
    CHECK(conn.scalar("SELECT count(*) FROM t") == "0");
}

TEST_CASE("destroying an unfinished writer outside a transaction stores nothing"
          * doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::PgScratch db;
    db.exec("CREATE TABLE t (id int)");
    PgConnection conn(db.dsn());
    {
        CopyWriter writer(conn, "COPY t FROM STDIN");
        write(writer, "1\n2\n");
    }
    CHECK(PQtransactionStatus(conn.raw()) == PQTRANS_IDLE);
    CHECK(conn.scalar("SELECT count(*) FROM t") == "0");
    CopyWriter again(conn, "COPY t FROM STDIN");
    write(again, "7\n");
    CHECK(again.finish() == 1);
    CHECK(db.scalar("SELECT sum(id) FROM t") == "7");
}

TEST_CASE("a finished COPY inside an explicit transaction is undone by ROLLBACK and kept by COMMIT"
          * doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::PgScratch db;
    db.exec("CREATE TABLE t (id int)");
    PgConnection conn(db.dsn());

    conn.execute("BEGIN");
    CopyWriter first(conn, "COPY t FROM STDIN");
    write(first, "1\n2\n");
    CHECK(first.finish() == 2);
    CHECK(conn.scalar("SELECT count(*) FROM t") == "2");
    conn.execute("ROLLBACK");
    CHECK(db.scalar("SELECT count(*) FROM t") == "0");

    conn.execute("BEGIN");
    CopyWriter second(conn, "COPY t FROM STDIN");
    write(second, "3\n");
    CHECK(second.finish() == 1);
    CHECK(db.scalar("SELECT count(*) FROM t") == "0");  // not visible before COMMIT
    conn.execute("COMMIT");
    CHECK(db.scalar("SELECT count(*) FROM t") == "1");
}

TEST_CASE("finishing a writer twice or writing after finish is a TargetError"
          * doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::PgScratch db;
    db.exec("CREATE TABLE t (id int)");
    PgConnection conn(db.dsn());
    CopyWriter writer(conn, "COPY t FROM STDIN");
    CHECK(writer.finish() == 0);
    CHECK_THROWS_AS(writer.finish(), m2pg::TargetError);
    CHECK_THROWS_AS(write(writer, "1\n"), m2pg::TargetError);
    CHECK(conn.scalar("SELECT count(*) FROM t") == "0");
}

TEST_CASE("a raw PostgreSQL connection reports statement errors with their SQLSTATE"
          * doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::PgScratch db;
    PgConnection conn(db.dsn());
    try {
        conn.execute("SELECT * FROM missing_table");
        FAIL("selecting from a missing table succeeded");
    } catch (const m2pg::TargetError& e) {
        CHECK(e.sqlstate() == "42P01");
        CHECK(e.query() == "SELECT * FROM missing_table");
        CHECK(contains(e.what(), "PostgreSQL: relation \"missing_table\" does not exist [42P01]"));
    }
    CHECK(conn.scalar("SELECT NULL") == std::nullopt);
    CHECK(conn.scalar("SELECT 1 WHERE false") == std::nullopt);
    CHECK(conn.scalar("SELECT 'a' || chr(10) || 'b'") == "a\nb");
    CHECK(conn.scalar("SHOW client_encoding") == "UTF8");
    CHECK(conn.scalar("SHOW client_min_messages") == "warning");
    CHECK_THROWS_AS(conn.execute("COPY (SELECT 1) TO STDOUT"), m2pg::TargetError);
    CHECK(conn.scalar("SELECT 3") == "3");
}

TEST_CASE("a raw PostgreSQL connection with a wrong password names the server, never the password"
          * doctest::skip(m2pg::test::skip_servers())) {
    auto dsn = m2pg::test::pg_dsn();
    dsn.keywords["password"] = "definitely-Wrong-pw";
    try {
        PgConnection conn(dsn);
        FAIL("connected with a wrong password");
    } catch (const m2pg::ConnectionError& e) {
        const std::string message = e.what();
        CHECK(contains(message, "cannot connect to PostgreSQL at m2pg@127.0.0.1"));
        CHECK(contains(message, "(wrong user or password)"));
        CHECK_FALSE(contains(message, "definitely-Wrong-pw"));
        CHECK_FALSE(e.retryable());
        CHECK(e.side() == m2pg::Side::Postgres);
    }
}

TEST_CASE("a raw PostgreSQL connection to a closed port is a retryable connection error"
          * doctest::skip(m2pg::test::skip_servers())) {
    auto dsn = m2pg::test::pg_dsn();
    dsn.keywords["port"] = "1";
    try {
        PgConnection conn(dsn);
        FAIL("connected to port 1");
    } catch (const m2pg::ConnectionError& e) {
        CHECK(contains(e.what(), "(is the server running and reachable?)"));
        CHECK(e.retryable());
    }
}

TEST_CASE("a COPY on a connection that was terminated fails with a retryable ConnectionError"
          * doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::PgScratch db;
    db.exec("CREATE TABLE t (id int)");
    PgConnection conn(db.dsn());
    const std::string pid = conn.scalar("SELECT pg_backend_pid()").value();
    CopyWriter writer(conn, "COPY t FROM STDIN");
    write(writer, "1\n");
    db.exec("SELECT pg_terminate_backend(" + pid + ")");
    try {
        // Enough data to make libpq flush into the closed socket, then the verdict.
        std::string rows;
        for (int i = 0; i < 1 << 18; ++i) rows += "1\n";
        for (int i = 0; i < 16; ++i) write(writer, rows);
        writer.finish();
        FAIL("a COPY on a terminated connection succeeded");
    } catch (const m2pg::ConnectionError& e) {
        CHECK(e.retryable());
        CHECK(e.side() == m2pg::Side::Postgres);
    }
}
