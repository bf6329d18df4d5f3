#include <doctest/doctest.h>

#include <string>

#include "source/mysql/chunks.hpp"
#include "source/mysql/catalog.hpp"
#include "source/mysql/connection.hpp"
#include "support/servers.hpp"

namespace {

// The table as plan_chunks sees it, with its exact row count as the estimate.
struct Planned {
    m2pg::source::mysql::MysqlConnection conn;
    m2pg::model::Catalog catalog;
    std::vector<m2pg::source::mysql::Chunk> chunks;
    std::uint64_t rows = 0;

    Planned(const m2pg::test::MysqlScratch& mysql, const std::string& table, std::uint64_t chunk_rows)
        : conn(mysql.dsn()), catalog(m2pg::source::mysql::read_catalog(conn, mysql.name())) {
        m2pg::model::Table t = *catalog.find_table(table);
        rows = std::stoull(*conn.scalar("SELECT COUNT(*) FROM " + table));
        t.row_estimate = static_cast<std::int64_t>(rows);
        chunks = m2pg::source::mysql::plan_chunks(conn, t, chunk_rows);
    }

    // Every row in exactly one chunk, and no chunk above `most` rows.
    void check_cover(const std::string& table, std::uint64_t most) {
        std::uint64_t total = 0;
        for (const auto& c : chunks) {
            CAPTURE(c.range_text);
            const auto n = std::stoull(*conn.scalar("SELECT COUNT(*) FROM " + table + " WHERE " + m2pg::source::mysql::mysql_condition(c)));
            CHECK(n <= most);
            total += n;
        }
        CHECK(total == rows);
    }
};

}  // namespace

TEST_CASE("a dense integer key is cut by arithmetic from MIN and MAX, covering every row once" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::MysqlScratch mysql;
    // Even ids only: arithmetic bounds fall between keys (odd), a walk's bounds on keys (even).
    mysql.exec("CREATE TABLE evens (id INT PRIMARY KEY) SELECT seq * 2 AS id FROM seq_1_to_100000");
    Planned p(mysql, "evens", 10000);
    REQUIRE(p.chunks.size() >= 9);
    CHECK(p.chunks.size() <= 11);
    CHECK(p.chunks[0].key == "id");
    CHECK(p.chunks[0].lower.empty());
    CHECK(p.chunks[0].upper == "20001");
    p.check_cover("evens", 10001);

    // Negative and bigint unsigned extremes: the arithmetic is exact beyond 64 bits.
    mysql.exec("CREATE TABLE signed_ids (id BIGINT PRIMARY KEY) SELECT CAST(seq AS SIGNED) - 50000 AS id FROM seq_0_to_49999");
    Planned s(mysql, "signed_ids", 5000);
    CHECK(s.chunks.size() >= 9);
    s.check_cover("signed_ids", 5001);
    mysql.exec("CREATE TABLE top_ids (id BIGINT UNSIGNED PRIMARY KEY) "
               "SELECT 18446744073709551615 - seq AS id FROM seq_0_to_29999");
    Planned u(mysql, "top_ids", 3000);
    CHECK(u.chunks.size() >= 9);
    CHECK(u.chunks.back().lower == "18446744073709548616");  // MIN + 9 steps of 3,000
    CHECK(u.chunks.back().upper.empty());
    u.check_cover("top_ids", 3001);
}

TEST_CASE("a sparse integer key is walked, so chunks keep about chunk_rows rows each" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::MysqlScratch mysql;
    mysql.exec("CREATE TABLE sparse (id BIGINT PRIMARY KEY) SELECT seq AS id FROM seq_1_to_10000");
    mysql.exec("INSERT INTO sparse VALUES (1000000000000000)");
    Planned p(mysql, "sparse", 1000);
    CHECK(p.chunks.size() == 11);  // 10,001 rows in chunks of 1,000: arithmetic would make one full chunk
    CHECK(p.chunks[0].upper == "1001");
    CHECK(m2pg::source::mysql::mysql_condition(p.chunks[0]) == "`id` < 1001");
    p.check_cover("sparse", 1001);
}
