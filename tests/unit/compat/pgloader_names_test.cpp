#include <doctest/doctest.h>

#include <string>

#include "compat/pgloader_names.hpp"

using namespace m2pg::compat;

TEST_CASE("CAST names are bare when pgloader reads them bare, else quoted with the quote they do not hold") {
    CHECK(cast_name("Posts") == "Posts");
    CHECK(cast_name("total$-amount%") == "total$-amount%");
    CHECK(cast_name("Odd Tab-le") == "\"Odd Tab-le\"");
    CHECK(cast_name("9lives") == "\"9lives\"");
    CHECK(cast_name("we'ird col") == "\"we'ird col\"");
    CHECK(cast_name("dq\"col") == "'dq\"col'");
    // pgloader's quoted names have no escape: a name with both quotes cannot be written.
    CHECK_FALSE(cast_name("both'\"quotes").has_value());
    CHECK_FALSE(cast_name("").has_value());
}

TEST_CASE("CAST target types are bare words or double-quoted") {
    CHECK(cast_type("jsonb") == "jsonb");
    CHECK(cast_type("numeric(20)") == "\"numeric(20)\"");
    CHECK(cast_type("double precision") == "\"double precision\"");
    CHECK(cast_type("text[]") == "\"text[]\"");
    CHECK_FALSE(cast_type("my\"type").has_value());
}

TEST_CASE("excluded table names are literal strings, or anchored regular expressions when they hold a quote") {
    CHECK(table_pattern("schema_migrations") == "'schema_migrations'");
    CHECK(table_pattern("skip'me") == "~/^skip\\'me$/");
    // The delimiter is one the name does not contain; punctuation is escaped for cl-ppcre.
    CHECK(table_pattern("a/b'c.d") == "~|^a\\/b\\'c\\.d$|");
    CHECK(table_pattern("ü'x") == "~/^ü\\'x$/");
    CHECK_FALSE(table_pattern("'/|#>])}\"").has_value());
}

TEST_CASE("URL user names double @ and : and must start the way pgloader's grammar wants") {
    CHECK(url_user("m2pg") == "m2pg");
    CHECK(url_user("app.user-1") == "app.user-1");
    CHECK(url_user("pgl.u@x:y") == "pgl.u@@x::y");
    CHECK(url_user("_svc$") == "_svc$");
    CHECK_FALSE(url_user("9user").has_value());
    CHECK_FALSE(url_user("with space").has_value());
    CHECK_FALSE(url_user("a/b").has_value());
    CHECK_FALSE(url_user("").has_value());
}

TEST_CASE("URL database names are bare or single-quoted, never percent-encoded (pgloader 3.6 does not decode)") {
    CHECK(url_database("chat") == "chat");
    CHECK(url_database("pgl-ex$p") == "pgl-ex$p");
    CHECK(url_database("my db") == "'my db'");
    CHECK(url_database("café") == "'café'");
    CHECK(url_database("50%off") == "'50%off'");
    CHECK_FALSE(url_database("it's").has_value());
}

TEST_CASE("URL hosts are IPv4 addresses or names whose labels begin with a letter") {
    CHECK(url_host("127.0.0.1") == "127.0.0.1");
    CHECK(url_host("db-1.example.com") == "db-1.example.com");
    CHECK(url_host("localhost") == "localhost");
    CHECK_FALSE(url_host("::1").has_value());
    CHECK_FALSE(url_host("1db.example.com").has_value());
    CHECK_FALSE(url_host("db..example").has_value());
    CHECK(url_socket("/run/mysqld/mysqld.sock") == "/run/mysqld/mysqld.sock");
    CHECK_FALSE(url_socket("/tmp/my socket").has_value());
    CHECK_FALSE(url_socket("/tmp/a:b").has_value());
}

TEST_CASE("text with {{ gets a mustache set-delimiter line, because pgloader renders the file as a template") {
    CHECK(protect_from_mustache("LOAD DATABASE ...") == "LOAD DATABASE ...");
    const std::string protected_text = protect_from_mustache("column t.\"{{X}}\" to jsonb");
    CHECK(protected_text == "{{=<m2pg| |m2pg>=}}\ncolumn t.\"{{X}}\" to jsonb");
    // Delimiters that occur in the text are not used.
    CHECK(protect_from_mustache("{{ <m2pg| }}").rfind("{{=<m2pg1| |m2pg1>=}}\n", 0) == 0);
}

