#pragma once
// The REAL Mattermost schema, built from the app's own migrations as the app builds it:
// MySQL from corpora/mattermost-v10.12/mysql (+ the Calls plugin's) the way its migration
// engine (morph, drivers/mysql) applies them, Postgres by `m2pg schema --run-migrations`.
// Facts behind it: /work/notes/mattermost-schema.md §1 (measured on MariaDB 10.11, PG 15).
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "support/mysql_session.hpp"
#include "support/servers.hpp"

namespace m2pg::test::mattermost {

// The migration folders of the corpus under `corpora_root` (../shared/corpora).
struct Corpus {
    std::filesystem::path core_mysql, core_postgres;    // mattermost-v10.12/{mysql,postgres}
    std::filesystem::path calls_mysql, calls_postgres;  // mattermost-plugins/calls/{mysql,postgres}
};
// Throws std::runtime_error naming the first folder that is missing.
Corpus corpus(const std::filesystem::path& corpora_root);

// What the corpus holds (measured; the tests assert the built schema against these).
inline constexpr std::size_t kCoreMysqlMigrations = 133;     // 000001..000134, no 000110
inline constexpr std::size_t kCorePostgresMigrations = 140;  // 000001..000141, no 000110
inline constexpr std::size_t kCallsMigrations = 5;
inline constexpr std::size_t kTables = 77;  // 71 app tables + db_migrations + 4 Calls + db_migrations_calls
inline constexpr const char* kCoreMigrationsTable = "db_migrations";
inline constexpr const char* kCallsMigrationsTable = "db_migrations_calls";

struct MigrationFile {
    std::uint64_t version = 0;
    std::string name;  // between "NNNNNN_" and ".up.sql", as morph's file-name regex takes it
    std::filesystem::path path;
};
// The NNNNNN_name.up.sql files of `dir` in version order.
std::vector<MigrationFile> up_migrations(const std::filesystem::path& dir);

// Applies the pending migrations of `dir` to the session's current database exactly as
// morph's MySQL driver does: creates `table` (Version bigint(20) NOT NULL, Name varchar(64)
// NOT NULL, PRIMARY KEY (Version)), sends each file not yet recorded there as ONE batch,
// then records it with INSERT INTO table (Version, Name). Returns how many it applied.
// Throws std::runtime_error naming the file and the failing statement of its batch.
std::size_t apply_morph_migrations(MysqlSession& session, const std::filesystem::path& dir,
                                   const std::string& table);

// Core, then Calls INTO THE SAME database (Calls' 000001 reads core's PluginKeyValueStore).
void build_mysql_schema(MysqlSession& session, const Corpus& corpus);

// Makes database `to` (which must exist, empty) a copy of database `from`: every table as SHOW
// CREATE TABLE gives it (keys, FULLTEXT, CHECK and foreign keys included), then its rows. A
// few times faster than applying the 138 migrations again, for tests that need several copies.
// Leaves the session in database `to`.
void clone_mysql_database(MysqlSession& session, const std::string& from, const std::string& to);

// Runs `m2pg schema PG --run-migrations --migrations-dir <core postgres>` with the tool at
// `m2pg`, then the Calls plugin's Postgres migrations into db_migrations_calls. Throws
// std::runtime_error with the tool's output when a step fails.
void build_postgres_schema(const std::string& pg_dsn, const std::string& m2pg, const Corpus& corpus);

// Both sides into a test's scratch pair: build_mysql_schema, then build_postgres_schema.
void build_schemas(const Scratch& db, const Corpus& corpus, const std::string& m2pg);

}  // namespace m2pg::test::mattermost
