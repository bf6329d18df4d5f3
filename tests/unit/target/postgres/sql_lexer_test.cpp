#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "target/postgres/sql_lexer.hpp"

using m2pg::target::postgres::lex_sql;
using m2pg::target::postgres::SqlToken;
using m2pg::target::postgres::SqlTokenKind;

namespace {

std::vector<std::string> texts(const std::vector<SqlToken>& tokens) {
    std::vector<std::string> out;
    for (const auto& t : tokens) out.push_back(t.text);
    return out;
}

std::vector<std::string> texts(std::string_view sql) { return texts(lex_sql(sql)); }

}  // namespace

TEST_CASE("words fold to lower case, quoted names keep case and undo doubled quotes") {
    const auto t = lex_sql(R"(CREATE TABLE "Odd ""Name""" (Id int, "ID" text, a$b int, été int))");
    REQUIRE(t.size() == 16);
    CHECK(t[0].kind == SqlTokenKind::Word);
    CHECK(t[0].text == "create");
    CHECK(t[2].kind == SqlTokenKind::QuotedName);
    CHECK(t[2].text == "Odd \"Name\"");
    CHECK(t[4].text == "id");
    CHECK(t[7].kind == SqlTokenKind::QuotedName);
    CHECK(t[7].text == "ID");
    CHECK(t[10].text == "a$b");  // $ inside a name does not open a dollar quote
    CHECK(t[13].text == "été");  // non-ASCII letters are name characters, left as they are
}

TEST_CASE("every token knows where it is in the text") {
    const std::string sql = "SELECT  'it''s' , \"x\"\n-- c\nFROM t;";
    const auto t = lex_sql(sql);
    REQUIRE(t.size() == 7);
    for (const auto& token : t) CHECK(sql.substr(token.offset, token.length).size() == token.length);
    CHECK(t[1].offset == 8);
    CHECK(sql.substr(t[1].offset, t[1].length) == "'it''s'");
    CHECK(t[1].text == "it's");
    CHECK(sql.substr(t[3].offset, t[3].length) == "\"x\"");
    CHECK(sql.substr(t[4].offset, t[4].length) == "FROM");
    CHECK(t[6].text == ";");
    CHECK(t[6].end() == sql.size());
}

TEST_CASE("comments are skipped, block comments nest, and comment starts inside strings are text") {
    CHECK(texts("a -- b ; c\nd") == std::vector<std::string>{"a", "d"});
    CHECK(texts("a /* x /* y */ still comment; */ b") == std::vector<std::string>{"a", "b"});
    CHECK(texts("'-- no' \"/* no */\" $$ -- no $$") == std::vector<std::string>{"-- no", "/* no */", " -- no "});
    CHECK(texts("a /* never closed ; b").size() == 1);
    CHECK(texts("a-- comment right after a word") == std::vector<std::string>{"a"});
    CHECK(texts("1--2") == std::vector<std::string>{"1"});
}

TEST_CASE("standard strings keep backslashes; E strings undo escapes") {
    const auto t = lex_sql(R"('a\n' E'a\n\t\\\'' e'\x41\101\u00e9\U0001F600\q' E'\uD83D\uDE00')");
    REQUIRE(t.size() == 4);
    CHECK(t[0].text == "a\\n");
    CHECK(t[1].text == "a\n\t\\'");
    CHECK(t[2].text == "AAé😀q");
    CHECK(t[3].text == "😀");  // a surrogate pair joins into one character
    for (const auto& s : t) CHECK(s.kind == SqlTokenKind::String);
}

TEST_CASE("an E right after a name is part of the name, not a string prefix") {
    // "typE'x'" is the name type then a string; only a lone E (or e) opens an E string.
    const auto t = lex_sql(R"(typE'x\')");
    REQUIRE(t.size() == 2);
    CHECK(t[0].text == "type");
    CHECK(t[1].kind == SqlTokenKind::String);
    CHECK(t[1].text == "x\\");
}

TEST_CASE("string literals separated by a newline are one string, on one line they are two tokens") {
    CHECK(texts("'ab'\n   'cd'") == std::vector<std::string>{"abcd"});
    CHECK(texts("'ab'  'cd'") == std::vector<std::string>{"ab", "cd"});
    const auto t = lex_sql("E'a\\n'\n'\\n'");
    REQUIRE(t.size() == 1);
    CHECK(t[0].text == "a\n\n");  // the continuation keeps the E string's escapes
}

TEST_CASE("prefixed strings: national, bit, hex and unicode") {
    const auto t = lex_sql("N'x' B'0101' X'1F' U&'d\\0061t' U&\"n\"");
    REQUIRE(t.size() == 5);
    CHECK(t[0].kind == SqlTokenKind::String);
    CHECK(t[0].text == "x");
    CHECK(t[1].kind == SqlTokenKind::BitString);
    CHECK(t[1].text == "0101");
    CHECK(t[2].kind == SqlTokenKind::BitString);
    CHECK(t[2].text == "1F");
    CHECK(t[3].kind == SqlTokenKind::String);
    CHECK(t[4].kind == SqlTokenKind::QuotedName);
    CHECK(t[4].text == "n");
}

TEST_CASE("dollar quotes: untagged, tagged, nested other tags, parameters and lone dollars") {
    const auto t = lex_sql("$$a;'b'$$ $fn$ x $$ y $$ $fn$ $1 $2x $_1$ z $_1$");
    REQUIRE(t.size() == 6);
    CHECK(t[0].kind == SqlTokenKind::String);
    CHECK(t[0].text == "a;'b'");
    CHECK(t[0].dollar_tag == "$$");
    CHECK(t[1].text == " x $$ y $$ ");
    CHECK(t[1].dollar_tag == "$fn$");
    CHECK(t[2].kind == SqlTokenKind::Parameter);
    CHECK(t[2].text == "$1");
    CHECK(t[3].kind == SqlTokenKind::Parameter);  // $2 then the name x
    CHECK(t[4].text == "x");
    CHECK(t[5].text == " z ");
    // A tag is case-sensitive: $A$ does not close $a$.
    const auto u = lex_sql("$a$ $A$ ; $a$;");
    REQUIRE(u.size() == 2);
    CHECK(u[0].text == " $A$ ; ");
    // A digit cannot start a tag: $1$ is a parameter and a lone dollar.
    CHECK(lex_sql("$1$")[1].text == "$");
}

TEST_CASE("numbers, typecasts, ranges and operators") {
    CHECK(texts("1 1.5 .5 1e10 1.5E-3 0x1F 1_000 1..2") ==
          std::vector<std::string>{"1", "1.5", ".5", "1e10", "1.5E-3", "0x1F", "1_000", "1", "..", "2"});
    CHECK(texts("a::text[] := => <= >= <> != ->> @>") ==
          std::vector<std::string>{"a", "::", "text", "[", "]", ":=", "=>", "<=", ">=", "<>", "!=", "->>", "@>"});
    // A trailing sign belongs to the number after it, unless the operator could not be SQL's own.
    CHECK(texts("x=-1") == std::vector<std::string>{"x", "=", "-", "1"});
    CHECK(texts("x@-1") == std::vector<std::string>{"x", "@-", "1"});
    CHECK(texts("a.b.c") == std::vector<std::string>{"a", ".", "b", ".", "c"});
    for (const auto& t : lex_sql("1 .5")) CHECK(t.kind == SqlTokenKind::Number);
}

TEST_CASE("unterminated strings, names and dollar quotes run to the end, marked") {
    auto t = lex_sql("SELECT 'abc; DROP");
    REQUIRE(t.size() == 2);
    CHECK(!t[1].terminated);
    CHECK(t[1].text == "abc; DROP");
    CHECK(t[1].end() == std::string("SELECT 'abc; DROP").size());
    t = lex_sql("\"never");
    REQUIRE(t.size() == 1);
    CHECK(!t[0].terminated);
    t = lex_sql("$x$ body; more");
    REQUIRE(t.size() == 1);
    CHECK(!t[0].terminated);
    t = lex_sql("E'ends in a backslash\\");
    REQUIRE(t.size() == 1);
    CHECK(!t[0].terminated);
    CHECK(lex_sql("'ok'")[0].terminated);
}

TEST_CASE("empty and blank text give no tokens") {
    CHECK(lex_sql("").empty());
    CHECK(lex_sql(" \t\r\n\f\v -- x\n/* y */").empty());
}
