#include <doctest/doctest.h>

#include <string>

#include "source/mysql/connection.hpp"
#include "source/mysql/row_stream.hpp"
#include "support/servers.hpp"
#include "util/error.hpp"

using m2pg::source::mysql::MysqlConnection;
using m2pg::source::mysql::RowStream;

namespace {

std::string value_of(const RowStream& stream, unsigned i) {
    REQUIRE(stream.data()[i] != nullptr);
    return std::string(stream.data()[i], stream.lengths()[i]);
}

}  // namespace

TEST_CASE("a row stream reads every row of a 100,000-row table and counts rows and bytes"
          * doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::MysqlScratch db;
    db.exec("CREATE TABLE t (id INT PRIMARY KEY, label VARCHAR(20))");
    db.exec("INSERT INTO t SELECT seq, CONCAT('row-', seq) FROM seq_1_to_100000");
    MysqlConnection conn(db.dsn());

    RowStream stream(conn, "SELECT id, label FROM t ORDER BY id");
    CHECK(stream.field_count() == 2);
    std::uint64_t sum = 0;
    std::uint64_t expected_id = 1;
    bool in_order = true;
    bool labels_match = true;
    while (stream.next()) {
        const std::uint64_t id = std::stoull(value_of(stream, 0));
        in_order = in_order && id == expected_id++;
        labels_match = labels_match && value_of(stream, 1) == "row-" + std::to_string(id);
        sum += id;
    }
    CHECK(in_order);
    CHECK(labels_match);
    CHECK(sum == 5000050000ULL);
    CHECK(stream.rows_read() == 100000);
    // Digits of 1..100000: 9*1 + 90*2 + 900*3 + 9000*4 + 90000*5 + 6 = 488,895, twice
    // (id and label), plus "row-" on every label.
    CHECK(stream.bytes_read() == 488895ULL * 2 + 4 * 100000);
    CHECK_FALSE(stream.next());
    CHECK(stream.data() == nullptr);
    CHECK(stream.rows_read() == 100000);
}

TEST_CASE("a row stream returns NULL as a null pointer and binary values with their NUL bytes"
          * doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::MysqlScratch db;
    db.exec("CREATE TABLE t (id INT PRIMARY KEY, b BLOB, note TEXT)");
    db.exec("INSERT INTO t VALUES (1, X'00410042FF00', NULL), (2, NULL, ''), (3, '', 'zoë 🐘')");
    MysqlConnection conn(db.dsn());

    RowStream stream(conn, "SELECT id, b, note FROM t ORDER BY id");
    REQUIRE(stream.field_count() == 3);
    CHECK(std::string(stream.fields()[1].name) == "b");

    REQUIRE(stream.next());
    CHECK(stream.lengths()[1] == 6);
    CHECK(value_of(stream, 1) == std::string("\0A\0B\xFF\0", 6));
    CHECK(stream.data()[2] == nullptr);

    REQUIRE(stream.next());
    CHECK(stream.data()[1] == nullptr);
    CHECK(stream.data()[2] != nullptr);
    CHECK(stream.lengths()[2] == 0);

    REQUIRE(stream.next());
    CHECK(stream.data()[1] != nullptr);
    CHECK(stream.lengths()[1] == 0);
    CHECK(value_of(stream, 2) == "zoë 🐘");

    CHECK_FALSE(stream.next());
    CHECK(stream.rows_read() == 3);
    CHECK(stream.bytes_read() == 1 + 6 + 1 + 0 + 1 + 0 + std::string("zoë 🐘").size());
}

TEST_CASE("a row stream over a missing table throws SourceError with errno 1146 and the query"
          * doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::MysqlScratch db;
    MysqlConnection conn(db.dsn());
    const std::string sql = "SELECT * FROM no_such_table";
    try {
        RowStream stream(conn, sql);
        FAIL("streaming a missing table did not throw");
    } catch (const m2pg::SourceError& e) {
        CHECK(e.mysql_errno() == 1146);
        CHECK(e.query() == sql);
        CHECK(std::string(e.what()).find("no_such_table") != std::string::npos);
        CHECK(e.exit_code() == 3);
    }
    CHECK(conn.scalar("SELECT 7") == "7");
}

TEST_CASE("a statement without a result set is refused by the row stream"
          * doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::MysqlScratch db;
    db.exec("CREATE TABLE t (id INT)");
    MysqlConnection conn(db.dsn());
    CHECK_THROWS_AS(RowStream(conn, "INSERT INTO t VALUES (1)"), m2pg::SourceError);
    CHECK(conn.scalar("SELECT COUNT(*) FROM t") == "1");
}

TEST_CASE("abandoning a row stream half-way leaves the connection usable"
          * doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::MysqlScratch db;
    MysqlConnection conn(db.dsn());
    {
        RowStream stream(conn, "SELECT seq, REPEAT('x', 100) FROM seq_1_to_100000");
        for (int i = 0; i < 10; ++i) REQUIRE(stream.next());
        CHECK(stream.rows_read() == 10);
    }
    CHECK(conn.scalar("SELECT 42") == "42");

    RowStream again(conn, "SELECT seq FROM seq_1_to_3");
    int rows = 0;
    while (again.next()) ++rows;
    CHECK(rows == 3);
}

TEST_CASE("a moved row stream continues where the original stopped"
          * doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::MysqlScratch db;
    MysqlConnection conn(db.dsn());
    RowStream first(conn, "SELECT seq FROM seq_1_to_5");
    REQUIRE(first.next());
    RowStream second(std::move(first));
    REQUIRE(second.next());
    CHECK(value_of(second, 0) == "2");
    CHECK(second.rows_read() == 2);
    while (second.next()) {
    }
    CHECK(second.rows_read() == 5);
    CHECK(conn.scalar("SELECT 1") == "1");
}

TEST_CASE("a connection killed mid-stream ends the stream with a retryable ConnectionError"
          * doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::MysqlScratch db;
    MysqlConnection conn(db.dsn());
    MysqlConnection killer(db.dsn());
    const std::string id = conn.scalar("SELECT CONNECTION_ID()").value();
    // Far more rows than socket buffers hold, so the server is still sending when killed.
    RowStream stream(conn, "SELECT seq, REPEAT('x', 200) FROM seq_1_to_10000000");
    REQUIRE(stream.next());
    killer.execute("KILL CONNECTION " + id);
    try {
        while (stream.next()) {
        }
        FAIL("the stream ended normally after its connection was killed");
    } catch (const m2pg::ConnectionError& e) {
        CHECK(e.retryable());
        CHECK(e.side() == m2pg::Side::MySQL);
    }
    CHECK(stream.rows_read() < 10000000);
}

TEST_CASE("preparing a session for streaming raises the net timeouts to an hour"
          * doctest::skip(m2pg::test::skip_servers())) {
    MysqlConnection conn(m2pg::test::mysql_dsn());
    m2pg::source::mysql::prepare_session_for_streaming(conn);
    CHECK(conn.scalar("SELECT @@SESSION.net_write_timeout") == "3600");
    CHECK(conn.scalar("SELECT @@SESSION.net_read_timeout") == "3600");
}
