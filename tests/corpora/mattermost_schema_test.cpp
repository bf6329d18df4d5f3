// The real Mattermost schema (v10.12 corpus + the Calls plugin) built on both sides the way
// the app builds it: MySQL by morph's rules (one batch per file, db_migrations rows), Postgres
// by `m2pg schema --run-migrations`.
#include <doctest/doctest.h>

#include <set>

#include "corpora/corpus_loader.hpp"
#include "support/mattermost_schema.hpp"
#include "support/temp_dir.hpp"

namespace {

namespace corpora = m2pg::test::corpora;
namespace mm = m2pg::test::mattermost;

std::set<std::string> column(const std::vector<m2pg::test::Row>& rows) {
    std::set<std::string> out;
    for (const auto& row : rows) out.insert(*row[0]);
    return out;
}

}  // namespace

TEST_CASE("the real Mattermost MySQL schema loads as morph applies it: 133 core and 5 Calls migrations, 77 tables" *
          doctest::skip(corpora::skip_corpora())) {
    m2pg::test::MysqlScratch db;
    const auto corpus = mm::corpus(M2PG_CORPORA_DIR);
    m2pg::test::MysqlSession session(db.dsn());
    mm::build_mysql_schema(session, corpus);

    CHECK(db.scalar("SELECT COUNT(*) FROM db_migrations") == std::to_string(mm::kCoreMysqlMigrations));
    CHECK(db.scalar("SELECT CONCAT(MIN(Version), '..', MAX(Version)) FROM db_migrations") == "1..134");
    CHECK(db.scalar("SELECT COUNT(*) FROM db_migrations WHERE Version = 110") == "0");
    // morph takes the name from the file name: MySQL's 000092 is spelled differently from Postgres'.
    CHECK(db.scalar("SELECT Name FROM db_migrations WHERE Version = 92") == "add_createat_to_teammembers");
    CHECK(corpora::join(column(db.query("SELECT CONCAT(Version, ' ', Name) FROM db_migrations_calls"))) ==
          "1 create_calls_channels, 2 create_calls, 3 create_calls_sessions, 4 create_calls_jobs, 5 calls_sessions_video");
    CHECK(db.scalar("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND "
                    "table_type = 'BASE TABLE'") == std::to_string(mm::kTables));
    CHECK(db.scalar("SELECT COUNT(DISTINCT table_name, index_name) FROM information_schema.statistics WHERE "
                    "table_schema = DATABASE() AND index_type = 'FULLTEXT'") == "10");
    // The procedures the files create without DELIMITER lines ran and were dropped again.
    CHECK(db.scalar("SELECT COUNT(*) FROM information_schema.routines WHERE routine_schema = DATABASE()") == "0");
    CHECK(corpora::join(column(db.query("SELECT Name FROM Systems"))) ==
          "CRTChannelMembershipCountsMigrationComplete, CRTThreadCountsAndUnreadsMigrationComplete");

    // A second run finds every version recorded, as morph does.
    CHECK(mm::apply_morph_migrations(session, corpus.core_mysql, "db_migrations") == 0);
}

TEST_CASE("a morph migration that fails names its file and the statement of its batch, and is not recorded" *
          doctest::skip(corpora::skip_corpora())) {
    m2pg::test::MysqlScratch db;
    m2pg::test::TempDir dir("m2pg_morph");
    dir.write("000001_create_a.up.sql", "CREATE TABLE a (x int);\nINSERT INTO a VALUES (1);");
    dir.write("000002_create_b.up.sql", "CREATE TABLE b (x int);\nCREATE TABLE b (x int);");
    dir.write("000002_create_b.down.sql", "DROP TABLE b;");
    m2pg::test::MysqlSession session(db.dsn());

    CHECK_THROWS_WITH(mm::apply_morph_migrations(session, dir.path(), "db_migrations"),
                      doctest::Contains("000002_create_b.up.sql: MySQL: statement 2 of the batch: error 1050"));
    CHECK(corpora::join(column(db.query("SELECT CONCAT(Version, ' ', Name) FROM db_migrations"))) == "1 create_a");
    // No transaction around a batch (MySQL DDL commits anyway): the first statement stays.
    CHECK(db.scalar("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND "
                    "table_name = 'b'") == "1");
}

TEST_CASE("the real Mattermost Postgres schema: 140 core and 5 Calls migrations by m2pg schema, the same 77 tables" *
          doctest::skip(corpora::skip_corpora())) {
    m2pg::test::Scratch db;
    mm::build_schemas(db, mm::corpus(M2PG_CORPORA_DIR), M2PG_TOOLS_DIR "/m2pg");

    CHECK(db.pg.scalar("SELECT COUNT(*) FROM db_migrations") == std::to_string(mm::kCorePostgresMigrations));
    CHECK(db.pg.scalar("SELECT MAX(version) FROM db_migrations") == "141");
    CHECK(db.pg.scalar("SELECT COUNT(*) FROM db_migrations_calls") == std::to_string(mm::kCallsMigrations));
    std::set<std::string> mysql_tables;
    for (const auto& name : column(db.mysql.query(
             "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()"))) {
        std::string lower;
        for (char ch : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        mysql_tables.insert(lower);
    }
    // m2pg's own migration state (<table>_m2pg) is the only other table.
    const auto pg_tables = column(db.pg.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND "
                                              "tablename NOT LIKE '%\\_m2pg'"));
    CHECK(pg_tables.size() == mm::kTables);
    CHECK(corpora::join(pg_tables) == corpora::join(mysql_tables));
    CHECK(db.pg.scalar("SELECT COUNT(*) FROM pg_matviews WHERE schemaname = 'public'") == "5");
    CHECK(db.pg.scalar("SELECT COUNT(*) FROM pg_indexes WHERE schemaname = 'public' AND indexdef LIKE "
                       "'% USING gin (to_tsvector(%'") == "11");
}
