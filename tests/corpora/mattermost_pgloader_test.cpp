// m2pg pgloader --profile mattermost [--plugin NAME] on the real Mattermost schema, run by the
// real pgloader: the core into the tables the app's migrations made (Systems replaced, the
// full-text indexes dropped for the load and rebuilt by m2pg index), Calls into the tables
// its own migrations made, Boards into tables pgloader creates.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "corpora/corpus_loader.hpp"
#include "run/locate.hpp"
#include "support/mattermost_schema.hpp"
#include "support/mattermost_seed.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;

namespace {

namespace corpora = m2pg::test::corpora;
namespace mm = m2pg::test::mattermost;

// Writes the command file m2pg pgloader makes with `more` flags, runs the real pgloader on it
// with the passwords in its environment only, and returns what pgloader said.
std::string load_with_pgloader(const m2pg::test::Scratch& db, const m2pg::test::TempDir& dir, const std::string& name,
                               const std::vector<std::string>& more) {
    std::vector<std::string> args = {"pgloader", "--mysql", db.mysql.dsn_text(), "--postgres", db.pg.dsn_text(),
                                     "--profile", "mattermost"};
    args.insert(args.end(), more.begin(), more.end());
    const auto generated = m2pg::test::run_tool("m2pg", args);
    INFO(generated.err);
    REQUIRE(generated.exit_code == 0);
    const fs::path file = dir.path() / (name + ".load");
    std::ofstream(file) << generated.out;
    const std::string password = *m2pg::test::mysql_dsn().password;
    const auto timeout = m2pg::run::find_tool("timeout");
    REQUIRE(timeout.has_value());
    const auto run = m2pg::test::run_program(
        timeout->string(), {"600", "pgloader", "--root-dir=" + (dir.path() / (name + "-logs")).string(), file.string()},
        {{"MYSQL_PWD", password}, {"PGPASSWORD", password}});
    INFO("pgloader said:\n" << run.out << run.err << "\ncommand file:\n" << generated.out);
    REQUIRE(run.exit_code == 0);
    return generated.out;
}

std::string mysql_count(const m2pg::test::Scratch& db, const std::string& table) {
    return *db.mysql.scalar("SELECT COUNT(*) FROM `" + table + "`");
}

std::string pg_count(const m2pg::test::Scratch& db, const std::string& table) {
    return *db.pg.scalar("SELECT COUNT(*) FROM " + table);
}

}  // namespace

TEST_CASE("pgloader files of the mattermost profile load the real schema: core, Calls and Boards" *
          doctest::skip(corpora::skip_corpora())) {
    REQUIRE_MESSAGE(m2pg::run::find_tool("pgloader").has_value(), "pgloader is not installed");
    m2pg::test::Scratch db;
    const auto corpus = mm::corpus(M2PG_CORPORA_DIR);
    mm::build_schemas(db, corpus, M2PG_TOOLS_DIR "/m2pg");
    m2pg::test::MysqlSession session(db.mysql.dsn());
    mm::seed(session, mm::SeedOptions{60, 5, false, true});
    m2pg::test::TempDir dir("m2pg_mm_pgloader");

    // The core: data only into the app's tables; Systems' migration-written rows replaced.
    CHECK(db.pg.scalar("SELECT COUNT(*) FROM systems") != "0");
    const auto core = load_with_pgloader(db, dir, "core", {});
    CHECK(corpora::contains(core, "EXCLUDING TABLE NAMES MATCHING"));
    CHECK(corpora::contains(core, "'db_migrations'"));
    CHECK(corpora::contains(core, "    $$ TRUNCATE TABLE public.systems; $$,\n"));
    CHECK(corpora::contains(core, "    $$ DROP INDEX IF EXISTS public.idx_posts_message_txt; $$,\n"));
    CHECK(corpora::contains(core, "    $$ DROP INDEX IF EXISTS public.idx_fileinfo_content_txt; $$\n"));
    for (const std::string table : {"Posts", "Users", "Channels", "ChannelMembers", "Reactions", "FileInfo", "Systems"}) {
        CAPTURE(table);
        CHECK(pg_count(db, table) == mysql_count(db, table));
    }
    CHECK(db.pg.scalar("SELECT COUNT(*) FROM db_migrations") == std::to_string(mm::kCorePostgresMigrations));
    CHECK(pg_count(db, "calls") == "0");  // plugins are left alone
    CHECK(db.pg.scalar("SELECT to_regclass('public.idx_posts_message_txt') IS NULL") == "t");
    // The step migration-assist calls post-migrate: the profile's full-text indexes are back.
    const auto index = m2pg::test::run_tool("m2pg", {"index", db.pg.dsn_text(), "--profile", "mattermost"});
    INFO(index.err);
    CHECK(index.exit_code == 0);
    CHECK(db.pg.scalar("SELECT to_regclass('public.idx_posts_message_txt') IS NOT NULL") == "t");
    CHECK(db.pg.scalar("SELECT to_regclass('public.idx_fileinfo_content_txt') IS NOT NULL") == "t");

    // Calls: into the tables its own migrations made, its version table replaced by MySQL's.
    const auto calls = load_with_pgloader(db, dir, "calls", {"--plugin", "calls"});
    CHECK(corpora::contains(calls, "INCLUDING ONLY TABLE NAMES MATCHING"));
    CHECK(corpora::contains(calls, "data only"));
    CHECK(corpora::contains(calls, "$$ TRUNCATE TABLE public.db_migrations_calls; $$"));
    for (const std::string table : {"calls", "calls_channels", "calls_sessions", "calls_jobs", "db_migrations_calls"}) {
        CAPTURE(table);
        CHECK(pg_count(db, table) == mysql_count(db, table));
    }
    CHECK(pg_count(db, "calls") != "0");

    // Boards: no migrations make its tables, so pgloader creates them with the profile's casts.
    const auto boards = load_with_pgloader(db, dir, "boards", {"--plugin", "boards"});
    CHECK(corpora::contains(boards, "include drop, create tables"));
    CHECK_FALSE(corpora::contains(boards, "BEFORE LOAD"));
    CHECK(corpora::contains(boards, "column focalboard_blocks.fields to json"));
    for (const std::string table : {"focalboard_blocks", "focalboard_boards", "focalboard_schema_migrations"}) {
        CAPTURE(table);
        CHECK(pg_count(db, table) == mysql_count(db, table));
    }
    CHECK(db.pg.scalar("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = "
                       "'focalboard_blocks'::regclass AND attname = 'fields'") == "json");
}
