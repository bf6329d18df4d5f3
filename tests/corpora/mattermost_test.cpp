// A sample of Mattermost's real migrations (mattermost/mattermost server/channels/db/
// migrations): MySQL 000090 (enums via ALTER in PREPARE/EXECUTE) and 000046 (Users, with
// CREATE PROCEDURE and no DELIMITER, plus 4 FULLTEXT indexes), and the Postgres 000046
// Mattermost itself ships, which our generated DDL is compared against.
#include <doctest/doctest.h>

#include "corpora/corpus_loader.hpp"

namespace {

namespace corpora = m2pg::test::corpora;

// The tables the two migrations expect to exist already (created by earlier migrations
// that are not in the sample), reduced to the columns they touch.
constexpr const char* kMysqlStubs =
    "CREATE TABLE Systems (Name varchar(64) NOT NULL PRIMARY KEY, Value varchar(1024));"
    "INSERT INTO Systems VALUES ('Version', '5.0.0');"
    "CREATE TABLE Channels (Id varchar(26) NOT NULL PRIMARY KEY, Type varchar(1));"
    "CREATE TABLE Teams (Id varchar(26) NOT NULL PRIMARY KEY, Type varchar(255));"
    "CREATE TABLE UploadSessions (Id varchar(26) NOT NULL PRIMARY KEY, Type varchar(32));";

}  // namespace

TEST_CASE("Mattermost's MySQL migrations load, and m2pg's users table matches Mattermost's own Postgres one" *
          doctest::skip(corpora::skip_corpora())) {
    m2pg::test::Scratch db;
    db.mysql.exec(kMysqlStubs);
    corpora::load_sql(db.mysql.name(), corpora::read_corpus("mattermost/mysql/000090_create_enums.up.sql"));

    // 000046 has CREATE PROCEDURE ... BEGIN ... END; with no DELIMITER: the mysql client
    // splits it at the first ';' inside the body and fails (LOAD.md), while Mattermost's
    // engine sends the file as one multi-statement batch, which the server parses whole.
    auto users_migration = corpora::read_corpus("mattermost/mysql/000046_create_users.up.sql");
    CHECK_THROWS_WITH(corpora::load_sql(db.mysql.name(), users_migration), doctest::Contains("ERROR 1064"));
    db.mysql.exec("DROP TABLE IF EXISTS Users");
    db.mysql.exec(users_migration);
    corpora::check_row_counts(db.mysql, corpora::read_rowcounts("mattermost/rowcounts.tsv"));

    auto generated = corpora::apply_all_phases(db.mysql, db.pg);
    const auto* users = generated.catalog.find_table("Users");
    REQUIRE(users != nullptr);
    CHECK(users->columns.size() == 26);  // 23 created, LastActivityAt/LastPingAt never existed, +3 added
    std::set<std::string> fulltext;
    for (const auto& index : users->indexes)
        if (index.kind == m2pg::model::IndexKind::Fulltext) fulltext.insert(index.name);
    CHECK(corpora::join(fulltext) ==
          "idx_users_all_no_full_name_txt, idx_users_all_txt, idx_users_names_no_full_name_txt, idx_users_names_txt");
    CHECK(corpora::pg_column_types(db.pg, "channels")["type"] == "text");
    CHECK(db.pg.scalar("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'channels_type_check'") ==
          "CHECK ((type = ANY (ARRAY['D'::text, 'O'::text, 'G'::text, 'P'::text, ''::text])))");

    // Every FULLTEXT index became a GIN index over to_tsvector of the same columns.
    for (const auto& [index, columns] : std::map<std::string, std::vector<std::string>>{
             {"idx_users_all_txt", {"username", "firstname", "lastname", "nickname", "email"}},
             {"idx_users_names_no_full_name_txt", {"username", "nickname"}}}) {
        CAPTURE(index);
        auto def = db.pg.scalar("SELECT indexdef FROM pg_indexes WHERE tablename = 'users' AND indexname LIKE '%" +
                                index + "'");
        REQUIRE(def.has_value());
        CHECK(corpora::contains(*def, "USING gin (to_tsvector("));
        for (const auto& column : columns) CHECK(corpora::contains(*def, column));
    }

    // Mattermost's own Postgres migration for the same version.
    m2pg::test::PgScratch upstream;
    upstream.exec("CREATE TABLE systems (name varchar(64) PRIMARY KEY, value varchar(1024))");
    upstream.exec(corpora::read_corpus("mattermost/postgres/000046_create_users.up.sql"));
    auto ours = corpora::pg_column_types(db.pg, "users");
    auto theirs = corpora::pg_column_types(upstream, "users");
    std::set<std::string> our_names, their_names, different_types;
    for (const auto& [name, type] : ours) our_names.insert(name);
    for (const auto& [name, type] : theirs) {
        their_names.insert(name);
        if (ours.count(name) && ours[name] != type) different_types.insert(name + ": " + ours[name] + " vs " + type);
    }
    CHECK(corpora::join(our_names) == corpora::join(their_names));
    // Only where Mattermost chose a bounded varchar for a MySQL TEXT column do we differ.
    CHECK(corpora::join(different_types) ==
          "notifyprops: text vs character varying(2000), props: text vs character varying(4000)");
}
