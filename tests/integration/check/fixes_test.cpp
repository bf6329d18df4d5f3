#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "check/check.hpp"
#include "check_support.hpp"
#include "support/servers.hpp"
#include "util/error.hpp"

using m2pg::test::MysqlScratch;
using m2pg::test::Row;
using namespace m2pg::test::check;

namespace {

const auto kSkip = doctest::skip(m2pg::test::skip_servers());

m2pg::check::CheckOptions fix_options(const ArchiveDb& archive, bool apply) {
    m2pg::check::CheckOptions o;
    o.fixes.archive_database = archive.name;
    o.apply = apply;
    return o;
}

std::size_t line_count(const std::filesystem::path& p) {
    std::ifstream in(p);
    std::size_t n = 0;
    for (std::string line; std::getline(in, line);) n += !line.empty();
    return n;
}

std::vector<std::string> sorted_lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == ',') line.pop_back();
        out.push_back(line);
    }
    std::sort(out.begin(), out.end());
    return out;
}

void seed_unicode(const MysqlScratch& db) {
    db.exec("CREATE TABLE posts (id INT PRIMARY KEY, msg TEXT, props JSON)");
    db.exec(R"(INSERT INTO posts VALUES )"
            R"((1, CONCAT('a', CHAR(0), 'b', CHAR(0)), '{"k":"v"}'), )"
            R"((2, 'clean', '{"k":"x\\u0000y","e":"\\\\u0000"}'), )"
            R"((3, 'clean', '{"k":1}'), )"
            R"((4, CONCAT('ü', CHAR(0)), '{"k":"\\u0000\\u0000"}'), )"
            R"((5, NULL, NULL))");
}

}  // namespace

TEST_CASE("--fix-unicode without --apply shows statements and row counts and changes nothing" * kSkip) {
    MysqlScratch db;
    ArchiveDb archive(db);
    seed_unicode(db);
    const auto before = hex_image(db, "posts", "id");
    auto o = fix_options(archive, false);
    o.fixes.unicode = true;
    auto r = run(db, o);
    REQUIRE(r.planned.size() == 2);
    CHECK(r.planned[0].column == "msg");
    CHECK(r.planned[0].rows == 2);
    CHECK(r.planned[1].column == "props");
    CHECK(r.planned[1].rows == 2);
    CHECK(!r.planned[0].statements.empty());
    CHECK(!r.applied);
    CHECK(r.report.fixes_applied.empty());
    CHECK(hex_image(db, "posts", "id") == before);
    CHECK(db.scalar("SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '" + archive.name + "'") == "0");
}

TEST_CASE("--fix-unicode --apply strips NULs and odd \\u0000 escapes, archives the originals, and restore is byte-exact" *
          kSkip) {
    MysqlScratch db;
    ArchiveDb archive(db);
    seed_unicode(db);
    const auto before = hex_image(db, "posts", "id");
    const auto jsonl = std::filesystem::temp_directory_path() / (db.name() + ".jsonl");
    auto o = fix_options(archive, true);
    o.fixes.unicode = true;
    o.fixes.batch_rows = 1;  // several transactions for one column
    o.fixes.archive_file = jsonl;
    auto r = run(db, o);
    REQUIRE(r.report.fixes_applied.size() == 2);
    CHECK(r.report.fixes_applied[0].rows == 2);
    CHECK(r.report.fixes_applied[1].rows == 2);
    // The re-check after the fix finds nothing left.
    CHECK(find(r, "nul_bytes") == nullptr);
    CHECK(find(r, "json_nul_escape") == nullptr);
    CHECK(db.scalar("SELECT HEX(msg) FROM posts WHERE id = 1") == "6162");
    CHECK(db.scalar("SELECT msg FROM posts WHERE id = 4") == "ü");
    CHECK(db.scalar("SELECT props FROM posts WHERE id = 2") == R"({"k":"xy","e":"\\u0000"})");
    CHECK(db.scalar("SELECT props FROM posts WHERE id = 4") == R"({"k":""})");
    CHECK(db.scalar("SELECT msg FROM posts WHERE id = 3") == "clean");
    // The archive tables hold the untouched rows, byte for byte.
    const std::string arc = r.report.fixes_applied[0].archive;
    const auto dot = arc.find('.');
    const std::string arc_table = "`" + arc.substr(0, dot) + "`.`" + arc.substr(dot + 1) + "`";
    CHECK(db.query("SELECT HEX(id), HEX(msg), HEX(props) FROM " + arc_table + " ORDER BY id") ==
          std::vector<Row>{before[0], before[3]});
    CHECK(line_count(jsonl) == 4);
    std::filesystem::remove(jsonl);

    auto restored = m2pg::check::restore(db.dsn(), archive.name);
    CHECK(restored.entries == 2);
    CHECK(restored.rows == 4);
    CHECK(hex_image(db, "posts", "id") == before);
    // A second restore finds nothing left to do.
    CHECK(m2pg::check::restore(db.dsn(), archive.name).entries == 0);
}

TEST_CASE("--fix-varchar --apply deletes over-long rows after archiving them; restore re-inserts them exactly" * kSkip) {
    MysqlScratch db;
    ArchiveDb archive(db);
    TempProfile profile(db.name(), "", "CREATE TABLE files (id bigint PRIMARY KEY, name varchar(4), mime varchar(3));\n");
    db.exec("CREATE TABLE files (id INT PRIMARY KEY, name TEXT, mime TEXT)");
    db.exec("INSERT INTO files VALUES (1, 'abcd', 'png'), (2, 'abcde', 'png'), (3, 'ééé', 'jpeg'), (4, 'ëëëë', 'gif'), (5, NULL, NULL)");
    const auto before = hex_image(db, "files", "id");
    auto o = fix_options(archive, true);
    o.profile = profile.load();
    o.fixes.varchar = true;
    auto r = run(db, o);
    REQUIRE(r.planned.size() == 1);
    CHECK(r.planned[0].rows == 2);
    REQUIRE(r.report.fixes_applied.size() == 1);
    CHECK(r.report.fixes_applied[0].action == "delete");
    CHECK(db.query("SELECT id FROM files ORDER BY id") == std::vector<Row>{{"1"}, {"4"}, {"5"}});
    CHECK(find(r, "value_too_long") == nullptr);
    CHECK(!m2pg::report::has_blockers(r.report));

    m2pg::check::restore(db.dsn(), archive.name);
    CHECK(hex_image(db, "files", "id") == before);
}

TEST_CASE("--fix-varchar --truncate cuts values to the character limit, and restore puts the full values back" * kSkip) {
    MysqlScratch db;
    ArchiveDb archive(db);
    TempProfile profile(db.name(), "", "CREATE TABLE files (id bigint PRIMARY KEY);\nALTER TABLE files ADD COLUMN name character varying(3);\n");
    db.exec("CREATE TABLE files (id INT PRIMARY KEY, name VARCHAR(100))");
    db.exec("INSERT INTO files VALUES (1, 'ab'), (2, 'ééééé'), (3, 'abcd')");
    const auto before = hex_image(db, "files", "id");
    auto o = fix_options(archive, true);
    o.profile = profile.load();
    o.fixes.varchar = true;
    o.fixes.varchar_mode = m2pg::check::VarcharFix::Truncate;
    auto r = run(db, o);
    REQUIRE(r.report.fixes_applied.size() == 1);
    CHECK(r.report.fixes_applied[0].rows == 2);
    CHECK(db.query("SELECT name FROM files ORDER BY id") == std::vector<Row>{{"ab"}, {"ééé"}, {"abc"}});
    m2pg::check::restore(db.dsn(), archive.name);
    CHECK(hex_image(db, "files", "id") == before);
}

TEST_CASE("--fix-varchar refuses to delete rows that other tables reference" * kSkip) {
    MysqlScratch db;
    ArchiveDb archive(db);
    TempProfile profile(db.name(), "", "CREATE TABLE teams (id bigint PRIMARY KEY, name varchar(2));\n");
    db.exec("CREATE TABLE teams (id INT PRIMARY KEY, name TEXT) ENGINE=InnoDB");
    db.exec("CREATE TABLE members (id INT PRIMARY KEY, team INT, FOREIGN KEY (team) REFERENCES teams (id) ON DELETE CASCADE)");
    db.exec("INSERT INTO teams VALUES (1, 'long'); INSERT INTO members VALUES (1, 1)");
    auto o = fix_options(archive, true);
    o.profile = profile.load();
    o.fixes.varchar = true;
    CHECK_THROWS_AS(run(db, o), m2pg::UsageError);
    CHECK(db.scalar("SELECT COUNT(*) FROM members") == "1");
    CHECK(db.scalar("SELECT name FROM teams") == "long");
}

TEST_CASE("--fix-artifacts --apply moves tables, drops columns and indexes, and restore brings all back" * kSkip) {
    MysqlScratch db;
    ArchiveDb archive(db);
    TempProfile profile(db.name(),
                        "[[artifacts]]\nkind = \"table\"\ntable = \"old_table\"\n"
                        "[[artifacts]]\nkind = \"column\"\ntable = \"Users\"\ncolumn = \"RemoteId\"\n"
                        "[[artifacts]]\nkind = \"index\"\ntable = \"Users\"\nindex = \"idx_old\"\n",
                        "CREATE TABLE users (id varchar(26) PRIMARY KEY, name varchar(64));\n");
    db.exec("CREATE TABLE old_table (v BLOB); INSERT INTO old_table VALUES (X'00FF10'), (NULL)");
    db.exec("CREATE TABLE Users (Id VARCHAR(26) NOT NULL, Name VARCHAR(64) DEFAULT 'x', "
            "RemoteId VARCHAR(26) CHARACTER SET latin1 DEFAULT NULL COMMENT 'old', PRIMARY KEY (Id), "
            "KEY idx_remote (RemoteId, Name), KEY idx_old (Name))");
    db.exec("INSERT INTO Users VALUES ('a', 'Ann', 'r\\'1'), ('b', 'Bo', NULL), ('c', NULL, 'ÿ')");
    const auto users_before = hex_image(db, "Users", "Id");
    const auto create_before = db.query("SHOW CREATE TABLE Users");
    const auto old_before = hex_image(db, "old_table", "v");

    auto dry = fix_options(archive, false);
    dry.profile = profile.load();
    dry.fixes.artifacts = true;
    auto planned = run(db, dry);
    REQUIRE(planned.planned.size() == 3);
    CHECK(planned.planned[0].rows == 2);
    CHECK(db.scalar("SELECT COUNT(*) FROM old_table") == "2");

    auto o = dry;
    o.apply = true;
    auto r = run(db, o);
    REQUIRE(r.report.fixes_applied.size() == 3);
    CHECK(count_code(r, "artifact") == 0);
    CHECK(db.scalar("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + db.name() +
                    "' AND TABLE_NAME = 'old_table'") == "0");
    CHECK(db.scalar("SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '" + db.name() +
                    "' AND TABLE_NAME = 'Users' AND COLUMN_NAME = 'RemoteId'") == "0");
    CHECK(db.scalar("SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = '" + db.name() +
                    "' AND TABLE_NAME = 'Users' AND INDEX_NAME = 'idx_old'") == "0");

    auto restored = m2pg::check::restore(db.dsn(), archive.name);
    CHECK(restored.entries == 3);
    CHECK(hex_image(db, "Users", "Id") == users_before);
    const auto create_after = db.query("SHOW CREATE TABLE Users");
    // Same columns in the same order, same keys; re-added keys may list in another order.
    CHECK(sorted_lines(*create_after.at(0).at(1)) == sorted_lines(*create_before.at(0).at(1)));
    CHECK(db.query("SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '" + db.name() +
                   "' AND TABLE_NAME = 'Users' ORDER BY ORDINAL_POSITION") ==
          std::vector<Row>{{"Id"}, {"Name"}, {"RemoteId"}});
    CHECK(hex_image(db, "old_table", "v") == old_before);
}

TEST_CASE("an encoded UTF-16 surrogate, which MariaDB's utf8mb4 keeps and Postgres refuses, is found and fixed to '?', while "
          "Hangul (ED 80..9F) is left alone" * kSkip) {
    MysqlScratch db;
    ArchiveDb archive(db);
    db.exec("CREATE TABLE msgs (id INT PRIMARY KEY, msg TEXT CHARACTER SET utf8mb4)");
    db.exec("INSERT INTO msgs VALUES (1, CONCAT('ab ', x'EDA0BD', ' c')), (2, '한국어 텍스트'), (3, 'plain'), "
            "(4, CONCAT(x'EDB080', x'EDA0BD'))");
    const auto before = hex_image(db, "msgs", "id");
    const auto checked = run(db);
    const auto* found = find(checked, "invalid_utf8", "msgs", "msg");
    REQUIRE(found != nullptr);
    CHECK(found->sample_keys == std::vector<std::string>{"1", "4"});

    auto o = fix_options(archive, true);
    o.fixes.unicode = true;
    const auto r = run(db, o);
    REQUIRE(r.report.fixes_applied.size() == 1);
    CHECK(r.report.fixes_applied[0].rows == 2);
    CHECK(find(r, "invalid_utf8") == nullptr);
    CHECK(db.scalar("SELECT msg FROM msgs WHERE id = 1") == "ab ? c");
    CHECK(db.scalar("SELECT msg FROM msgs WHERE id = 4") == "??");
    CHECK(db.scalar("SELECT msg FROM msgs WHERE id = 2") == "한국어 텍스트");
    m2pg::check::restore(db.dsn(), archive.name);
    CHECK(hex_image(db, "msgs", "id") == before);
}
