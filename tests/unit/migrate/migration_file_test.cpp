#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "migrate/migration_file.hpp"
#include "util/error.hpp"
#include "util/sha256.hpp"

namespace fs = std::filesystem;
using namespace m2pg::migrate;

namespace {

// A temporary directory removed by its destructor.
struct TempDir {
    fs::path path;
    TempDir() {
        static int counter = 0;
        path = fs::temp_directory_path() / ("m2pg_mf_" + std::to_string(::getpid()) + "_" + std::to_string(++counter));
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
    void write(const std::string& name, const std::string& text) const {
        std::ofstream(path / name, std::ios::binary) << text;
    }
};

}  // namespace

TEST_CASE("a golang-migrate file name gives its version, name and direction") {
    auto up = parse_file_name("000003_create_posts.up.sql");
    REQUIRE(up.has_value());
    CHECK(up->version == 3);
    CHECK(up->name == "create_posts");
    CHECK(up->direction == Direction::Up);

    auto down = parse_file_name("000141_add_index_on_x.down.sql");
    REQUIRE(down.has_value());
    CHECK(down->version == 141);
    CHECK(down->name == "add_index_on_x");
    CHECK(down->direction == Direction::Down);

    auto bare = parse_file_name("20240101120000.up.sql");
    REQUIRE(bare.has_value());
    CHECK(bare->version == 20240101120000);
    CHECK(bare->name.empty());
}

TEST_CASE("file names that are not migrations are not parsed") {
    CHECK_FALSE(parse_file_name("README.md").has_value());
    CHECK_FALSE(parse_file_name("000001_init.sql").has_value());
    CHECK_FALSE(parse_file_name("v1_init.up.sql").has_value());
    CHECK_FALSE(parse_file_name("_init.up.sql").has_value());
    CHECK_FALSE(parse_file_name("0000000000000000001_too_long.up.sql").has_value());
}

TEST_CASE("a migration runs in a transaction unless a leading comment opts out") {
    CHECK(is_transactional("CREATE TABLE t (a int);\n"));
    CHECK(is_transactional("-- creates t\nCREATE TABLE t (a int);\n"));
    CHECK_FALSE(is_transactional("-- m2pg:no-transaction\nCREATE INDEX CONCURRENTLY i ON t (a);\n"));
    CHECK_FALSE(is_transactional("\n  -- morph:nontransactional\nCREATE INDEX CONCURRENTLY i ON t (a);\n"));
    CHECK_FALSE(is_transactional("-- builds an index\r\n-- m2pg:no-transaction\r\nCREATE INDEX CONCURRENTLY i ON t (a);"));
}

TEST_CASE("a no-transaction marker after the first statement does not count") {
    CHECK(is_transactional("CREATE TABLE t (a int);\n-- m2pg:no-transaction\n"));
}

TEST_CASE("versions are labelled with six digits, longer ones kept whole") {
    CHECK(version_label(3) == "000003");
    CHECK(version_label(141) == "000141");
    CHECK(version_label(1234567) == "1234567");
}

TEST_CASE("a directory loads sorted by version with checksums and down files") {
    TempDir dir;
    dir.write("000010_second.up.sql", "CREATE TABLE b (x int);\n");
    dir.write("000002_first.up.sql", "-- morph:nontransactional\nCREATE INDEX CONCURRENTLY i ON a (x);\n");
    dir.write("000002_first.down.sql", "DROP INDEX i;\n");
    dir.write("notes.txt", "ignored");

    auto files = load_directory(dir.path);
    REQUIRE(files.size() == 2);
    CHECK(files[0].version == 2);
    CHECK(files[0].label() == "000002_first");
    CHECK(files[0].file_name() == "000002_first.up.sql");
    CHECK(files[0].down_path.filename() == "000002_first.down.sql");
    CHECK_FALSE(files[0].transactional);
    CHECK(files[1].version == 10);
    CHECK(files[1].down_path.empty());
    CHECK(files[1].transactional);
    CHECK(files[1].up_sql == "CREATE TABLE b (x int);\n");
    CHECK(files[1].checksum == m2pg::util::sha256_hex("CREATE TABLE b (x int);\n"));
}

TEST_CASE("a directory with two up files of one version is refused, naming both") {
    TempDir dir;
    dir.write("000001_a.up.sql", "SELECT 1;");
    dir.write("0001_b.up.sql", "SELECT 2;");
    CHECK_THROWS_WITH_AS(load_directory(dir.path), doctest::Contains("two files for version 000001"), m2pg::UsageError);
}

TEST_CASE("a down file without its up file is refused") {
    TempDir dir;
    dir.write("000001_a.up.sql", "SELECT 1;");
    dir.write("000002_b.down.sql", "SELECT 2;");
    CHECK_THROWS_WITH_AS(load_directory(dir.path), doctest::Contains("000002_b.down.sql has no matching .up.sql"),
                         m2pg::UsageError);
}

TEST_CASE("a missing or empty migrations directory is a usage error") {
    TempDir dir;
    CHECK_THROWS_WITH_AS(load_directory(dir.path), doctest::Contains("holds no NNNNNN_name.up.sql"), m2pg::UsageError);
    CHECK_THROWS_WITH_AS(load_directory(dir.path / "nope"), doctest::Contains("does not exist"), m2pg::UsageError);
}
