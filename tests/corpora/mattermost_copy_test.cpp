// m2pg copy into the REAL Mattermost Postgres schema (made by the app's own migrations) from
// the real MySQL schema seeded with the planted problems: each value the target column
// refuses is named by its row — before the first row where copy can ask MySQL (NULL into
// NOT NULL, enums, tinyint into boolean, bigint into integer), at COPY otherwise (text over
// varchar(n), a JSON array element over varchar(26)) — and, once the admin fixed the rows
// (by changing them, not deleting them), every core table copies exactly and verify says OK.
#include <doctest/doctest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "corpora/corpus_loader.hpp"
#include "support/mattermost_schema.hpp"
#include "support/mattermost_seed.hpp"

namespace {

namespace corpora = m2pg::test::corpora;
namespace mm = m2pg::test::mattermost;

m2pg::test::ToolResult m2pg_tool(const std::vector<std::string>& args) { return m2pg::test::run_tool("m2pg", args); }

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
    args.insert(args.end(), more.begin(), more.end());
    return args;
}

// How copy names the row: "Id=abc" or "(ChannelId, UserId)=(a, b)"; the value part is enough.
std::string named_key(const mm::Planted& p) { return "=" + p.key; }

// The kinds copy refuses before the first row, and what the admin sets instead (a value the
// target column takes), per column.
const std::set<std::string> kRefusedUpFront = {"null_into_not_null", "invalid_enum", "enum_empty_string",
                                               "boolean_out_of_range", "integer_out_of_range"};
const std::map<std::string, std::string> kFixes = {
    {"PropertyFields.CreateAt", "0"},
    {"PropertyFields.UpdateAt", "0"},
    {"PropertyFields.DeleteAt", "0"},
    {"PropertyValues.Value", "'{}'"},
    {"OutgoingOAuthConnections.GrantType", "'client_credentials'"},
    {"UploadSessions.Type", "'attachment'"},
    {"ChannelMembers.SchemeUser", "1"},
    {"TeamMembers.SchemeAdmin", "0"},
    {"ChannelBookmarks.SortOrder", "2147483647"},  // integer's largest: the boundary itself fits
};

// The kinds Postgres (or copy's array encoder) refuses at COPY, naming the row.
const std::set<std::string> kRefusedAtCopy = {"too_long", "array_element_too_long"};

}  // namespace

TEST_CASE("copy into the real Mattermost Postgres schema names every value it refuses by its row, then, fixed, "
          "copies the core exactly: arrays, enums, booleans, narrowed integers, and verify says OK" *
          doctest::skip(corpora::skip_corpora())) {
    m2pg::test::Scratch db;
    const auto corpus = mm::corpus(M2PG_CORPORA_DIR);
    mm::build_schemas(db, corpus, M2PG_TOOLS_DIR "/m2pg");
    m2pg::test::MysqlSession session(db.mysql.dsn());
    const auto seeded = mm::seed(session, mm::SeedOptions{200, 11, true, false});
    // What m2pg check --fix-artifacts removes (the profile lists them); and the surrogate
    // bytes, which copy refuses by default (--invalid-utf8 replace would change the row).
    session.run("ALTER TABLE Threads DROP COLUMN TeamId");
    session.run("ALTER TABLE SharedChannelRemotes DROP COLUMN Description, DROP COLUMN NextSyncAt");
    for (const auto& p : seeded.planted)
        if (p.kind == "invalid_utf8")
            session.run("UPDATE `" + p.table + "` SET `" + p.column + "` = CONVERT(REPLACE(CAST(`" + p.column +
                        "` AS BINARY), x'EDA0BD', x'F09F9880') USING utf8mb4) WHERE " + mm::where_key(session, p));
    const std::vector<std::string> servers = {"--mysql", db.mysql.dsn_text(), "--postgres", db.pg.dsn_text(),
                                              "--profile", "mattermost"};

    // 1. Before the first row: every planted NULL, enum, boolean and integer problem, by its key.
    const auto planned = m2pg_tool(with({"copy", "--dry-run", "--yes"}, servers));
    INFO(planned.out << planned.err);
    CHECK(planned.exit_code == 5);
    CHECK(corpora::contains(planned.err, "nothing was copied"));
    std::size_t up_front = 0;
    for (const auto& p : seeded.planted) {
        if (!p.problem || !kRefusedUpFront.count(p.kind)) continue;
        CAPTURE(p.table + "." + p.column + " " + p.kind);
        ++up_front;
        const std::string line_start = p.table + "." + p.column + ": ";
        const auto at = planned.err.find(line_start);
        REQUIRE(at != std::string::npos);
        const auto line = planned.err.substr(at, planned.err.find('\n', at) - at);
        CHECK(corpora::contains(line, named_key(p)));
        REQUIRE(kFixes.count(p.table + "." + p.column));
        session.run("UPDATE `" + p.table + "` SET `" + p.column + "` = " + kFixes.at(p.table + "." + p.column) +
                    " WHERE " + mm::where_key(session, p));
    }
    CHECK(up_front == kFixes.size());
    CHECK(db.pg.scalar("SELECT COUNT(*) FROM posts") == "0");

    // 2. At COPY: text longer than the app's varchar(n), a 36-character id in varchar(26)[].
    //    Those tables fail, naming the row; the others are copied.
    const auto first = m2pg_tool(with({"copy", "--yes"}, servers));
    INFO(first.out << first.err);
    CHECK(first.exit_code == 5);
    std::set<std::string> failed_tables;
    for (const auto& p : seeded.planted) {
        if (!p.problem || !kRefusedAtCopy.count(p.kind)) continue;
        CAPTURE(p.table + "." + p.column + " " + p.kind);
        failed_tables.insert(p.table);
        CAPTURE(p.key);
        CHECK(corpora::contains(first.out + first.err, named_key(p)));
    }
    CHECK(failed_tables == std::set<std::string>{"FileInfo", "OAuthApps", "Posts", "RetentionIdsForDeletion", "Sessions"});
    CHECK(corpora::contains(first.out + first.err,
                            "element 2 of the JSON array has 36 characters, more than the 26 an element of character "
                            "varying(26)[] holds"));
    CHECK(db.pg.scalar("SELECT COUNT(*) FROM channelmembers") == session.scalar("SELECT COUNT(*) FROM ChannelMembers"));
    CHECK(db.pg.scalar("SELECT COUNT(*) FROM posts") == "0");

    // 3. The admin shortens those values (characters, as Postgres counts them) and resumes.
    for (const auto& p : seeded.planted) {
        if (!p.problem || !kRefusedAtCopy.count(p.kind)) continue;
        const std::string fix = p.kind == "too_long" ? "LEFT(`" + p.column + "`, " + std::to_string(p.limit) + ")"
                                                     : "JSON_REMOVE(`" + p.column + "`, '$[1]')";
        session.run("UPDATE `" + p.table + "` SET `" + p.column + "` = " + fix + " WHERE " + mm::where_key(session, p));
    }
    const auto resumed = m2pg_tool(with({"copy", "--yes", "--resume"}, servers));
    INFO(resumed.out << resumed.err);
    REQUIRE(resumed.exit_code == 0);
    CHECK(corpora::contains(resumed.out, "Posts.Message: 1 NUL bytes stripped"));
    CHECK(corpora::contains(resumed.out, "\\u0000 escapes removed"));

    // 4. The app's indexes back (copy set them aside), then verify compares every row.
    const auto index = m2pg_tool({"index", db.pg.dsn_text(), "--profile", "mattermost"});
    INFO(index.out << index.err);
    CHECK(index.exit_code == 0);
    const auto verify = m2pg_tool(with({"verify"}, servers));
    INFO(verify.out << verify.err);
    CHECK(verify.exit_code == 0);
    CHECK(corpora::contains(verify.out, "verify: OK"));

    // The pairs the real schema needs, as the app will read them.
    auto planted_key = [&](const std::string& kind) {
        for (const auto& p : seeded.planted)
            if (p.kind == kind) return p.key;
        FAIL("no planted " << kind);
        return std::string();
    };
    CHECK(db.pg.scalar("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = "
                       "'retentionidsfordeletion'::regclass AND attname = 'ids'") == "character varying(26)[]");
    CHECK(db.pg.scalar("SELECT cardinality(ids) FROM retentionidsfordeletion WHERE id = '" +
                       planted_key("array_element_too_long") + "'") == "1");
    CHECK(db.pg.scalar("SELECT granttype::text FROM outgoingoauthconnections WHERE id = '" +
                       planted_key("invalid_enum") + "'") == "client_credentials");
    CHECK(db.pg.scalar("SELECT sortorder FROM channelbookmarks WHERE id = '" + planted_key("integer_out_of_range") +
                       "'") == "2147483647");
    CHECK(db.pg.scalar("SELECT count(*) FROM channels") == session.scalar("SELECT COUNT(*) FROM Channels"));
    CHECK(db.pg.scalar("SELECT count(DISTINCT type) > 1 FROM channels") == "t");
}

TEST_CASE("Boards from the real Mattermost MySQL tables: the '' its JSON-in-TEXT columns hold becomes {} as the "
          "profile says, counted, and verify agrees" *
          doctest::skip(corpora::skip_corpora())) {
    m2pg::test::Scratch db;
    const auto corpus = mm::corpus(M2PG_CORPORA_DIR);
    m2pg::test::MysqlSession session(db.mysql.dsn());
    mm::build_mysql_schema(session, corpus);
    const auto seeded = mm::seed(session, mm::SeedOptions{60, 13, true, true});
    std::size_t empty_json = 0;
    for (const auto& p : seeded.planted) empty_json += p.kind == "empty_string_json";
    REQUIRE(empty_json > 0);
    const std::vector<std::string> servers = {"--mysql", db.mysql.dsn_text(), "--postgres", db.pg.dsn_text(),
                                              "--profile", "mattermost", "--plugin", "boards"};

    const auto copy = m2pg_tool(with({"copy", "--yes", "--create-tables"}, servers));
    INFO(copy.out << copy.err);
    REQUIRE(copy.exit_code == 0);
    for (const auto& p : seeded.planted) {
        if (p.kind != "empty_string_json") continue;
        CAPTURE(p.table + "." + p.column);
        CHECK(corpora::contains(copy.out, p.table + "." + p.column + ": 1 empty strings -> {}"));
        CHECK(db.pg.scalar("SELECT \"" + p.column + "\"::text FROM \"" + p.table + "\" WHERE id = '" + p.key + "'") == "{}");
    }
    const auto index = m2pg_tool({"index", db.pg.dsn_text(), "--profile", "mattermost", "--plugin", "boards",
                                  "--from-mysql", db.mysql.dsn_text(), "--create-indexes"});
    INFO(index.out << index.err);
    CHECK(index.exit_code == 0);
    const auto verify = m2pg_tool(with({"verify"}, servers));
    INFO(verify.out << verify.err);
    CHECK(verify.exit_code == 0);
}
