#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "check/targets.hpp"
#include "support/temp_dir.hpp"
#include "util/error.hpp"

using namespace m2pg;
using check::Landing;

namespace {

model::Column col(std::string name, std::string type, std::string column_type, std::optional<std::int64_t> len = {}) {
    model::Column c;
    c.name = std::move(name);
    c.data_type = std::move(type);
    c.column_type = std::move(column_type);
    c.char_max_length = len;
    if (len) c.charset = "utf8mb4", c.collation = "utf8mb4_general_ci";
    return c;
}

model::Table posts() {
    model::Table t;
    t.name = "Posts";
    t.columns = {col("Id", "varchar", "varchar(26)", 26), col("Message", "text", "text", 65535),
                 col("Type", "char", "char(4)", 4), col("Legacy", "int", "int(11)")};
    return t;
}

// A migrations folder with the given files.
using Files = std::vector<std::pair<std::string, std::string>>;
struct Migrations {
    explicit Migrations(const Files& files) : dir("m2pg_targets") {
        for (const auto& [name, sql] : files) std::ofstream(dir.path() / name) << sql;
    }
    test::TempDir dir;
};

// Landings point into the MySQL table: it outlives them.
const model::Table kPosts = posts();

}  // namespace

TEST_CASE("migrations are played in version order into the target's tables, as one reader (SchemaModel) reads them") {
    Migrations m(Files{{"000002_widen.up.sql", "ALTER TABLE posts ALTER COLUMN message TYPE varchar(500);"},
                  {"000001_init.up.sql", "/* CREATE TABLE posts (id varchar(1)); */\n"
                                         "CREATE TYPE post_kind AS ENUM ('', 'system');\n"
                                         "CREATE TABLE posts (id varchar(26) PRIMARY KEY, message varchar(65535), "
                                         "type post_kind, legacy int);"},
                  {"000001_init.down.sql", "DROP TABLE posts;"}});
    const auto target = check::target_from_migrations(m.dir.path());
    CHECK(target.is_given);
    CHECK(target.source == "migrations " + m.dir.path().string());
    const auto landed = check::land_table(kPosts, target, {});
    CHECK_FALSE(landed.is_generated);
    CHECK(landed.target_name == "posts");
    CHECK(landed.source_of_types == target.source);
    const auto* message = landed.find("Message");
    REQUIRE(message != nullptr);
    CHECK(message->landing == Landing::Paired);
    CHECK(message->target.max_chars == 500);
    const auto* type = landed.find("Type");
    REQUIRE(type != nullptr);
    CHECK(type->target.is_enum);
    CHECK(type->target.enum_labels == std::vector<std::string>{"", "system"});
    CHECK(landed.find("Id")->target.not_null);
    const auto limits = check::limits_of({landed});
    CHECK(limits.limit("posts", "message") == 500);
    CHECK(limits.limit("POSTS", "Id") == 26);
    CHECK(limits.limit("posts", "type") == std::nullopt);
}

TEST_CASE("a migrations directory that is missing or holds no up migration is a usage error") {
    CHECK_THROWS_AS(check::target_from_migrations("/nonexistent/postgres"), UsageError);
    Migrations empty(Files{{"README", "no migrations here"}});
    CHECK_THROWS_AS(check::target_from_migrations(empty.dir.path()), UsageError);
}

TEST_CASE("a table the target lacks is checked against the generated DDL, which follows the type map and casts") {
    Migrations m(Files{{"000001_other.up.sql", "CREATE TABLE users (id varchar(26));"}});
    convert::TypeConfig types;
    types.column_overrides["Posts.Message"] = "varchar(100)";
    for (const auto& target : {check::target_from_migrations(m.dir.path()), check::generated_target()}) {
        const auto landed = check::land_table(kPosts, target, types);
        CHECK(landed.is_generated);
        CHECK(landed.source_of_types == "generated DDL");
        CHECK(landed.target_name == "posts");
        const auto limits = check::limits_of({landed});
        CHECK(limits.limit("posts", "id") == 26);
        CHECK(limits.limit("posts", "message") == 100);
        CHECK(limits.limit("posts", "type") == 4);
        CHECK(landed.find("Legacy")->target.base_type == "int4");
    }
}

TEST_CASE("columns the target lacks, pairs the copy cannot convert and CHECK lists are told apart") {
    Migrations m(Files{{"000001_init.up.sql",
                   "CREATE TABLE \"Posts\" (id varchar(26), message bytea, "
                   "type text CONSTRAINT type_ok CHECK (type IN ('D', 'O')));"}});
    const auto landed = check::land_table(kPosts, check::target_from_migrations(m.dir.path()), {});
    CHECK(landed.target_name == "Posts");  // the exact-case table name wins
    CHECK(landed.find("Id")->landing == Landing::Paired);
    CHECK(landed.find("Legacy")->landing == Landing::NoTargetColumn);
    CHECK(landed.find("Message")->landing == Landing::Paired);  // text into bytea: the copy takes the bytes
    const auto* type = landed.find("Type");
    REQUIRE(type->allowed.size() == 1);
    CHECK(type->allowed[0].constraint == "type_ok");
    CHECK(type->allowed[0].allowed.values == std::vector<std::string>{"D", "O"});

    Migrations typed(Files{{"000001_init.up.sql", "CREATE TABLE posts (id int, message text, type text, legacy date);"}});
    const auto retyped = check::land_table(kPosts, check::target_from_migrations(typed.dir.path()), {});
    CHECK(retyped.find("Id")->landing == Landing::NoConversion);
    CHECK(retyped.find("Legacy")->landing == Landing::NoConversion);
    CHECK(retyped.find("Legacy")->problem.find("no exact conversion") != std::string::npos);
}

TEST_CASE("a MySQL type with no Postgres type is left out of the generated table and marked unsupported") {
    model::Table t = posts();
    t.columns.push_back(col("Odd", "mystery", "mystery(3)"));
    const auto landed = check::land_table(t, check::generated_target(), {});
    CHECK(landed.find("Odd")->landing == Landing::Unsupported);
    CHECK(landed.find("Message")->landing == Landing::Paired);
}

TEST_CASE("offline, only the versions the MySQL side applied are played, as m2pg schema --applied-migrations applies them") {
    Migrations m(Files{{"000001_init.up.sql", "CREATE TABLE posts (id varchar(26), message varchar(100));"},
                       {"000002_widen.up.sql", "ALTER TABLE posts ALTER COLUMN message TYPE varchar(200);"},
                       {"000003_widen.up.sql", "ALTER TABLE posts ALTER COLUMN message TYPE varchar(300);"}});
    const auto applied = check::target_from_migrations(m.dir.path(), {}, {1, 2});
    CHECK(check::limits_of({check::land_table(kPosts, applied, {})}).limit("posts", "message") == 200);
    CHECK(applied.source.find("(the 2 of them the MySQL side applied, up to 000002)") != std::string::npos);
    const auto all = check::target_from_migrations(m.dir.path());
    CHECK(check::limits_of({check::land_table(kPosts, all, {})}).limit("posts", "message") == 300);
    // The version table m2pg schema creates is part of the target too.
    const auto history = check::target_from_migrations(m.dir.path(), {"public", "db_migrations_calls", "version", "name"});
    CHECK(std::count_if(history.tables.begin(), history.tables.end(),
                        [](const auto& t) { return t.name == "db_migrations_calls"; }) == 1);
}
