#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "util/error.hpp"
#include "verify/output.hpp"
#include "verify_support.hpp"

using m2pg::test::Scratch;
using m2pg::verify::DiffKind;
using m2pg::verify::TableStatus;

namespace {

std::string hex(const std::string& s) {
    static const char* digits = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

// every_type plus a table of hostile text with JSON (hashed client-side on MySQL).
void load_and_copy(Scratch& db) {
    using namespace std::string_literals;
    db.mysql.exec("CREATE TABLE parent (id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, name VARCHAR(50))");
    db.mysql.exec(m2pg::test::read_fixture("every_type.sql"));
    db.mysql.exec(m2pg::test::read_fixture("every_type_rows.sql"));
    const std::vector<std::string> hostile = {"", "\\N", "a\tb\nc\rd", "NUL\0inside"s, "emoji 🐘🦭",
                                              "'; DROP TABLE users; --", "\x01\x02 control", "trailing  "};
    db.mysql.exec("CREATE TABLE texts (id INT PRIMARY KEY, t LONGTEXT, j JSON)");
    for (std::size_t i = 0; i < hostile.size(); ++i) {
        const std::string literal = "CONVERT(X'" + hex(hostile[i]) + "' USING utf8mb4)";
        db.mysql.exec("INSERT INTO texts VALUES (" + std::to_string(i + 1) + ", " + literal + ", JSON_OBJECT('s', " +
                      literal + ", 'n', " + std::to_string(i) + "))");
    }
    auto result = m2pg::test::copy_all(m2pg::test::copy_options(db));
    for (const auto& t : result.tables) CHECK_MESSAGE(t.error.empty(), t.table << ": " << t.error);
    REQUIRE(result.finished());
    // id is bigint unsigned → numeric(20) fed by a sequence, and row 1 holds 2^64-1: no
    // sequence value can be past it (verify reports that); an app with such a key must
    // bring its own ids, so the default goes.
    db.pg.exec("ALTER TABLE every_type ALTER COLUMN id DROP DEFAULT");
}

std::vector<std::pair<DiffKind, std::string>> keys(const m2pg::verify::TableReport& t) {
    std::vector<std::pair<DiffKind, std::string>> out;
    for (const auto& k : t.keys) out.emplace_back(k.kind, k.key);
    return out;
}

}  // namespace

TEST_CASE("verify passes after copy, then names exactly the changed, missing and extra primary keys" *
          doctest::skip(m2pg::test::skip_servers())) {
    Scratch db;
    load_and_copy(db);

    auto ok = m2pg::verify::run_verify(m2pg::test::verify_options(db));
    for (const auto& t : ok.tables) CHECK_MESSAGE(t.status == TableStatus::Identical, t.table << " " << t.error);
    CHECK(ok.ok());
    for (const auto& f : ok.findings) FAIL_CHECK(f.message);
    CHECK(m2pg::test::table_report(ok, "every_type").mysql_rows == 3);
    CHECK(m2pg::test::table_report(ok, "texts").pg_rows == 8);
    CHECK(m2pg::verify::verdict(ok) == "verify: OK — 3 tables, 13 rows identical");

    db.pg.exec("UPDATE texts SET j = jsonb_set(j, '{n}', '42') WHERE id = 3");
    db.pg.exec("DELETE FROM texts WHERE id = 5");
    db.pg.exec("INSERT INTO texts VALUES (99, 'new', '{}')");
    db.pg.exec("UPDATE every_type SET c_datetime6 = c_datetime6 + interval '1 microsecond' WHERE id = 1");

    auto r = m2pg::verify::run_verify(m2pg::test::verify_options(db));
    CHECK_FALSE(r.ok());
    const auto& texts = m2pg::test::table_report(r, "texts");
    CHECK(texts.status == TableStatus::Different);
    CHECK(texts.mysql_rows == 8);
    CHECK(texts.pg_rows == 8);
    CHECK(texts.changed == 1);
    CHECK(texts.missing == 1);
    CHECK(texts.extra == 1);
    CHECK(keys(texts) == std::vector<std::pair<DiffKind, std::string>>{
                             {DiffKind::Changed, "id=3"}, {DiffKind::Missing, "id=5"}, {DiffKind::Extra, "id=99"}});
    const auto& every = m2pg::test::table_report(r, "every_type");
    CHECK(keys(every) == std::vector<std::pair<DiffKind, std::string>>{{DiffKind::Changed, "id=1"}});
    CHECK(m2pg::test::table_report(r, "parent").status == TableStatus::Identical);
    CHECK(m2pg::verify::verdict(r) == "verify: DIFFERENCES in 2 tables");

    SUBCASE("the tool prints the keys and exits 1") {
        auto tool = m2pg::test::run_tool(
            "m2pg", {"verify", "--mysql", db.mysql.dsn_text(), "--postgres", db.pg.dsn_text(), "--jobs", "3"});
        CHECK(tool.exit_code == 1);
        CHECK(tool.out.find("changed: id=3\n") != std::string::npos);
        CHECK(tool.out.find("missing in Postgres: id=5\n") != std::string::npos);
        CHECK(tool.out.find("extra in Postgres: id=99\n") != std::string::npos);
        CHECK(tool.out.find("changed: id=1\n") != std::string::npos);
        CHECK(tool.out.find("verify: DIFFERENCES in 2 tables\n") != std::string::npos);
    }
    SUBCASE("--json prints the same as one document") {
        auto tool = m2pg::test::run_tool("m2pg", {"verify", "--mysql", db.mysql.dsn_text(), "--postgres",
                                                  db.pg.dsn_text(), "--json", "--tables", "texts,parent"});
        CHECK(tool.exit_code == 1);
        auto j = nlohmann::json::parse(tool.out);
        CHECK(j["ok"] == false);
        REQUIRE(j["tables"].size() == 2);
        CHECK(j["tables"][1]["table"] == "texts");
        CHECK(j["tables"][1]["keys"].dump() ==
              R"([{"key":"id=3","kind":"changed"},{"key":"id=5","kind":"missing"},{"key":"id=99","kind":"extra"}])");
    }
    SUBCASE("--exclude leaves the differing tables out and the tool exits 0") {
        auto tool = m2pg::test::run_tool("m2pg", {"verify", "--mysql", db.mysql.dsn_text(), "--postgres",
                                                  db.pg.dsn_text(), "--exclude", "texts,every_type"});
        CHECK(tool.exit_code == 0);
        CHECK(tool.out.find("verify: OK — 1 table, 2 rows identical\n") != std::string::npos);
    }
}

TEST_CASE("a big table verifies in chunks and one changed row is narrowed to its key" *
          doctest::skip(m2pg::test::skip_servers())) {
    Scratch db;
    db.mysql.exec("CREATE TABLE big (id INT PRIMARY KEY, name VARCHAR(40), amount DECIMAL(12,2), at DATETIME)");
    db.mysql.exec("INSERT INTO big SELECT seq, CONCAT('row ', seq), seq / 4, '2024-01-01' + INTERVAL seq SECOND "
                  "FROM seq_1_to_200000");
    auto copied = m2pg::test::copy_all(m2pg::test::copy_options(db));
    REQUIRE(copied.finished());
    db.pg.exec("UPDATE big SET name = 'changed' WHERE id = 100001");

    auto options = m2pg::test::verify_options(db);
    options.chunk_rows = 20000;
    options.jobs = 3;
    auto r = m2pg::verify::run_verify(options);
    const auto& big = m2pg::test::table_report(r, "big");
    CHECK(big.status == TableStatus::Different);
    CHECK(big.mysql_rows == 200000);
    CHECK(big.pg_rows == 200000);
    CHECK(big.chunks == 10);
    CHECK(big.chunks_checked == 10);
    CHECK(big.chunks_different == 1);
    CHECK(keys(big) == std::vector<std::pair<DiffKind, std::string>>{{DiffKind::Changed, "id=100001"}});

    SUBCASE("--sample checks an even share of the chunks and still counts every row") {
        options.sample_percent = 30;
        auto sampled = m2pg::verify::run_verify(options);
        const auto& t = m2pg::test::table_report(sampled, "big");
        CHECK(t.chunks_checked == 3);
        CHECK(t.mysql_rows == 200000);
    }
}

TEST_CASE("verify reports a sequence behind max(id), a missing table and a table without a primary key" *
          doctest::skip(m2pg::test::skip_servers())) {
    Scratch db;
    db.mysql.exec("CREATE TABLE items (id INT AUTO_INCREMENT PRIMARY KEY, v TEXT);"
                  "INSERT INTO items (v) VALUES ('a'), ('b'), ('c');"
                  "CREATE TABLE lonely (id INT PRIMARY KEY); INSERT INTO lonely VALUES (1);"
                  "CREATE TABLE loose (a INT, b VARCHAR(10)); INSERT INTO loose VALUES (1, 'x'), (1, 'x'), (2, 'y');");
    db.pg.exec("CREATE TABLE items (id serial PRIMARY KEY, v text)");
    auto options = m2pg::test::copy_options(db);
    options.scope.exclude = {"lonely"};
    REQUIRE(m2pg::test::copy_all(options).finished());
    db.pg.exec("UPDATE loose SET b = 'z' WHERE a = 2");

    auto r = m2pg::verify::run_verify(m2pg::test::verify_options(db));
    CHECK_FALSE(r.ok());
    CHECK(m2pg::test::table_report(r, "lonely").status == TableStatus::MissingInPostgres);
    CHECK(m2pg::test::table_report(r, "items").status == TableStatus::Identical);
    const auto& loose = m2pg::test::table_report(r, "loose");
    CHECK_MESSAGE(loose.status == TableStatus::Different, loose.error);
    CHECK(loose.missing == 1);
    CHECK(loose.extra == 1);
    CHECK(loose.keys.empty());
    REQUIRE(r.findings.size() == 1);
    CHECK(r.findings[0].kind == "sequence");
    CHECK(r.findings[0].table == "public.items");
    CHECK(r.findings[0].message.find("would next give 1, but max(id) is 3") != std::string::npos);
    CHECK(m2pg::verify::verdict(r) == "verify: DIFFERENCES in 2 tables and 1 finding");

    db.pg.exec("SELECT setval('items_id_seq', 3)");
    auto fixed = m2pg::verify::run_verify(m2pg::test::verify_options(db));
    CHECK(fixed.findings.empty());

    auto tool = m2pg::test::run_tool("m2pg", {"verify", "--mysql", db.mysql.dsn_text(), "--postgres", db.pg.dsn_text(),
                                              "--tables", "lonely"});
    CHECK(tool.exit_code == 1);
    CHECK(tool.out.find("MISSING IN POSTGRES") != std::string::npos);
}

TEST_CASE("verify names the privileges the application role lacks" * doctest::skip(m2pg::test::skip_servers())) {
    Scratch db;
    db.mysql.exec("CREATE TABLE notes (id INT AUTO_INCREMENT PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('x');");
    db.pg.exec("CREATE TABLE notes (id serial PRIMARY KEY, body text)");
    REQUIRE(m2pg::test::copy_all(m2pg::test::copy_options(db)).finished());
    db.pg.exec("SELECT setval('notes_id_seq', 1)");
    const std::string role = db.pg.name() + "_app";
    db.pg.exec("CREATE ROLE " + role);
    struct DropRole {
        const Scratch& db;
        std::string role;
        ~DropRole() {
            try {
                db.pg.exec("DROP OWNED BY " + role + "; DROP ROLE " + role);
            } catch (const std::exception&) {
                // The scratch database's drop takes the grants with it; the role stays
                // behind only if this fails too, which the next run's unique name tolerates.
            }
        }
    } drop{db, role};
    db.pg.exec("GRANT SELECT, INSERT ON notes TO " + role);

    auto options = m2pg::test::verify_options(db);
    options.app_role = role;
    auto r = m2pg::verify::run_verify(options);
    REQUIRE(r.findings.size() == 2);
    CHECK(r.findings[0].kind == "privilege");
    CHECK(r.findings[0].message.find("lacks UPDATE, DELETE on public.notes") != std::string::npos);
    CHECK(r.findings[1].message.find("lacks USAGE on sequence public.notes_id_seq") != std::string::npos);
    CHECK_FALSE(r.ok());

    db.pg.exec("GRANT UPDATE, DELETE ON notes TO " + role + "; GRANT USAGE ON SEQUENCE notes_id_seq TO " + role);
    CHECK(m2pg::verify::run_verify(options).ok());

    options.app_role = role + "_nobody";
    CHECK_THROWS_AS(m2pg::verify::run_verify(options), m2pg::UsageError);
}

TEST_CASE("a table keyed by text is cut into hash buckets both servers agree on, and differing rows are named" *
          doctest::skip(m2pg::test::skip_servers())) {
    Scratch db;
    db.mysql.exec("CREATE TABLE settings (name VARCHAR(40) PRIMARY KEY, value TEXT, n FLOAT);"
                  "INSERT INTO settings VALUES ('Alpha', 'a', 0.1), ('beta', 'b', 1e-7), ('gamma, delta', 'c', -3.5),"
                  "('ñandú 🐘', 'd', 2);");
    // 26-character ids as a chat server has them; posts has JSON, hashed client-side on MySQL,
    // so there the buckets are computed here rather than in MySQL's SQL.
    db.mysql.exec("CREATE TABLE users (id CHAR(26) PRIMARY KEY, name VARCHAR(40)) "
                  "SELECT LEFT(CONCAT(MD5(seq), 'x'), 26) AS id, CONCAT('user ', seq) AS name FROM seq_1_to_30000");
    db.mysql.exec("CREATE TABLE posts (id VARCHAR(26) PRIMARY KEY, props JSON) "
                  "SELECT LEFT(SHA1(seq), 26) AS id, JSON_OBJECT('n', seq) AS props FROM seq_1_to_30000");
    REQUIRE(m2pg::test::copy_all(m2pg::test::copy_options(db)).finished());

    auto options = m2pg::test::verify_options(db);
    options.chunk_rows = 5000;
    auto same = m2pg::verify::run_verify(options);
    CHECK(same.ok());
    CHECK(m2pg::test::table_report(same, "users").chunks == 6);
    CHECK(m2pg::test::table_report(same, "posts").chunks == 6);
    CHECK(m2pg::test::table_report(same, "posts").chunks_checked == 6);
    CHECK(m2pg::test::table_report(same, "settings").chunks == 1);  // fewer rows than --chunk-rows

    const std::string some_user = *db.pg.scalar("SELECT id FROM users ORDER BY id COLLATE \"C\" LIMIT 1 OFFSET 100");
    const std::string gone_user = *db.pg.scalar("SELECT id FROM users ORDER BY id COLLATE \"C\" LIMIT 1 OFFSET 200");
    const std::string some_post = *db.pg.scalar("SELECT id FROM posts ORDER BY id COLLATE \"C\" LIMIT 1 OFFSET 300");
    db.pg.exec("UPDATE users SET name = 'changed' WHERE id = '" + some_user + "'");
    db.pg.exec("DELETE FROM users WHERE id = '" + gone_user + "'");
    db.pg.exec("INSERT INTO users VALUES ('zzzzzzzzzzzzzzzzzzzzzzzzzz', 'extra')");
    db.pg.exec("UPDATE posts SET props = '{\"n\": -1}' WHERE id = '" + some_post + "'");
    db.pg.exec("UPDATE settings SET n = 0.1000001 WHERE name = 'Alpha'");
    options.chunk_rows = 1;  // settings too: 4 buckets of about one row
    auto r = m2pg::verify::run_verify(options);
    CHECK_FALSE(r.ok());
    const auto& users = m2pg::test::table_report(r, "users");
    CHECK(users.chunks_different >= 1);  // three rows: one to three buckets
    CHECK(users.chunks_different <= 3);
    CHECK(keys(users) == std::vector<std::pair<DiffKind, std::string>>{{DiffKind::Changed, "id=" + some_user},
                                                                       {DiffKind::Missing, "id=" + gone_user},
                                                                       {DiffKind::Extra, "id=zzzzzzzzzzzzzzzzzzzzzzzzzz"}});
    const auto& posts = m2pg::test::table_report(r, "posts");
    CHECK(posts.chunks_different == 1);
    CHECK(keys(posts) == std::vector<std::pair<DiffKind, std::string>>{{DiffKind::Changed, "id=" + some_post}});
    const auto& settings = m2pg::test::table_report(r, "settings");
    CHECK(settings.chunks == 4);
    CHECK(keys(settings) == std::vector<std::pair<DiffKind, std::string>>{{DiffKind::Changed, "name=Alpha"}});
}

TEST_CASE("differing hash buckets beyond the narrowing budget are counted, not listed" *
          doctest::skip(m2pg::test::skip_servers())) {
    Scratch db;
    db.mysql.exec("CREATE TABLE users (id CHAR(26) PRIMARY KEY, name VARCHAR(40)) "
                  "SELECT LEFT(CONCAT(MD5(seq), 'x'), 26) AS id, CONCAT('user ', seq) AS name FROM seq_1_to_6000");
    REQUIRE(m2pg::test::copy_all(m2pg::test::copy_options(db)).finished());
    db.pg.exec("UPDATE users SET name = name || '!'");  // every bucket differs
    auto options = m2pg::test::verify_options(db);
    options.chunk_rows = 1000;
    options.max_narrow_rows = 100;
    auto r = m2pg::verify::run_verify(options);
    const auto& t = m2pg::test::table_report(r, "users");
    CHECK(t.status == TableStatus::Different);
    CHECK(t.chunks_different == 6);
    CHECK(t.keys.empty());
    REQUIRE(t.notes.size() == 1);
    CHECK(t.notes[0].find("6 of 6 hash buckets of the key differ") != std::string::npos);
}

TEST_CASE("the verify tool exits 4 when PostgreSQL cannot be reached and 2 for bad flags" *
          doctest::skip(m2pg::test::skip_servers())) {
    Scratch db;
    db.mysql.exec("CREATE TABLE t (id INT PRIMARY KEY)");
    auto down = m2pg::test::run_tool("m2pg", {"verify", "--mysql", db.mysql.dsn_text(), "--postgres",
                                              "postgresql://nobody@127.0.0.1:1/none?connect_timeout=2"});
    CHECK(down.exit_code == 4);
    CHECK(down.err.find("m2pg verify: error:") != std::string::npos);
    auto bad = m2pg::test::run_tool("m2pg", {"verify", "--mysql", db.mysql.dsn_text(), "--postgres", db.pg.dsn_text(),
                                             "--sample", "10", "--full"});
    CHECK(bad.exit_code == 2);
    auto unknown = m2pg::test::run_tool("m2pg", {"verify", "--mysql", db.mysql.dsn_text(), "--postgres",
                                                 db.pg.dsn_text(), "--tables", "nope"});
    CHECK(unknown.exit_code == 2);
    CHECK(unknown.err.find("no such MySQL table") != std::string::npos);
}
