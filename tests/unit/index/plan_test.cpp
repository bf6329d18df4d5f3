#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include "index/plan.hpp"
#include "util/error.hpp"

using namespace m2pg::index;
using m2pg::model::Catalog;
using m2pg::model::Column;
using m2pg::model::ForeignKey;
using m2pg::model::Index;
using m2pg::model::IndexColumn;
using m2pg::model::IndexKind;
using m2pg::model::Table;
using Strings = std::vector<std::string>;

namespace {

Column column(std::string name, std::string type, bool nullable = true) {
    Column c;
    c.name = std::move(name);
    c.column_type = type;
    c.data_type = type.substr(0, type.find('('));
    c.is_nullable = nullable;
    return c;
}

IndexColumn key(std::string name, std::optional<std::int64_t> prefix = std::nullopt) {
    return IndexColumn{std::move(name), prefix, false};
}

Catalog chat() {
    Table teams;
    teams.name = "Teams";
    teams.columns = {column("Id", "varchar(26)", false), column("Name", "varchar(64)")};
    teams.indexes = {Index{"PRIMARY", IndexKind::Primary, {key("Id")}},
                     Index{"Name", IndexKind::Unique, {key("Name")}}};
    Table posts;
    posts.name = "Posts";
    posts.columns = {column("Id", "varchar(26)", false), column("TeamId", "varchar(26)"), column("Message", "text"),
                     column("Title", "varchar(200)")};
    posts.indexes = {Index{"PRIMARY", IndexKind::Primary, {key("Id")}},
                     Index{"idx_title", IndexKind::Secondary, {key("Title", 20)}},
                     Index{"idx_posts_message_txt", IndexKind::Fulltext, {key("Message")}},
                     Index{"idx_posts_title_txt", IndexKind::Fulltext, {key("Title"), key("Message")}}};
    posts.foreign_keys = {ForeignKey{"fk_posts_team", {"TeamId"}, "Teams", {"Id"}, "CASCADE", "CASCADE"}};
    Table skipped;
    skipped.name = "schema_migrations";
    skipped.columns = {column("version", "bigint(20)", false)};
    skipped.indexes = {Index{"PRIMARY", IndexKind::Primary, {key("version")}}};
    Catalog c;
    c.database = "chat";
    c.tables = {posts, skipped, teams};
    return c;
}

m2pg::profile::Profile profile() {
    m2pg::profile::Profile p;
    p.name = "chat";
    p.fulltext = {{"posts", "idx_posts_message_txt", {"message"}, "english"}};
    p.skip_tables = {"schema_migrations"};
    return p;
}

Strings names(const IndexPlan& plan) {
    Strings out;
    for (const auto& t : plan.tasks) out.push_back(t.table + "." + t.name);
    return out;
}

const BuildTask& task(const IndexPlan& plan, const std::string& name) {
    for (const auto& t : plan.tasks)
        if (t.name == name) return t;
    FAIL("no task " << name);
    throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("without --create-indexes the plan holds only full-text indexes, generated ones with the given configuration") {
    Catalog c = chat();
    PlanInputs in;
    in.catalog = &c;
    in.text_search_config = "german";
    IndexPlan plan = plan_index(in);
    CHECK(names(plan) == Strings{"posts.posts_idx_posts_message_txt", "posts.posts_idx_posts_title_txt"});
    const BuildTask& t = task(plan, "posts_idx_posts_title_txt");
    CHECK(t.kind == TaskKind::Fulltext);
    CHECK(t.fulltext.columns == Strings{"title", "message"});
    CHECK(t.create_sql == "CREATE INDEX posts_idx_posts_title_txt ON public.posts USING gin "
                          "(to_tsvector('german'::regconfig, coalesce(title, '') || ' ' || coalesce(message, '')))");
    CHECK(t.row_key == Strings{"id"});
}

TEST_CASE("a profile's full-text index replaces the generated one on the same table and columns") {
    Catalog c = chat();
    auto p = profile();
    PlanInputs in;
    in.catalog = &c;
    in.profile = &p;
    IndexPlan plan = plan_index(in);
    CHECK(names(plan) == Strings{"posts.idx_posts_message_txt", "posts.posts_idx_posts_title_txt"});
    const BuildTask& t = task(plan, "idx_posts_message_txt");
    CHECK(t.fulltext.from_profile);
    CHECK(t.fulltext.config == "english");
    CHECK(t.row_key == Strings{"id"});
    CHECK(t.create_sql ==
          "CREATE INDEX idx_posts_message_txt ON public.posts USING gin (to_tsvector('english'::regconfig, message))");
}

TEST_CASE("a profile alone plans its full-text indexes and notes that --create-indexes needs a catalog for the rest") {
    auto p = profile();
    PlanInputs in;
    in.profile = &p;
    in.create_indexes = true;
    IndexPlan plan = plan_index(in);
    CHECK(names(plan) == Strings{"posts.idx_posts_message_txt"});
    REQUIRE(plan.notes.size() == 1);
    CHECK(plan.notes[0].find("no MySQL catalog") == 0);
}

TEST_CASE("planning with neither a catalog nor a profile is a usage error") {
    CHECK_THROWS_AS(plan_index(PlanInputs{}), m2pg::UsageError);
}

TEST_CASE("--create-indexes plans primary keys as unique indexes attached later, indexes and NOT VALID foreign keys") {
    Catalog c = chat();
    auto p = profile();
    PlanInputs in;
    in.catalog = &c;
    in.profile = &p;
    in.create_indexes = true;
    IndexPlan plan = plan_index(in);
    CHECK(names(plan) == Strings{"posts.idx_posts_message_txt", "posts.posts_idx_posts_title_txt", "posts.posts_pkey",
                                 "posts.posts_idx_title", "teams.teams_pkey", "teams.teams_name",
                                 "posts.fk_posts_team"});

    const BuildTask& pk = task(plan, "posts_pkey");
    CHECK(pk.kind == TaskKind::PrimaryKey);
    CHECK(pk.create_sql == "CREATE UNIQUE INDEX posts_pkey ON public.posts (id)");
    CHECK(pk.finish_sql == "ALTER TABLE public.posts ADD CONSTRAINT posts_pkey PRIMARY KEY USING INDEX posts_pkey");
    CHECK(pk.key_columns == Strings{"id"});

    const BuildTask& prefix = task(plan, "posts_idx_title");
    CHECK(prefix.key_sql == Strings{"left(title, 20)"});
    CHECK(prefix.key_columns.empty());

    const BuildTask& unique = task(plan, "teams_name");
    CHECK(unique.kind == TaskKind::UniqueIndex);
    CHECK(unique.key_sql == Strings{"name"});
    CHECK(unique.key_columns == Strings{"name"});

    const BuildTask& fk = task(plan, "fk_posts_team");
    CHECK(fk.create_sql.find("FOREIGN KEY (teamid) REFERENCES public.teams (id)") != std::string::npos);
    CHECK(fk.create_sql.substr(fk.create_sql.size() - 9) == "NOT VALID");
    CHECK(fk.finish_sql == "ALTER TABLE public.posts VALIDATE CONSTRAINT fk_posts_team");
    CHECK(fk.foreign_key.columns == Strings{"teamid"});
    CHECK(fk.foreign_key.referenced_table == "teams");
    CHECK(fk.foreign_key.referenced_columns == Strings{"id"});
}

TEST_CASE("tables the profile skips get no index tasks") {
    Catalog c = chat();
    PlanInputs in;
    in.catalog = &c;
    in.create_indexes = true;
    CHECK(names(plan_index(in)).size() == 8);  // schema_migrations_pkey included without a profile
    auto p = profile();
    in.profile = &p;
    for (const auto& n : names(plan_index(in))) CHECK(n.find("schema_migrations") == std::string::npos);
}

namespace {

// chat() with an integer column on posts and MySQL CHECK constraints: a column-level one
// (MariaDB names it after the column), a named one, one whose name a foreign key already
// has, one the DDL cannot translate; and one on a table the profile skips.
Catalog chat_with_checks() {
    Catalog c = chat();
    Table& posts = c.tables[0];
    posts.columns.push_back(column("Score", "int(11)"));
    posts.checks = {m2pg::model::CheckConstraint{"Score", "`Score` >= 0"},
                    m2pg::model::CheckConstraint{"chk_bad", "`Score` / 2 < 1"},
                    m2pg::model::CheckConstraint{"chk_Score_max", "`Score` between 0 and 999"},
                    m2pg::model::CheckConstraint{"fk_posts_team", "`Score` <> 13"}};
    c.tables[1].checks = {m2pg::model::CheckConstraint{"chk_version", "`version` > 0"}};
    return c;
}

}  // namespace

TEST_CASE("--create-indexes plans the DDL's CHECK constraints after the foreign keys, under the DDL's names, with "
          "their clause") {
    Catalog c = chat_with_checks();
    auto p = profile();
    PlanInputs in;
    in.catalog = &c;
    in.profile = &p;
    in.create_indexes = true;
    IndexPlan plan = plan_index(in);
    CHECK(names(plan) == Strings{"posts.idx_posts_message_txt", "posts.posts_idx_posts_title_txt", "posts.posts_pkey",
                                 "posts.posts_idx_title", "teams.teams_pkey", "teams.teams_name",
                                 "posts.fk_posts_team", "posts.posts_score_check", "posts.chk_score_max",
                                 "posts.fk_posts_team_2"});

    const BuildTask& column_level = task(plan, "posts_score_check");
    CHECK(column_level.kind == TaskKind::Check);
    CHECK(column_level.create_sql ==
          "ALTER TABLE public.posts ADD CONSTRAINT posts_score_check CHECK (score >= 0) NOT VALID");
    CHECK(column_level.finish_sql == "ALTER TABLE public.posts VALIDATE CONSTRAINT posts_score_check");
    CHECK(column_level.check.clause == "score >= 0");
    CHECK(column_level.row_key == Strings{"id"});
    CHECK(column_level.key_sql.empty());

    CHECK(task(plan, "chk_score_max").check.clause == "score BETWEEN 0 AND 999");
    // The foreign key keeps its name and kind; the check that wanted it gets a suffix.
    CHECK(task(plan, "fk_posts_team").kind == TaskKind::ForeignKey);
    CHECK(task(plan, "fk_posts_team").check.clause.empty());
    const BuildTask& renamed = task(plan, "fk_posts_team_2");
    CHECK(renamed.kind == TaskKind::Check);
    CHECK(renamed.check.clause == "score <> 13");
    CHECK(renamed.finish_sql == "ALTER TABLE public.posts VALIDATE CONSTRAINT fk_posts_team_2");

    // The untranslatable check is the DDL's note, not a task.
    bool noted = false;
    for (const auto& n : plan.notes) noted = noted || n.find("Posts chk_bad: CHECK chk_bad (`Score` / 2 < 1) not "
                                                             "translated: ") == 0;
    CHECK(noted);
}

TEST_CASE("without --create-indexes no CHECK constraint is planned, and kind_name calls them checks") {
    Catalog c = chat_with_checks();
    PlanInputs in;
    in.catalog = &c;
    for (const auto& t : plan_index(in).tasks) CHECK(t.kind == TaskKind::Fulltext);
    in.create_indexes = true;
    std::size_t checks = 0;
    for (const auto& t : plan_index(in).tasks) checks += t.kind == TaskKind::Check ? 1 : 0;
    CHECK(checks == 4);  // schema_migrations_chk_version too, without a profile skipping it
    CHECK(kind_name(TaskKind::Check) == "check");
}
