#include <doctest/doctest.h>

#include <string>

#include "target/postgres/identifier.hpp"
#include "util/error.hpp"

using m2pg::target::postgres::fit_identifier;
using m2pg::target::postgres::IdentifierCase;
using m2pg::target::postgres::is_quoted_keyword;
using m2pg::target::postgres::quote_ident;
using m2pg::target::postgres::quote_literal;
using m2pg::target::postgres::require_identifier_fits;
using m2pg::target::postgres::short_hash;
using m2pg::target::postgres::target_name;

TEST_CASE("plain lower-case names are not quoted") {
    CHECK(quote_ident("posts") == "posts");
    CHECK(quote_ident("_tmp1") == "_tmp1");
    CHECK(quote_ident("channel_members2") == "channel_members2");
}

TEST_CASE("reserved and other non-unreserved PostgreSQL 15 keywords are quoted") {
    for (const char* word : {"user", "order", "group", "select", "table", "from", "where", "limit",
                             "offset", "default", "check", "column", "primary", "left", "join",
                             "authorization", "time", "timestamp", "int", "values", "end"}) {
        INFO(word);
        CHECK(is_quoted_keyword(word));
        CHECK(quote_ident(word) == std::string("\"") + word + "\"");
    }
    // Unreserved keywords read back unchanged, as Postgres' own quote_ident() leaves them.
    for (const char* word : {"name", "type", "key", "data", "comment", "position_x", "text"}) {
        INFO(word);
        CHECK_FALSE(is_quoted_keyword(word));
        CHECK(quote_ident(word) == word);
    }
}

TEST_CASE("mixed case, leading digits, spaces and symbols are quoted") {
    CHECK(quote_ident("Posts") == "\"Posts\"");
    CHECK(quote_ident("1st") == "\"1st\"");
    CHECK(quote_ident("a b") == "\"a b\"");
    CHECK(quote_ident("a-b") == "\"a-b\"");
    CHECK(quote_ident("a$b") == "\"a$b\"");
}

TEST_CASE("embedded double quotes are doubled") {
    CHECK(quote_ident("we\"ird") == "\"we\"\"ird\"");
    CHECK(quote_ident("\"") == "\"\"\"\"");
}

TEST_CASE("unicode names are kept, in quotes") {
    CHECK(quote_ident("ünïcödé") == "\"ünïcödé\"");
    CHECK(quote_ident("表") == "\"表\"");
}

TEST_CASE("empty names and NUL bytes are rejected") {
    CHECK_THROWS_AS(quote_ident(""), m2pg::ConvertError);
    CHECK_THROWS_AS(quote_ident(std::string("a\0b", 3)), m2pg::ConvertError);
}

TEST_CASE("target_name lower-cases by default and preserves on request") {
    CHECK(target_name("Posts", IdentifierCase::Lower) == "posts");
    CHECK(target_name("ChannelMemberHistory", IdentifierCase::Lower) == "channelmemberhistory");
    CHECK(target_name("Ünïcödé", IdentifierCase::Lower) == "ünïcödé");
    CHECK(target_name("ÀÉÎ_Ω", IdentifierCase::Lower) == "àéî_ω");
    CHECK(target_name("Posts", IdentifierCase::Preserve) == "Posts");
    CHECK(quote_ident(target_name("Posts", IdentifierCase::Preserve)) == "\"Posts\"");
}

TEST_CASE("string literals double single quotes and keep backslashes") {
    CHECK(quote_literal("abc") == "'abc'");
    CHECK(quote_literal("it's") == "'it''s'");
    CHECK(quote_literal("a\\b") == "'a\\b'");
    CHECK(quote_literal("") == "''");
    CHECK(quote_literal("ü😀\n") == "'ü😀\n'");
    CHECK_THROWS_AS(quote_literal(std::string("a\0b", 3)), m2pg::ConvertError);
}

TEST_CASE("table and column names over 63 bytes are an error") {
    std::string ok(63, 'a');
    CHECK_NOTHROW(require_identifier_fits(ok, "table"));
    CHECK_THROWS_WITH_AS(require_identifier_fits(ok + "b", "table"),
                         doctest::Contains("64 bytes"), m2pg::ConvertError);
    // 32 two-byte characters: within MySQL's 64-character limit, over Postgres' 63 bytes.
    std::string umlauts;
    for (int i = 0; i < 32; ++i) umlauts += "ü";
    CHECK_THROWS_AS(require_identifier_fits(umlauts, "column"), m2pg::ConvertError);
}

TEST_CASE("made-up names over 63 bytes are cut with a hash suffix") {
    std::string ok(63, 'x');
    CHECK(fit_identifier(ok) == ok);

    std::string long_a = std::string(70, 'i') + "_a";
    std::string long_b = std::string(70, 'i') + "_b";
    std::string a = fit_identifier(long_a);
    CHECK(a.size() == 63);
    CHECK(a == std::string(54, 'i') + "_" + short_hash(long_a));
    CHECK(a != fit_identifier(long_b));
    CHECK(a == fit_identifier(long_a));  // deterministic
}

TEST_CASE("cutting a long name never splits a UTF-8 character") {
    std::string name = "i";
    for (int i = 0; i < 40; ++i) name += "ü";  // 81 bytes, "ü" starts at odd offsets
    std::string fitted = fit_identifier(name);
    CHECK(fitted.size() <= 63);
    CHECK(fitted == "i" + std::string(name.substr(1, 52)) + "_" + short_hash(name));
}

TEST_CASE("short_hash is FNV-1a 32-bit in hex") {
    CHECK(short_hash("") == "811c9dc5");
    CHECK(short_hash("a") == "e40c292c");
}
