// The corpora support itself: a checkout without ../shared must fail loudly, and the dump
// filters must do exactly what the corpus tests rely on.
#include <doctest/doctest.h>

#include "corpora/blns_fixture.hpp"
#include "corpora/corpus_loader.hpp"

namespace corpora = m2pg::test::corpora;

TEST_CASE("a missing corpus file is an error naming its path and M2PG_TEST_SKIP_CORPORA, never a silent pass") {
    CHECK_THROWS_WITH(corpora::corpus_path("no-such-corpus/dump.sql"), doctest::Contains("no-such-corpus/dump.sql"));
    CHECK_THROWS_WITH(corpora::corpus_path("no-such-corpus/dump.sql"), doctest::Contains("M2PG_TEST_SKIP_CORPORA=1"));
    CHECK_THROWS_WITH(corpora::read_corpus("no-such-corpus/dump.sql.xz"), doctest::Contains("corpus file missing"));
}

TEST_CASE("drop_lines removes only lines that start with the pattern, case-insensitively") {
    CHECK(corpora::drop_lines("USE sakila;\nSELECT 1; USE x\nuse y;\n  USE z;\nlast", "USE ") ==
          "SELECT 1; USE x\n  USE z;\nlast");
    CHECK(corpora::replace_all("sakila.film, sakila.actor", "sakila.", "db.") == "db.film, db.actor");
}

TEST_CASE("base64_decode and strictly_utf8 agree with known values") {
    CHECK(corpora::base64_decode("8J+YjQ==") == "\xF0\x9F\x98\x8D");
    CHECK(corpora::base64_decode("YWJj") == "abc");
    CHECK(corpora::strictly_utf8("\xF0\x9F\x98\x8D"));
    CHECK(corpora::strictly_utf8(std::string("a\0b", 3)));
    CHECK_FALSE(corpora::strictly_utf8("\xC0\xAF"));          // overlong '/'
    CHECK_FALSE(corpora::strictly_utf8("\xED\xA0\x80"));      // surrogate U+D800
    CHECK_FALSE(corpora::strictly_utf8("\xF4\x90\x80\x80"));  // past U+10FFFF
    CHECK_FALSE(corpora::strictly_utf8("\x9D\xC2\x9E"));      // starts mid-character
}

TEST_CASE("rowcounts.tsv sections are picked by the first word of their '# ' line" *
          doctest::skip(corpora::skip_corpora())) {
    auto world_x = corpora::read_rowcounts("world/rowcounts.tsv", "world_x");
    REQUIRE(world_x.size() == 4);
    CHECK(world_x[2].table == "countryinfo");
    CHECK(world_x[2].type == "TABLE");
    CHECK(world_x[2].rows == 239);
    CHECK(corpora::read_rowcounts("world/rowcounts.tsv", "world").size() == 3);
    CHECK_THROWS_WITH(corpora::read_rowcounts("world/rowcounts.tsv", "nope"), doctest::Contains("# nope"));
}
