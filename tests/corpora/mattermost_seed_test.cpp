// The Mattermost seeder on the real schema: what it writes looks like the app's data, it is
// deterministic for a seed, and every problem its manifest lists is really in MySQL.
#include <doctest/doctest.h>

#include <map>
#include <set>

#include "corpora/corpus_loader.hpp"
#include "support/mattermost_schema.hpp"
#include "support/mattermost_seed.hpp"

namespace {

namespace corpora = m2pg::test::corpora;
namespace mm = m2pg::test::mattermost;
using m2pg::test::MysqlScratch;
using m2pg::test::MysqlSession;

void build(MysqlScratch& db) {
    MysqlSession session(db.dsn());
    mm::build_mysql_schema(session, mm::corpus(M2PG_CORPORA_DIR));
}

mm::SeedResult seed(MysqlScratch& db, std::uint64_t posts, std::uint64_t seed_value = 1) {
    MysqlSession session(db.dsn());
    return mm::seed(session, mm::SeedOptions{posts, seed_value, true, true});
}

// `Column = 'value'` for each key column of the table's primary key (or, without one, its
// first unique index), from a key as m2pg check prints it: "v" or "(v1, v2)".
std::string where_key(const MysqlScratch& db, const std::string& table, const std::string& key) {
    const auto columns = db.query(
        "SELECT column_name FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = '" +
        table + "' AND non_unique = 0 AND index_name = (SELECT index_name FROM information_schema.statistics "
        "WHERE table_schema = DATABASE() AND table_name = '" + table + "' AND non_unique = 0 "
        "ORDER BY index_name = 'PRIMARY' DESC, index_name LIMIT 1) ORDER BY seq_in_index");
    std::vector<std::string> values;
    if (key.size() > 1 && key.front() == '(' && key.back() == ')') {
        std::string rest = key.substr(1, key.size() - 2);
        for (std::size_t at; (at = rest.find(", ")) != std::string::npos; rest = rest.substr(at + 2))
            values.push_back(rest.substr(0, at));
        values.push_back(rest);
    } else {
        values.push_back(key);
    }
    REQUIRE(values.size() == columns.size());
    std::string where;
    for (std::size_t i = 0; i < values.size(); ++i)
        where += (i ? " AND `" : "`") + *columns[i][0] + "` = '" + corpora::replace_all(values[i], "'", "''") + "'";
    return where;
}

// Whether MySQL holds what the manifest says, asked the way each kind can be seen there.
bool holds(const MysqlScratch& db, const mm::Planted& p) {
    if (p.kind == "artifact_table")
        return db.scalar("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND "
                         "table_name = '" + p.table + "'") == "1";
    if (p.kind == "artifact_column")
        return db.scalar("SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = DATABASE() AND "
                         "table_name = '" + p.table + "' AND column_name = '" + p.column + "'") == "1";
    const std::string c = "`" + p.column + "`";
    const std::string n = std::to_string(p.limit);
    static const std::map<std::string, std::string> kTests = {
        {"nul_byte", "INSTR(CAST(@c AS BINARY), X'00') > 0"},
        // an odd run of backslashes before u0000 is the JSON escape; an even run is not
        {"json_nul_escape", "@c REGEXP '(^|[^\\\\\\\\])(\\\\\\\\\\\\\\\\)*\\\\\\\\u0000'"},
        {"ok_escaped_backslash", "@c LIKE '%\\\\\\\\\\\\\\\\u0000%' AND NOT @c REGEXP '(^|[^\\\\\\\\])(\\\\\\\\\\\\\\\\)*\\\\\\\\u0000'"},
        {"invalid_utf8", "HEX(@c) LIKE '%EDA0BD%'"},
        {"too_long", "CHAR_LENGTH(@c) > @n"},
        {"ok_fits_in_characters", "CHAR_LENGTH(@c) <= @n AND LENGTH(@c) > @n"},
        {"null_into_not_null", "@c IS NULL"},
        {"invalid_enum", "@c NOT IN ('client_credentials', 'password')"},
        {"enum_empty_string", "@c = ''"},
        {"boolean_out_of_range", "@c NOT IN (0, 1)"},
        {"integer_out_of_range", "@c NOT BETWEEN -2147483648 AND 2147483647"},
        {"array_element_too_long",
         "(SELECT MAX(CHAR_LENGTH(j.v)) FROM JSON_TABLE(@c, '$[*]' COLUMNS (v text PATH '$')) j) > @n"},
        {"empty_string_json", "@c = ''"},
    };
    auto test = kTests.find(p.kind);
    REQUIRE_MESSAGE(test != kTests.end(), "no test for kind " << p.kind);
    const std::string condition = corpora::replace_all(corpora::replace_all(test->second, "@c", c), "@n", n);
    return db.scalar("SELECT COUNT(*) FROM `" + p.table + "` WHERE " + where_key(db, p.table, p.key) + " AND " +
                     condition) == "1";
}

std::map<std::string, std::string> checksums(const MysqlScratch& db) {
    std::map<std::string, std::string> out;
    std::string tables;
    for (const auto& row : db.query("SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()"))
        tables += (tables.empty() ? "`" : ", `") + *row[0] + "`";
    for (const auto& row : db.query("CHECKSUM TABLE " + tables)) {
        const std::string name = *row[0];
        out[name.substr(name.find('.') + 1)] = row[1].value_or("NULL");
    }
    return out;
}

}  // namespace

TEST_CASE("the Mattermost seeder fills the real schema with data the app writes and plants every problem it lists" *
          doctest::skip(corpora::skip_corpora())) {
    MysqlScratch db;
    build(db);
    const auto result = seed(db, 300);

    // Every table holds rows, the plugins' included (71 app tables, Calls, Boards, Playbooks).
    std::set<std::string> empty;
    for (const auto& row : db.query("SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()"))
        if (db.scalar("SELECT COUNT(*) FROM `" + *row[0] + "`") == "0") empty.insert(*row[0]);
    CHECK(corpora::join(empty) == "");
    CHECK(db.scalar("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND "
                    "(table_name LIKE 'focalboard\\_%' OR table_name LIKE 'IR\\_%')") == "33");
    CHECK(db.scalar("SELECT COUNT(*) FROM Posts") == "300");
    std::map<std::string, std::uint64_t> written(result.rows.begin(), result.rows.end());
    CHECK(written["Posts"] == 300);
    CHECK(std::to_string(written["ChannelMembers"]) == db.scalar("SELECT COUNT(*) FROM ChannelMembers"));

    // What the app writes: NewId's 26 base32 characters, channel types, JSON props, threads.
    for (const auto& [table, column] : std::vector<std::pair<std::string, std::string>>{
             {"Users", "Id"}, {"Posts", "Id"}, {"Channels", "Id"}, {"Teams", "Id"}, {"FileInfo", "Id"}}) {
        CAPTURE(table);
        CHECK(db.scalar("SELECT COUNT(*) FROM " + table + " WHERE " + column +
                        " NOT REGEXP '^[ybndrfg8ejkmcpqxot1uwisza345h769]{26}$'") == "0");
    }
    CHECK(corpora::join(std::set<std::string>{"D", "G", "O", "P"}) ==
          db.scalar("SELECT GROUP_CONCAT(DISTINCT Type ORDER BY CAST(Type AS CHAR) SEPARATOR ', ') FROM Channels"));
    CHECK(db.scalar("SELECT COUNT(*) FROM Posts WHERE RootId <> ''") != "0");
    CHECK(db.scalar("SELECT COUNT(*) FROM Threads t JOIN Posts p ON p.Id = t.PostId WHERE p.RootId = ''") ==
          db.scalar("SELECT COUNT(*) FROM Threads"));
    CHECK(db.scalar("SELECT COUNT(*) FROM Users WHERE JSON_VALID(NotifyProps) AND JSON_VALID(Props)") ==
          db.scalar("SELECT COUNT(*) FROM Users"));
    CHECK(db.scalar("SELECT COUNT(*) FROM Systems WHERE Name IN ('DiagnosticId', 'AdvancedPermissionsMigrationComplete', "
                    "'CRTThreadCountsAndUnreadsMigrationComplete')") == "3");
    // Text in many scripts, 4-byte emoji and ZWJ sequences.
    for (const std::string script : {"Cyrillic", "Han", "Arabic", "Hebrew", "Hangul", "Devanagari"}) {
        CAPTURE(script);
        CHECK(db.scalar("SELECT COUNT(*) FROM Posts WHERE Message REGEXP '\\\\p{" + script + "}'") != "0");
    }
    CHECK(db.scalar("SELECT COUNT(*) FROM Posts WHERE HEX(Message) REGEXP '^(..)*F09F'") != "0");
    CHECK(db.scalar("SELECT COUNT(*) FROM Posts WHERE INSTR(Message, _utf8mb4 X'E2808D') > 0") != "0");

    // Every kind of problem the issue names is planted, and each entry holds in MySQL.
    std::set<std::string> kinds;
    for (const auto& p : result.planted) {
        kinds.insert(p.kind);
        CAPTURE(p.table);
        CAPTURE(p.column);
        CAPTURE(p.key);
        CAPTURE(p.kind);
        CHECK(holds(db, p));
    }
    CHECK(corpora::join(kinds) ==
          "array_element_too_long, artifact_column, artifact_table, boolean_out_of_range, empty_string_json, "
          "enum_empty_string, integer_out_of_range, invalid_enum, invalid_utf8, json_nul_escape, nul_byte, "
          "null_into_not_null, ok_escaped_backslash, ok_fits_in_characters, too_long");
    const auto json = mm::manifest_json(mm::SeedOptions{300, 1, true, true}, result);
    CHECK(corpora::contains(json, "\"kind\": \"nul_byte\""));
}

TEST_CASE("the Mattermost seeder writes the same rows for the same seed and other rows for another seed" *
          doctest::skip(corpora::skip_corpora())) {
    MysqlScratch first, second, other;
    build(first);
    {
        MysqlSession session(first.dsn());
        mm::clone_mysql_database(session, first.name(), second.name());
        mm::clone_mysql_database(session, first.name(), other.name());
    }
    CHECK(checksums(second) == checksums(first));  // the clone is exact

    const auto a = seed(first, 120, 7);
    const auto b = seed(second, 120, 7);
    const auto c = seed(other, 120, 8);
    CHECK(mm::manifest_json({120, 7, true, true}, a) == mm::manifest_json({120, 7, true, true}, b));
    const auto sums = checksums(first);
    CHECK(checksums(second) == sums);
    const auto other_sums = checksums(other);
    CHECK(other_sums.at("Posts") != sums.at("Posts"));
    CHECK(other_sums.at("focalboard_blocks") != sums.at("focalboard_blocks"));
}
