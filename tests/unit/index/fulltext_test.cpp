#include <doctest/doctest.h>

#include "index/fulltext.hpp"
#include "util/error.hpp"

using namespace m2pg::index;

TEST_CASE("a one-column full-text document is the bare column, so the app's to_tsvector(cfg, col) queries use the index") {
    CHECK(fulltext_document({"message"}) == "message");
    CHECK(fulltext_index_sql("public", "posts", "idx_posts_message_txt", "english", {"message"}) ==
          "CREATE INDEX idx_posts_message_txt ON public.posts USING gin (to_tsvector('english'::regconfig, message))");
}

TEST_CASE("several full-text columns are joined with spaces and NULLs count as empty text") {
    CHECK(fulltext_document({"name", "Content"}) == "coalesce(name, '') || ' ' || coalesce(\"Content\", '')");
}

TEST_CASE("a bounded full-text document cuts the whole document to a prefix of characters") {
    CHECK(fulltext_document({"message"}, kFulltextPrefixChars) == "left(message, 200000)");
    CHECK(fulltext_document({"a", "b"}, 10) == "left(coalesce(a, '') || ' ' || coalesce(b, ''), 10)");
    CHECK(fulltext_index_sql("app", "posts", "ix", "simple", {"message"}, 5) ==
          "CREATE INDEX ix ON app.posts USING gin (to_tsvector('simple'::regconfig, left(message, 5)))");
}

TEST_CASE("the tsvector prefix bound keeps 4-byte characters plus case growth under the 1 MiB lexeme limit") {
    CHECK(kFulltextPrefixChars * 5 < 1048575);
}

TEST_CASE("with_concurrently inserts CONCURRENTLY into plain and unique CREATE INDEX statements only") {
    CHECK(with_concurrently("CREATE INDEX a ON t (x)") == "CREATE INDEX CONCURRENTLY a ON t (x)");
    CHECK(with_concurrently("CREATE UNIQUE INDEX a ON t (x)") == "CREATE UNIQUE INDEX CONCURRENTLY a ON t (x)");
    CHECK_THROWS_AS(with_concurrently("ALTER TABLE t ADD PRIMARY KEY (x)"), m2pg::Error);
}

TEST_CASE("drop_index_sql is idempotent and concurrent when the build was") {
    CHECK(drop_index_sql("public", "Ix", false) == "DROP INDEX IF EXISTS public.\"Ix\"");
    CHECK(drop_index_sql("public", "ix", true) == "DROP INDEX CONCURRENTLY IF EXISTS public.ix");
}
