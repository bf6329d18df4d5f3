#include <doctest/doctest.h>

#include <map>
#include <optional>
#include <string>

#include "schema/check_clause.hpp"
#include "schema/check_literals.hpp"
#include "schema/check_tokens.hpp"

using namespace m2pg::schema;

namespace {

// A table as the DDL would create it: MySQL name → Postgres identifier, type, collation.
const std::map<std::string, CheckColumn> kColumns = {
    {"age", {"age", "integer", ""}},
    {"tiny", {"tiny", "smallint", ""}},
    {"big", {"big", "bigint", ""}},
    {"salary", {"salary", "numeric(10,2)", ""}},
    {"ratio", {"ratio", "double precision", ""}},
    {"code", {"code", "varchar(10)", "utf8mb4_bin"}},
    {"name", {"name", "varchar(50)", "utf8mb4_general_ci"}},
    {"Mixed", {"\"Mixed\"", "text", "latin1_general_cs"}},
    {"born", {"born", "date", ""}},
    {"seen", {"seen", "timestamp(6)", ""}},
    {"stamp", {"stamp", "timestamptz(0)", ""}},
    {"flag", {"flag", "boolean", ""}},
    {"doc", {"doc", "jsonb", "utf8mb4_bin"}},
    {"order", {"\"order\"", "integer", ""}},
};

std::optional<CheckColumn> lookup(std::string_view name) {
    auto it = kColumns.find(std::string(name));
    if (it == kColumns.end()) return std::nullopt;
    return it->second;
}

std::string translated(std::string_view clause) {
    CheckTranslation t = translate_check_clause(clause, lookup);
    INFO("problem: ", t.problem);
    REQUIRE(t.sql.has_value());
    CHECK(t.problem.empty());
    return *t.sql;
}

// The reason a clause is refused ("" if it was translated, which fails the caller's CHECK).
std::string refused(std::string_view clause) {
    CheckTranslation t = translate_check_clause(clause, lookup);
    INFO("translated as: ", t.sql.value_or(""));
    CHECK_FALSE(t.sql.has_value());
    return t.problem;
}

}  // namespace

TEST_CASE("the tokenizer splits names, words, numbers, strings and symbols") {
    CheckTokens t = tokenize_check_clause("`we``ird` <=> -1.5e3 AND Not 'it''s \\'q\\' a\\\\b \\% \\n' .5");
    REQUIRE(t.problem.empty());
    REQUIRE(t.tokens.size() == 8);
    CHECK(t.tokens[0].kind == CheckTokenKind::Column);
    CHECK(t.tokens[0].text == "we`ird");
    CHECK(t.tokens[1].text == "<=>");
    CHECK(t.tokens[2].text == "-");
    CHECK(t.tokens[3].kind == CheckTokenKind::Number);
    CHECK(t.tokens[3].text == "1.5e3");
    CHECK(t.tokens[4].kind == CheckTokenKind::Word);
    CHECK(t.tokens[4].text == "and");
    CHECK(t.tokens[5].text == "not");
    CHECK(t.tokens[6].kind == CheckTokenKind::String);
    CHECK(t.tokens[6].text == "it's 'q' a\\b \\% \n");
    CHECK(t.tokens[7].text == ".5");
}

TEST_CASE("the tokenizer refuses what it cannot read one way only") {
    CHECK(tokenize_check_clause("`a` = \"x\"").problem ==
          "double-quoted text (a string, or a name under ANSI_QUOTES)");
    CHECK(tokenize_check_clause("`a` > @x").problem == "a variable");
    CHECK(tokenize_check_clause("`a` > 1 -- c").problem == "a comment");
    CHECK(tokenize_check_clause("`a` > 1 /* c */").problem == "a comment");
    CHECK(tokenize_check_clause("`a` = 0x1F").problem == "the number or name '0x...'");
    CHECK(tokenize_check_clause("`a` = 'x").problem == "an unterminated string");
    CHECK(tokenize_check_clause("`a = 1").problem == "an unterminated `name`");
    CHECK(tokenize_check_clause("`a` = 'a\\0b'").problem == "a string holding a NUL byte");
    CHECK(tokenize_check_clause("`a` ~ 1").problem == "the character '~'");
    CHECK(tokenize_check_clause("`a` > 1 - -1").problem.empty());
}

TEST_CASE("pgloader's salary_check clauses translate as they read") {
    CHECK(translated("`salary` > 0") == "salary > 0");
    CHECK(translated("`age` between 18 and 99") == "age BETWEEN 18 AND 99");
}

TEST_CASE("comparisons, IN, IS NULL and logic keep their meaning and precedence") {
    CHECK(translated("`age` >= 0 and `age` <> 5 and `age` != 6") == "age >= 0 AND age <> 5 AND age <> 6");
    CHECK(translated("`age` < 1 or `age` > 2 and `big` <= 3") == "age < 1 OR age > 2 AND big <= 3");
    CHECK(translated("(`age` < 1 or `age` > 2) and `big` = 3") == "(age < 1 OR age > 2) AND big = 3");
    CHECK(translated("`age` in (1,2,3)") == "age IN (1, 2, 3)");
    CHECK(translated("`age` not in (1, NULL)") == "age NOT IN (1, NULL)");
    CHECK(translated("`age` not between 1 and 2") == "age NOT BETWEEN 1 AND 2");
    CHECK(translated("`age` is null or `age` is not null") == "age IS NULL OR age IS NOT NULL");
    // NOT binds looser than IS in Postgres, as ! does not in MySQL: no parentheses needed.
    CHECK(translated("!(`age` <=> NULL)") == "NOT age IS NOT DISTINCT FROM NULL");
    CHECK(translated("not `age` > 0") == "NOT age > 0");
    CHECK(translated("`age` > 0 && !(`big` < 0)") == "age > 0 AND NOT big < 0");
    CHECK(translated("`order` = TRUE") == "\"order\" = 1");
    CHECK(translated("age > 0") == "age > 0");  // a bare column name, as a user may type it
}

TEST_CASE("arithmetic widens Postgres integers that would overflow before MySQL's BIGINT") {
    // int4 + int8 is int8 in Postgres: one bigint operand is enough.
    CHECK(translated("`age` + `tiny` * 2 >= 1.5e3") == "age + tiny::bigint * 2 >= 1.5e3");
    CHECK(translated("`age` * `tiny` < 1000") == "age::bigint * tiny < 1000");
    CHECK(translated("2 * `age` < 1000") == "2 * age::bigint < 1000");
    CHECK(translated("`big` - `age` > 0") == "big - age > 0");
    CHECK(translated("-`age` < 5") == "-age::bigint < 5");
    CHECK(translated("`salary` * 2 > -1.5") == "salary * 2 > -1.5");
    CHECK(translated("`age` - (`tiny` - 1) > 0") == "age - (tiny::bigint - 1) > 0");
    CHECK(translated("`age` MOD 2 = 0 or `age` DIV 3 > 1") == "age % 2 = 0 OR age / 3 > 1");
    CHECK(translated("`age` % 2 = 1") == "age % 2 = 1");
    CHECK(translated("abs(`age`) < 10") == "abs(age::bigint) < 10");
    CHECK(translated("`age` > - -1") == "age > -(-1)");
}

TEST_CASE("text compares only under collations that are as strict as Postgres") {
    CHECK(translated("`code` in ('x','y\\'z','a\\\\b')") == "code IN ('x', 'y''z', 'a\\b')");
    CHECK(translated("`code` like 'A%' and char_length(`code`) > 2 or `code` is null") ==
          "code LIKE 'A%' AND char_length(code) > 2 OR code IS NULL");
    CHECK(translated("`code` not like '10\\%'") == "code NOT LIKE '10\\%'");
    CHECK(translated("lcase(`code`) = `code` and ucase(`Mixed`) <> 'X'") ==
          "lower(code) = code AND upper(\"Mixed\") <> 'X'");
    CHECK(translated("`code` regexp '^[a-z]+$' and `code` not rlike 'x{2,3}'") ==
          "code ~ '^[a-z]+$' AND code !~ 'x{2,3}'");
    CHECK(translated("coalesce(`code`,'') <> 'z'") == "COALESCE(code, '') <> 'z'");
    // Counting characters does not depend on the collation.
    CHECK(translated("character_length(`name`) between 1 and 50") == "char_length(name) BETWEEN 1 AND 50");
}

TEST_CASE("dates and datetimes compare with literals Postgres reads the same") {
    CHECK(translated("`born` > '2000-01-01'") == "born > '2000-01-01'");
    CHECK(translated("`seen` >= '2000-02-29 23:59:59.5' and `seen` > `born`") ==
          "seen >= '2000-02-29 23:59:59.5' AND seen > born");
    CHECK(translated("coalesce(`born`, '1999-12-31') < '2100-01-01'") ==
          "COALESCE(born, '1999-12-31') < '2100-01-01'");
}

TEST_CASE("a clause that may mean something else in Postgres is refused with the reason") {
    CHECK(refused("`name` in ('a','b')") ==
          "IN on text under the collation utf8mb4_general_ci, which ignores case (or accents, or trailing "
          "spaces) in MySQL and not in Postgres");
    CHECK(refused("`name` like 'A%'").find("LIKE on text under the collation utf8mb4_general_ci") == 0);
    CHECK(refused("json_valid(`code`)") == "the function json_valid()");
    CHECK(refused("`age` / 2 > 1") ==
          "division, which MySQL answers with NULL for a zero divisor and with a decimal for integers");
    CHECK(refused("`age` MOD `tiny` = 0") == "MOD by something other than a positive integer constant");
    CHECK(refused("`age` DIV 0 = 0") == "DIV by something other than a positive integer constant");
    CHECK(refused("`age` = '5'") == "= between an integer and text, which MySQL converts and Postgres rejects");
    CHECK(refused("`code` = 5") == "= between text and an integer, which MySQL converts and Postgres rejects");
    CHECK(refused("`age`") == "the clause is an integer, which MySQL reads as true or false and Postgres does not");
    CHECK(refused("`age` and `big` > 0") ==
          "AND applied to an integer, which MySQL reads as true or false and Postgres does not");
    CHECK(refused("`flag` = 1") == "`flag`, which becomes boolean in Postgres");
    CHECK(refused("`doc` is not null") == "`doc`, which becomes jsonb in Postgres");
    CHECK(refused("`stamp` > '2000-01-01'") == "`stamp`, which becomes timestamptz(0) in Postgres");
    CHECK(refused("`nope` > 0") == "`nope`, which is not a column of the table");
    CHECK(refused("`born` > '2001-02-29'") ==
          "> between a date and '2001-02-29', which Postgres does not read as a date");
    CHECK(refused("`born` > '2001-01-01 10:00:00'").find("which Postgres does not read as a date") !=
          std::string::npos);
    CHECK(refused("`born` > '0000-00-00'").find("'0000-00-00'") != std::string::npos);
    CHECK(refused("`code` regexp '\\\\d+'") == "REGEXP '\\d+', which Postgres' regular expressions may read differently");
    CHECK(refused("`code` regexp '(?i)abc'").find("REGEXP '(?i)abc'") == 0);
    CHECK(refused("`code` regexp `code`") == "REGEXP with a pattern that is not a string literal");
    CHECK(refused("`code` like 'a|%' escape '|'") == "LIKE ... ESCAPE");
    CHECK(refused("`age` > 0 || `big` > 0") == "'||', which is OR or concatenation depending on sql_mode");
    CHECK(refused("`age` > 0 xor `big` > 0") == "XOR");
    CHECK(refused("`age` = `big` = 1") ==
          "= between a condition and an integer, which MySQL converts and Postgres rejects");
    CHECK(refused("`age` is true") == "IS true");
    CHECK(refused("(`age`, `big`) > (1, 2)") == "a row constructor");
    CHECK(refused("'a' = 'a'") == "= on two string literals, compared under the connection's collation in MySQL");
    CHECK(refused("NULL = NULL") == "= between two NULLs");
    CHECK(refused("`age` > 0 and") == "a clause that ends too early");
    CHECK(refused("`age` > 0 )") == "')' where the clause should end");
    CHECK(refused("`age` in (select 1)") == "the word select, which is not a column of the table");
    CHECK(refused("_utf8mb4'a' = `code`") == "the character set introducer _utf8mb4");
    CHECK(refused("`code` = \"x\"") == "double-quoted text (a string, or a name under ANSI_QUOTES)");
    CHECK(refused("") == "an empty clause");
}

TEST_CASE("date literals pass only when they name a real day in plain form") {
    CHECK(is_plain_date("2000-02-29"));
    CHECK(is_plain_date("0001-01-01"));
    CHECK_FALSE(is_plain_date("1900-02-29"));  // not a leap year
    CHECK_FALSE(is_plain_date("2001-04-31"));
    CHECK_FALSE(is_plain_date("0000-00-00"));
    CHECK_FALSE(is_plain_date("2000-1-1"));
    CHECK_FALSE(is_plain_date("2000-01-01 00:00:00"));
    CHECK(is_plain_datetime("2000-01-01"));
    CHECK(is_plain_datetime("2000-01-01 23:59:59"));
    CHECK(is_plain_datetime("2000-01-01 23:59:59.123456"));
    CHECK_FALSE(is_plain_datetime("2000-01-01 24:00:00"));
    CHECK_FALSE(is_plain_datetime("2000-01-01 10:00:00."));
    CHECK_FALSE(is_plain_datetime("2000-01-01 10:00:00.1234567"));
    CHECK_FALSE(is_plain_datetime("2000-01-01T10:00:00"));
}

TEST_CASE("regular expressions pass only in the syntax PCRE and Postgres read alike") {
    CHECK(is_plain_regex("^[a-z0-9_]+$"));
    CHECK(is_plain_regex("^(ab|cd)*x{2}y{1,}z{0,255}\\.$"));
    CHECK(is_plain_regex("[[:alpha:]]+"));
    CHECK_FALSE(is_plain_regex("\\d+"));
    CHECK_FALSE(is_plain_regex("a\\"));
    CHECK_FALSE(is_plain_regex("x{,3}"));
    CHECK_FALSE(is_plain_regex("x{2,3,4}"));
    CHECK_FALSE(is_plain_regex("x{256}"));
    CHECK_FALSE(is_plain_regex("x{abc"));
    CHECK_FALSE(is_plain_regex("(?i)abc"));
    CHECK_FALSE(is_plain_regex("a\tb"));
}
