#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "schema/create.hpp"

namespace {
std::string read(const std::filesystem::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}
}  // namespace

TEST_CASE("generated migrations undo what they create, newest first") {
    using m2pg::schema::DdlPhase;
    m2pg::schema::DdlPlan plan;
    plan.statements = {
        {DdlPhase::Tables, "Posts", "posts", "CREATE TABLE public.posts (\n  id integer\n)"},
        {DdlPhase::Indexes, "Posts", "posts_idx", "CREATE INDEX posts_idx ON public.posts (id)"},
        {DdlPhase::ForeignKeys, "Posts", "fk_parent",
         "ALTER TABLE public.posts ADD CONSTRAINT fk_parent FOREIGN KEY (id) REFERENCES public.p (id) NOT VALID"},
        {DdlPhase::ForeignKeys, "Posts", "fk_parent", "ALTER TABLE public.posts VALIDATE CONSTRAINT fk_parent"},
        {DdlPhase::ForeignKeys, "Posts", "posts_id_check",
         "ALTER TABLE public.posts ADD CONSTRAINT posts_id_check CHECK (id > 0) NOT VALID"},
    };
    auto dir = std::filesystem::temp_directory_path() / ("m2pg_create_test_" + std::to_string(::getpid()));
    auto written = m2pg::schema::write_migrations(plan, dir.string());
    CHECK(written.size() == 8);
    CHECK(read(dir / "000001_tables.down.sql") == "DROP TABLE IF EXISTS public.posts;\n");
    CHECK(read(dir / "000002_indexes.down.sql") == "DROP INDEX IF EXISTS posts_idx;\n");
    CHECK(read(dir / "000003_foreign_keys.down.sql") ==
          "ALTER TABLE public.posts DROP CONSTRAINT IF EXISTS posts_id_check;\n"
          "ALTER TABLE public.posts DROP CONSTRAINT IF EXISTS fk_parent;\n");
    CHECK(read(dir / "000004_fulltext.up.sql") == "-- nothing to do for this database\n");
    std::filesystem::remove_all(dir);
}
