#include <doctest/doctest.h>

#include <functional>
#include <string>
#include <vector>

#include "migrate/runner.hpp"
#include "support/servers.hpp"
#include "target/postgres/connection.hpp"
#include "temp_dir.hpp"
#include "util/error.hpp"
#include "util/sha256.hpp"

using m2pg::migrate::MigrationFile;
using m2pg::migrate::RunOptions;
using m2pg::migrate::run_migrations;

namespace {

// Three migrations: tables, a row, an index.
void write_basic(const m2pg::test::TempDir& dir) {
    dir.write("000001_create_things.up.sql",
              "-- things and their owners\nCREATE TABLE things (id int PRIMARY KEY, name text);\n"
              "CREATE TABLE owners (id int PRIMARY KEY);\n");
    dir.write("000001_create_things.down.sql", "DROP TABLE owners;\nDROP TABLE things;\n");
    dir.write("000002_add_column.up.sql", "ALTER TABLE things ADD COLUMN size bigint;\n");
    dir.write("000003_index.up.sql", "CREATE INDEX things_name ON things (name);\n");
}

RunOptions options_for(const m2pg::test::TempDir& dir) {
    RunOptions o;
    o.migrations_dir = dir.path();
    return o;
}

std::string versions_in(const m2pg::test::PgScratch& pg, const std::string& table = "db_migrations") {
    std::string out;
    for (const auto& row : pg.query("SELECT version, name FROM " + table + " ORDER BY 1"))
        out += (out.empty() ? "" : ",") + *row[0] + ":" + *row[1];
    return out;
}

// The described error of body and its exit code; "(no error)" and 0 when it succeeds.
std::string error_of(const std::function<void()>& body, int* exit_code = nullptr) {
    try {
        body();
    } catch (const m2pg::Error& e) {
        if (exit_code != nullptr) *exit_code = e.exit_code();
        return e.describe();
    }
    if (exit_code != nullptr) *exit_code = 0;
    return "(no error)";
}

}  // namespace

TEST_CASE("a directory of migrations applies to an empty database and records each version with its checksum" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::PgScratch pg;
    m2pg::test::TempDir dir;
    write_basic(dir);

    std::vector<std::string> applied;
    auto result = run_migrations(pg.dsn(), options_for(dir),
                                 [&](const MigrationFile& f, std::int64_t) { applied.push_back(f.label()); });

    CHECK(applied == std::vector<std::string>{"000001_create_things", "000002_add_column", "000003_index"});
    CHECK(result.from_version == 0);
    CHECK(result.to_version == 3);
    CHECK(versions_in(pg) == "1:create_things,2:add_column,3:index");
    CHECK(pg.scalar("SELECT count(*) FROM pg_indexes WHERE indexname = 'things_name'") == "1");
    CHECK(pg.scalar("SELECT checksum FROM db_migrations_m2pg WHERE version = 2") ==
          m2pg::util::sha256_hex("ALTER TABLE things ADD COLUMN size bigint;\n"));
    CHECK(pg.scalar("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = "
                    "'db_migrations'::regclass AND attname = 'version'") == "bigint");
}

TEST_CASE("a second run over an applied directory is a no-op" * doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::PgScratch pg;
    m2pg::test::TempDir dir;
    write_basic(dir);
    run_migrations(pg.dsn(), options_for(dir));
    const auto applied_at = pg.scalar("SELECT max(applied_at)::text FROM db_migrations_m2pg");

    int calls = 0;
    auto again = run_migrations(pg.dsn(), options_for(dir), [&](const MigrationFile&, std::int64_t) { ++calls; });

    CHECK(calls == 0);
    CHECK(again.pending.empty());
    CHECK(again.already_applied == 3);
    CHECK(again.to_version == 3);
    CHECK(pg.scalar("SELECT max(applied_at)::text FROM db_migrations_m2pg") == applied_at);
}

TEST_CASE("a changed applied file is refused, naming the file, and nothing more is applied" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::PgScratch pg;
    m2pg::test::TempDir dir;
    write_basic(dir);
    auto o = options_for(dir);
    o.target_version = 2;
    run_migrations(pg.dsn(), o);
    auto changed = dir.write("000002_add_column.up.sql", "ALTER TABLE things ADD COLUMN size integer;\n");

    int exit_code = 0;
    std::string message = error_of([&] { run_migrations(pg.dsn(), options_for(dir)); }, &exit_code);
    CHECK(exit_code == 7);
    CHECK(message.find(changed.string() + " has changed since it was applied") != std::string::npos);
    CHECK(versions_in(pg) == "1:create_things,2:add_column");
}

TEST_CASE("a failing migration names the file and line, and the target stays at the last good version" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::PgScratch pg;
    m2pg::test::TempDir dir;
    write_basic(dir);
    auto bad = dir.write("000002_add_column.up.sql",
                         "CREATE TABLE half (a int);\n"
                         "\n"
                         "ALTER TABLE things\n"
                         "  ADD COLUMN size bigint,\n"
                         "  ADD COLUMN broken nosuchtype;\n");

    int exit_code = 0;
    std::string message = error_of([&] { run_migrations(pg.dsn(), options_for(dir)); }, &exit_code);

    CHECK(exit_code == 4);
    CHECK(message.find(bad.string() + " line 5: PostgreSQL: type \"nosuchtype\" does not exist") != std::string::npos);
    CHECK(message.find("migration 000002_add_column failed and was rolled back; the target stays at version 1") !=
          std::string::npos);
    CHECK(versions_in(pg) == "1:create_things");
    CHECK(pg.scalar("SELECT to_regclass('half') IS NULL") == "t");
    CHECK(pg.scalar("SELECT count(*) FROM db_migrations_m2pg") == "1");
}

TEST_CASE("a failure the server gives no position for names the failing statement's first line" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::PgScratch pg;
    m2pg::test::TempDir dir;
    write_basic(dir);
    auto bad = dir.write("000002_add_column.up.sql",
                         "-- a duplicate table: the server reports no position\n"
                         "CREATE TABLE other (a int);\n"
                         "CREATE TABLE\n"
                         "  things (a int);\n");

    std::string message = error_of([&] { run_migrations(pg.dsn(), options_for(dir)); });

    CHECK(message.find(bad.string() + " line 3: PostgreSQL: relation \"things\" already exists [42P07]") !=
          std::string::npos);
    CHECK(versions_in(pg) == "1:create_things");
}

TEST_CASE("a no-transaction migration runs CREATE INDEX CONCURRENTLY, which a transaction refuses" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::PgScratch pg;
    m2pg::test::TempDir dir;
    write_basic(dir);
    dir.write("000003_index.up.sql",
              "-- morph:nontransactional\nCREATE INDEX CONCURRENTLY things_name ON things (name);\n"
              "CREATE INDEX CONCURRENTLY things_size ON things (size);\n");
    dir.write("000004_in_tx.up.sql", "CREATE INDEX CONCURRENTLY owners_id ON owners (id);\n");

    std::string message = error_of([&] { run_migrations(pg.dsn(), options_for(dir)); });

    CHECK(pg.scalar("SELECT count(*) FROM pg_indexes WHERE indexname IN ('things_name', 'things_size')") == "2");
    CHECK(message.find("000004_in_tx.up.sql line 1: PostgreSQL: CREATE INDEX CONCURRENTLY cannot run inside a "
                       "transaction block") != std::string::npos);
    CHECK(versions_in(pg) == "1:create_things,2:add_column,3:index");
}

TEST_CASE("a run is refused while another holds the migration lock" * doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::PgScratch pg;
    m2pg::test::TempDir dir;
    write_basic(dir);
    m2pg::target::postgres::PgConnection holder(pg.dsn());
    holder.execute("SELECT pg_advisory_lock(" + std::to_string(m2pg::migrate::advisory_lock_key({})) + ")");

    std::string message = error_of([&] { run_migrations(pg.dsn(), options_for(dir)); });
    CHECK(message.find("another m2pg schema run holds the migration lock of public.db_migrations") !=
          std::string::npos);
    CHECK(pg.scalar("SELECT to_regclass('things') IS NULL") == "t");

    holder.execute("SELECT pg_advisory_unlock_all()");
    run_migrations(pg.dsn(), options_for(dir));
    CHECK(versions_in(pg) == "1:create_things,2:add_column,3:index");
}

TEST_CASE("a dry run plans the pending migrations and changes nothing" * doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::PgScratch pg;
    m2pg::test::TempDir dir;
    write_basic(dir);
    auto o = options_for(dir);
    o.dry_run = true;

    auto result = run_migrations(pg.dsn(), o);

    REQUIRE(result.pending.size() == 3);
    CHECK(result.pending[2].label() == "000003_index");
    CHECK(result.to_version == 3);
    CHECK(pg.scalar("SELECT count(*) FROM pg_class WHERE relname IN ('db_migrations', 'things')") == "0");
}

TEST_CASE("the version table's name and columns follow the profile, and the target schema is used" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::PgScratch pg;
    m2pg::test::TempDir dir;
    write_basic(dir);
    pg.exec("CREATE SCHEMA app");
    // The app connects with its names in schema app (the search-path pre-check holds it to that).
    pg.exec("ALTER DATABASE " + pg.name() + " SET search_path TO app");
    auto o = options_for(dir);
    o.history.schema = "app";
    o.history.table = "SchemaVersions";
    o.history.version_column = "Version";
    o.history.name_column = "Name";
    o.target_version = 2;

    run_migrations(pg.dsn(), o);

    CHECK(pg.scalar("SELECT string_agg(\"Version\" || ':' || \"Name\", ',' ORDER BY 1) FROM app.\"SchemaVersions\"") ==
          "1:create_things,2:add_column");
    CHECK(pg.scalar("SELECT count(*) FROM app.\"SchemaVersions_m2pg\"") == "2");
    CHECK(pg.scalar("SELECT to_regclass('app.things') IS NOT NULL") == "t");
    CHECK(pg.scalar("SELECT to_regclass('public.things') IS NULL") == "t");
}

TEST_CASE("migrations recorded by morph without checksums are accepted and the rest applied" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::PgScratch pg;
    m2pg::test::TempDir dir;
    write_basic(dir);
    // morph's own layout, as a Mattermost server leaves it.
    pg.exec("CREATE TABLE db_migrations (version bigint NOT NULL PRIMARY KEY, name varchar NOT NULL);"
            "INSERT INTO db_migrations VALUES (1, 'create_things');"
            "CREATE TABLE things (id int PRIMARY KEY, name text); CREATE TABLE owners (id int PRIMARY KEY);");

    auto result = run_migrations(pg.dsn(), options_for(dir));

    CHECK(result.unverified == 1);
    CHECK(result.from_version == 1);
    CHECK(result.pending.size() == 2);
    CHECK(versions_in(pg) == "1:create_things,2:add_column,3:index");
    CHECK(pg.scalar("SELECT string_agg(version::text, ',' ORDER BY 1) FROM db_migrations_m2pg") == "2,3");
}
