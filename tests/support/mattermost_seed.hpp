#pragma once
// Fills the real Mattermost MySQL schema (built by mattermost_schema) with rows the app itself
// would write — 26-character ids, JSON Props and NotifyProps, channel types O/P/D/G, booleans
// 0/1, epoch-millisecond times, chat text in many scripts with emoji, threads, reactions,
// files, preferences, sessions, the Systems rows of a real install, the Calls, Boards and
// Playbooks plugins' tables — plus the real-world problems of old installs, each planted in a
// realistic place and listed in a manifest the tests assert against. Deterministic for a seed.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "support/mysql_session.hpp"

namespace m2pg::test::mattermost {

struct SeedOptions {
    std::uint64_t posts = 300;  // every other table is sized from this
    std::uint64_t seed = 1;
    bool problems = true;  // plant the real-world problems (and the manifest's entries)
    bool plugins = true;   // Calls rows, and the Boards and Playbooks tables with rows
};

// One planted value (or artifact). `problem` is false for a decoy that a tool must NOT flag
// (a multi-byte value that fits the target's varchar(n) in characters though not in bytes,
// an escaped backslash before "u0000" that is not a NUL escape).
struct Planted {
    std::string table;   // MySQL spelling
    std::string column;  // empty for a table artifact
    std::string key;     // the row's primary key as m2pg check prints it ("id", "(a, b)"); empty for artifacts
    std::string kind;    // see kPlantedKinds in mattermost_problems.cpp
    bool problem = true;
    std::string detail;     // what is wrong, for messages
    std::size_t limit = 0;  // the target's n: varchar(n) for too_long and ok_fits_in_characters,
                            // the array element's varchar(n) for array_element_too_long
};

struct SeedResult {
    std::vector<Planted> planted;
    std::vector<std::pair<std::string, std::uint64_t>> rows;  // rows written per table, in order
};

// Seeds the database the session is connected to, which must hold the schema that
// build_mysql_schema made (and nothing else). Throws std::runtime_error naming the table.
SeedResult seed(MysqlSession& session, const SeedOptions& options);

// The WHERE clause that finds planted row `p` in the session's database: its primary key
// columns (read from MySQL) equal to the key as the manifest writes it ("id", or "(a, b)" for
// a composite key). Throws std::runtime_error when the key does not fit the table's key.
std::string where_key(MysqlSession& session, const Planted& p);

// The manifest as JSON: {"posts":N,"seed":S,"planted":[{"table","column","key","kind","problem","detail"}]}.
std::string manifest_json(const SeedOptions& options, const SeedResult& result);

}  // namespace m2pg::test::mattermost
