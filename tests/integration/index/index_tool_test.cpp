// m2pg index end to end: the chat sample loaded into MariaDB, copied into bare Postgres
// tables by m2pg::copy, then indexed by the tool.
#include <doctest/doctest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "support/copy_support.hpp"
#include "support/servers.hpp"

using m2pg::test::run_tool;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::size_t count_lines_starting(const std::string& text, const std::string& prefix) {
    std::size_t n = 0;
    for (std::size_t at = 0; at < text.size();) {
        std::size_t end = text.find('\n', at);
        if (end == std::string::npos) end = text.size();
        n += text.compare(at, prefix.size(), prefix) == 0 ? 1 : 0;
        at = end + 1;
    }
    return n;
}

// The chat sample (scripts/load-sample.sh), three more posts so that each search word is
// in more than one row but never in all of them (InnoDB ranks a word found in every row
// at zero and returns nothing), two AUTO_INCREMENT tables, then the copy into bare tables.
void load_and_copy(const m2pg::test::Scratch& db) {
    const std::string load = std::string(M2PG_SOURCE_DIR) + "/scripts/load-sample.sh chat " + db.mysql.name() +
                             " >/dev/null";
    REQUIRE(std::system(load.c_str()) == 0);
    db.mysql.exec(
        "INSERT INTO Posts (Id, Message, Hashtags) VALUES "
        "('post0000000000000000000006', 'An elephant never forgets a dolphin', ''), "
        "('post0000000000000000000007', 'The dolphin swims near the harbour', ''), "
        "('post0000000000000000000008', 'Every elephant likes the harbour at night', ''), "
        "('post0000000000000000000009', 'nothing to see here', '')");
    db.mysql.exec("CREATE TABLE Counters (Id int NOT NULL AUTO_INCREMENT PRIMARY KEY, Label varchar(20));"
                  "INSERT INTO Counters VALUES (1, 'a'), (2, 'b'), (100, 'c');"
                  "CREATE TABLE BigIds (Id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY);"
                  "INSERT INTO BigIds VALUES (5), (70)");
    auto result = m2pg::test::copy_all(m2pg::test::copy_options(db));
    REQUIRE(result.finished());
}

std::vector<std::string> column(const std::vector<m2pg::test::Row>& rows) {
    std::vector<std::string> out;
    for (const auto& r : rows) out.push_back(r.at(0).value_or("NULL"));
    return out;
}

std::vector<std::string> index_args(const m2pg::test::Scratch& db, std::vector<std::string> more) {
    std::vector<std::string> args = {"index", db.pg.dsn_text(), "--profile", "chat", "--from-mysql", db.mysql.dsn_text()};
    args.insert(args.end(), more.begin(), more.end());
    return args;
}

}  // namespace

TEST_CASE("after m2pg index Postgres full-text search finds the posts that MySQL MATCH ... AGAINST finds through the "
          "profile's index" * doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    load_and_copy(db);

    auto run = run_tool("m2pg", index_args(db, {"--create-indexes", "--jobs", "3", "--maintenance-work-mem", "64MB"}));
    INFO(run.out, run.err);
    REQUIRE(run.exit_code == 0);
    CHECK(contains(run.out, "done     posts.idx_posts_message_txt (full-text)"));
    CHECK(contains(run.out, "done     posts.posts_pkey (attach primary key)"));
    CHECK(contains(run.out, "done     channels.fk_channels_team (validate foreign key)"));
    CHECK(contains(run.out, " 0 failed; 0 sequence(s) moved past max id; 16 table(s) analyzed"));

    for (const std::string word : {"elephant", "dolphin", "harbour"}) {
        auto mysql = column(db.mysql.query("SELECT Id FROM Posts WHERE MATCH(Message) AGAINST('" + word +
                                           "' IN NATURAL LANGUAGE MODE) ORDER BY Id"));
        auto pg = column(db.pg.query("SELECT id FROM posts WHERE to_tsvector('english', message) @@ "
                                     "plainto_tsquery('english', '" + word + "') ORDER BY id"));
        INFO(word);
        CHECK(mysql.size() >= 2);
        CHECK(pg == mysql);
    }
    CHECK(column(db.pg.query("SELECT id FROM posts WHERE to_tsvector('english', message) @@ "
                             "plainto_tsquery('english', 'elephant') ORDER BY id")) ==
          std::vector<std::string>{"post0000000000000000000005", "post0000000000000000000006",
                                   "post0000000000000000000008"});

    // The app's query expression is the index expression, so the planner can use it.
    auto plan = column(db.pg.query("SET enable_seqscan = off; EXPLAIN SELECT id FROM posts WHERE "
                                   "to_tsvector('english', message) @@ plainto_tsquery('english', 'dolphin')"));
    std::string explain;
    for (const auto& line : plan) explain += line + "\n";
    CHECK(contains(explain, "idx_posts_message_txt"));

    CHECK(db.pg.scalar("SELECT count(*) FROM pg_constraint WHERE contype = 'p' AND conrelid = 'posts'::regclass") == "1");
    CHECK(db.pg.scalar("SELECT convalidated FROM pg_constraint WHERE conname = 'fk_channels_team'") == "t");
    CHECK(db.pg.scalar("SELECT count(*) FROM pg_index WHERE NOT indisvalid") == "0");
}

TEST_CASE("m2pg index moves identity and numeric(20) sequences past the copied max id and warns about ids past "
          "bigint" * doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    load_and_copy(db);
    // As an app's own migrations would leave them: sequences at their start.
    db.pg.exec("ALTER TABLE counters ALTER COLUMN id RESTART WITH 1;"
               "SELECT setval(pg_get_serial_sequence('bigids', 'id'), 1, false)");

    auto run = run_tool("m2pg", index_args(db, {"--create-indexes"}));
    INFO(run.out, run.err);
    REQUIRE(run.exit_code == 0);
    CHECK(contains(run.out, "done     counters.counters_id_seq (sequence) "));
    CHECK(contains(run.out, " s: moved past max(id) = 100: next value 101\n"));
    CHECK(contains(run.out, "done     bigids.bigids_id_seq (sequence) "));
    CHECK(contains(run.out, " s: moved past max(id) = 70: next value 71\n"));
    CHECK(contains(run.err, "max(importid) = 18446744073709551615 is past the sequence's maximum 9223372036854775807"));
    CHECK(db.pg.scalar("INSERT INTO counters (label) VALUES ('new') RETURNING id") == "101");
    CHECK(db.pg.scalar("SELECT nextval(pg_get_serial_sequence('bigids', 'id'))") == "71");

    // A second run leaves them where they are.
    auto again = run_tool("m2pg", index_args(db, {"--create-indexes"}));
    CHECK(again.exit_code == 0);
    CHECK(contains(again.out, "0 sequence(s) moved past max id"));
}

TEST_CASE("re-running m2pg index after an interrupted run builds only the missing indexes and rebuilds an INVALID "
          "one" * doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    load_and_copy(db);
    auto first = run_tool("m2pg", index_args(db, {"--create-indexes"}));
    REQUIRE(first.exit_code == 0);
    const std::string all_indexes = db.pg.scalar("SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes "
                                                 "WHERE schemaname = 'public'").value_or("");

    // What a kill leaves: indexes never built, a primary key not yet attached (its
    // index gone with it), and an INVALID index from a CREATE INDEX CONCURRENTLY.
    db.pg.exec("DROP INDEX users_email; DROP INDEX idx_posts_message_txt;"
               "ALTER TABLE posts DROP CONSTRAINT posts_pkey;"
               "UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'teams_name'::regclass");

    auto dry = run_tool("m2pg", index_args(db, {"--create-indexes", "--dry-run"}));
    INFO(dry.out, dry.err);
    CHECK(dry.exit_code == 0);
    CHECK(count_lines_starting(dry.out, "plan     ") == 4);
    CHECK(contains(dry.out, "plan     teams.teams_name (unique index): would drop the INVALID index and build it again"));
    CHECK(contains(dry.out, ": 4 to build or finish, "));
    CHECK(db.pg.scalar("SELECT count(*) FROM pg_indexes WHERE indexname = 'users_email'") == "0");

    auto rerun = run_tool("m2pg", index_args(db, {"--create-indexes", "--concurrently", "--jobs", "2"}));
    INFO(rerun.out, rerun.err);
    REQUIRE(rerun.exit_code == 0);
    CHECK(count_lines_starting(rerun.out, "start    ") == 5);  // 4 builds and the primary key's attach
    CHECK(contains(rerun.out, "start    users.users_email (unique index)\n"));
    CHECK(contains(rerun.out, "start    posts.idx_posts_message_txt (full-text)\n"));
    CHECK(contains(rerun.out, "start    posts.posts_pkey (primary key index)\n"));
    CHECK(contains(rerun.out, "start    teams.teams_name (unique index): INVALID index left by an interrupted build"));
    CHECK(contains(rerun.out, "skip     users.users_username (unique index): exists"));
    CHECK(contains(rerun.out, "m2pg index: 3 built, 1 rebuilt, 0 finished, "));
    CHECK(db.pg.scalar("SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes WHERE schemaname = "
                       "'public'") == all_indexes);
    CHECK(db.pg.scalar("SELECT count(*) FROM pg_index WHERE NOT indisvalid") == "0");
    CHECK(db.pg.scalar("SELECT conname FROM pg_constraint WHERE contype = 'p' AND conrelid = 'posts'::regclass") ==
          "posts_pkey");
}

TEST_CASE("duplicate keys fail their unique index with a message naming it and the duplicated values while the rest "
          "is built" * doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    load_and_copy(db);
    db.pg.exec("INSERT INTO users SELECT (jsonb_populate_record(u, "
               "'{\"id\": \"user0000000000000000000009\", \"email\": \"alice2@example.com\"}')).* "
               "FROM users u WHERE username = 'alice'");

    auto run = run_tool("m2pg", index_args(db, {"--create-indexes"}));
    INFO(run.out, run.err);
    CHECK(run.exit_code == 4);
    CHECK(contains(run.out, "FAILED   users.users_username (unique index): "));
    CHECK(contains(run.out, "1 duplicated key value(s) in (username), e.g. alice ×2 (rows user0000000000000000000001, "
                            "user0000000000000000000009)"));
    CHECK(contains(run.err, "1 of "));
    CHECK(contains(run.err, " failed (users.users_username)"));
    CHECK(db.pg.scalar("SELECT count(*) FROM pg_indexes WHERE indexname = 'users_username'") == "0");
    CHECK(db.pg.scalar("SELECT count(*) FROM pg_indexes WHERE indexname IN ('users_email', 'users_pkey')") == "2");
}

TEST_CASE("a document too long for a tsvector is indexed by its first 200000 characters and its row is named"
          * doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    load_and_copy(db);
    // 200,000 distinct words: about 1.4 MB of lexemes, over the 1 MiB tsvector limit.
    db.pg.exec("UPDATE posts SET message = (SELECT string_agg('w' || g, ' ') FROM generate_series(1, 200000) g) "
               "WHERE id = 'post0000000000000000000004'");

    // Without --create-indexes: full-text only; the catalog names rows by primary key.
    auto run = run_tool("m2pg", index_args(db, {}));
    INFO(run.out, run.err);
    REQUIRE(run.exit_code == 0);
    CHECK(contains(run.out, "m2pg index: 5 built, 0 rebuilt, 0 finished, 0 skipped, 0 failed; "));
    CHECK(contains(run.err, "idx_posts_message_txt: string is too long for tsvector: 1 row(s) of posts longer than "
                            "200000 characters (keys post0000000000000000000004)"));
    CHECK(contains(*db.pg.scalar("SELECT indexdef FROM pg_indexes WHERE indexname = 'idx_posts_message_txt'"),
                   "left\"(message, 200000)"));
    CHECK(db.pg.scalar("SELECT count(*) FROM posts WHERE to_tsvector('english', left(message, 200000)) @@ "
                       "plainto_tsquery('english', 'w20000')") == "1");
    // Generated from MySQL's FULLTEXT index (no profile entry): 'simple' by default.
    CHECK(contains(*db.pg.scalar("SELECT indexdef FROM pg_indexes WHERE indexname = 'channels_idx_channel_search_txt'"),
                   "to_tsvector('simple'::regconfig"));
    // Other indexes keep the app's expression.
    CHECK(!contains(*db.pg.scalar("SELECT indexdef FROM pg_indexes WHERE indexname = 'idx_posts_hashtags_txt'"),
                    "left("));
}

TEST_CASE("m2pg index without a profile or a MySQL catalog is a usage error" * doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::PgScratch pg;
    auto run = run_tool("m2pg", {"index", pg.dsn_text()});
    CHECK(run.exit_code == 2);
    CHECK(contains(run.err, "nothing to index from"));
    auto bad = run_tool("m2pg", {"index", pg.dsn_text(), "--profile", "chat", "--maintenance-work-mem", "lots"});
    CHECK(bad.exit_code == 2);
    CHECK(contains(bad.err, "--maintenance-work-mem 'lots'"));
}
