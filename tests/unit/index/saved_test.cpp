#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "index/decide.hpp"
#include "index/plan.hpp"
#include "index/saved.hpp"
#include "util/error.hpp"

using namespace m2pg::index;
using m2pg::target::postgres::Definition;
using m2pg::target::postgres::DefinitionKind;
using Strings = std::vector<std::string>;

namespace {

Definition saved(DefinitionKind kind, std::string table, std::string name, std::string definition) {
    Definition d;
    d.kind = kind;
    d.schema = "public";
    d.table = std::move(table);
    d.name = std::move(name);
    d.definition = std::move(definition);
    return d;
}

Definition index_definition(std::string name, std::string sql, std::string method = "btree") {
    Definition d = saved(DefinitionKind::Index, "posts", std::move(name), std::move(sql));
    d.index_definition = d.definition;
    d.method = std::move(method);
    return d;
}

BuildTask only(const Definition& d, const m2pg::profile::Profile* profile = nullptr) {
    auto tasks = saved_tasks({d}, profile);
    REQUIRE(tasks.size() == 1);
    CHECK(tasks[0].saved.has_value());
    return tasks[0];
}

}  // namespace

TEST_CASE("a saved index is rebuilt from its own definition, a GIN over to_tsvector as a full-text build") {
    BuildTask plain = only(index_definition("idx_posts_teamid", "CREATE INDEX idx_posts_teamid ON public.posts USING "
                                                                "btree (teamid)"));
    CHECK(plain.kind == TaskKind::Index);
    CHECK(plain.create_sql == "CREATE INDEX idx_posts_teamid ON public.posts USING btree (teamid)");
    CHECK(plain.key_columns.empty());  // put back by name, never skipped for a look-alike

    Definition gin = index_definition("idx_posts_message_txt",
                                      "CREATE INDEX idx_posts_message_txt ON public.posts USING gin "
                                      "(to_tsvector('english'::regconfig, message))",
                                      "gin");
    CHECK(only(gin).kind == TaskKind::Fulltext);
    CHECK(only(gin).fulltext.columns.empty());
    m2pg::profile::Profile p;
    p.fulltext = {{"posts", "idx_posts_message_txt", {"message"}, "english"}};
    CHECK(only(gin, &p).fulltext.columns == Strings{"message"});  // the profile's prefix fallback applies
    CHECK(only(gin, &p).create_sql == gin.definition);

    Definition jsonb = index_definition("idx_props", "CREATE INDEX idx_props ON public.posts USING gin (props)", "gin");
    CHECK(only(jsonb).kind == TaskKind::Index);
}

TEST_CASE("a saved partial unique index keeps its key and predicate for naming duplicates, and its tablespace") {
    Definition d = index_definition("idx_posts_slug_live",
                                    "CREATE UNIQUE INDEX idx_posts_slug_live ON public.posts USING btree (slug) "
                                    "WHERE (deleteat = 0)");
    d.key_sql = {"slug"};
    d.predicate = "(deleteat = 0)";
    d.tablespace = "fast";
    BuildTask t = only(d);
    CHECK(t.kind == TaskKind::UniqueIndex);
    CHECK(t.key_sql == Strings{"slug"});
    CHECK(t.key_filter == "(deleteat = 0)");
    CHECK(t.tablespace == "fast");
}

TEST_CASE("a saved unique constraint is built as its index, then attached with its deferrability") {
    Definition d = saved(DefinitionKind::UniqueConstraint, "posts", "posts_team_slug_key",
                         "UNIQUE (teamid, slug) DEFERRABLE INITIALLY DEFERRED");
    d.index_definition = "CREATE UNIQUE INDEX posts_team_slug_key ON public.posts USING btree (teamid, slug)";
    d.is_deferrable = d.is_deferred = true;
    d.key_sql = {"teamid", "slug"};
    BuildTask t = only(d);
    CHECK(t.kind == TaskKind::UniqueConstraint);
    CHECK(is_build(t.kind));
    CHECK(t.create_sql == d.index_definition);
    CHECK(t.finish_sql == "ALTER TABLE public.posts ADD CONSTRAINT posts_team_slug_key UNIQUE USING INDEX "
                          "posts_team_slug_key DEFERRABLE INITIALLY DEFERRED");
    d.is_deferred = false;
    CHECK(only(d).finish_sql.substr(only(d).finish_sql.size() - 11) == " DEFERRABLE");
}

TEST_CASE("saved foreign keys and checks are added NOT VALID and validated, unless the app had them NOT VALID") {
    Definition fk = saved(DefinitionKind::ForeignKey, "posts", "fk_posts_team",
                          "FOREIGN KEY (teamid) REFERENCES public.teams(id) ON DELETE CASCADE");
    fk.columns = {"teamid"};
    fk.referenced_table = "teams";
    fk.referenced_columns = {"id"};
    BuildTask t = only(fk);
    CHECK(t.create_sql == "ALTER TABLE public.posts ADD CONSTRAINT fk_posts_team FOREIGN KEY (teamid) REFERENCES "
                          "public.teams(id) ON DELETE CASCADE NOT VALID");
    CHECK(t.finish_sql == "ALTER TABLE public.posts VALIDATE CONSTRAINT fk_posts_team");
    CHECK(t.foreign_key.referenced_table == "teams");

    Definition check = saved(DefinitionKind::Check, "posts", "posts_deleteat_check", "CHECK ((deleteat >= 0)) NOT VALID");
    check.is_validated = false;
    check.check_clause = "(deleteat >= 0)";
    t = only(check);
    CHECK(t.create_sql == "ALTER TABLE public.posts ADD CONSTRAINT posts_deleteat_check CHECK ((deleteat >= 0)) NOT VALID");
    CHECK(t.finish_sql.empty());
    CHECK(t.check.clause == "(deleteat >= 0)");

    // Found in place NOT VALID: done for the NOT VALID one, only validated for the other.
    TargetState state;
    state.table_bytes = {{"posts", 10}, {"teams", 10}};
    state.constraints.push_back(ExistingConstraint{"posts", "posts_deleteat_check", 'c', false, {}, "", {}});
    state.constraints.push_back(ExistingConstraint{"posts", "fk_posts_team", 'f', false, {"teamid"}, "teams", {"id"}});
    CHECK(decide(t, state).action == Action::Skip);
    CHECK(decide(only(fk), state).action == Action::Finish);
}

TEST_CASE("a saved exclusion constraint is added at once, and a materialized view is refreshed") {
    Definition x = saved(DefinitionKind::Exclusion, "rooms", "no_overlap", "EXCLUDE USING gist (during WITH &&)");
    x.tablespace = "fast";
    BuildTask t = only(x);
    CHECK(t.kind == TaskKind::Exclusion);
    CHECK(is_constraint(t.kind));
    CHECK(t.create_sql == "ALTER TABLE public.rooms ADD CONSTRAINT no_overlap EXCLUDE USING gist (during WITH &&)");
    CHECK(t.finish_sql.empty());
    CHECK(t.tablespace == "fast");

    TargetState state;
    state.table_bytes = {{"rooms", 10}};
    CHECK(decide(t, state).action == Action::Build);
    state.constraints.push_back(ExistingConstraint{"rooms", "no_overlap", 'x', true, {}, "", {}});
    CHECK(decide(t, state).reason == "exists");

    Definition view = saved(DefinitionKind::MaterializedView, "poststats", "poststats", "public.poststats");
    BuildTask r = only(view);
    CHECK(r.kind == TaskKind::Refresh);
    CHECK(r.create_sql == "REFRESH MATERIALIZED VIEW public.poststats");
    CHECK_FALSE(is_build(r.kind));
    CHECK(decide(r, TargetState{}).action == Action::Build);  // not a table: always refreshed while due
}

TEST_CASE("a saved unique constraint found as a bare unique index is only attached, an INVALID one rebuilt") {
    Definition d = saved(DefinitionKind::UniqueConstraint, "posts", "posts_team_slug_key", "UNIQUE (teamid, slug)");
    d.index_definition = "CREATE UNIQUE INDEX posts_team_slug_key ON public.posts USING btree (teamid, slug)";
    BuildTask t = only(d);
    TargetState state;
    state.table_bytes = {{"posts", 10}};
    CHECK(decide(t, state).action == Action::Build);
    ExistingIndex i;
    i.table = "posts";
    i.name = "posts_team_slug_key";
    i.is_unique = true;
    state.indexes.push_back(i);
    CHECK(decide(t, state).action == Action::Finish);
    state.indexes.back().is_valid = false;
    CHECK(decide(t, state).action == Action::Rebuild);
    state.indexes.back().is_valid = true;
    state.constraints.push_back(ExistingConstraint{"posts", "posts_team_slug_key", 'u', true, {}, "", {}});
    CHECK(decide(t, state).reason == "exists");
}

TEST_CASE("GIN builds weigh like full-text ones in the build order") {
    TargetState state;
    state.table_bytes = {{"posts", 1000}, {"users", 5000}};
    std::vector<BuildTask> tasks(2);
    tasks[0].table = "users";
    tasks[1].table = "posts";
    tasks[1].method = "gin";
    CHECK(build_order(tasks, state) == std::vector<std::size_t>{1, 0});
}

TEST_CASE("a saved definition wins over the profile's or the catalog's task for the same object") {
    Definition message = index_definition("idx_posts_message_txt",
                                          "CREATE INDEX idx_posts_message_txt ON public.posts USING gin "
                                          "(to_tsvector('english'::regconfig, message))",
                                          "gin");
    Definition team = index_definition("idx_posts_team_app", "CREATE INDEX idx_posts_team_app ON public.posts USING "
                                                             "btree (teamid)");
    team.key_sql = {"teamid"};
    Definition fk = saved(DefinitionKind::ForeignKey, "posts", "posts_teamid_fkey", "FOREIGN KEY (teamid) REFERENCES "
                                                                                   "public.teams(id)");
    fk.columns = {"teamid"};
    fk.referenced_table = "teams";
    fk.referenced_columns = {"id"};
    const auto tasks = saved_tasks({message, team, fk}, nullptr);

    BuildTask same_name;
    same_name.kind = TaskKind::Fulltext;
    same_name.table = "posts";
    same_name.name = "idx_posts_message_txt";
    CHECK(covered_by_saved(same_name, tasks));
    same_name.table = "users";
    CHECK_FALSE(covered_by_saved(same_name, tasks));

    BuildTask same_columns;
    same_columns.kind = TaskKind::Index;
    same_columns.table = "posts";
    same_columns.name = "posts_teamid";
    same_columns.key_columns = {"teamid"};
    CHECK(covered_by_saved(same_columns, tasks));
    same_columns.kind = TaskKind::UniqueIndex;  // a plain index does not stand in for a unique one
    CHECK_FALSE(covered_by_saved(same_columns, tasks));

    BuildTask same_reference;
    same_reference.kind = TaskKind::ForeignKey;
    same_reference.table = "posts";
    same_reference.name = "fk_posts_team";
    same_reference.foreign_key = ForeignKeySpec{{"teamid"}, "teams", {"id"}};
    CHECK(covered_by_saved(same_reference, tasks));
}

TEST_CASE("saved definitions alone make a plan that finishes the copy, before the profile's other full-text indexes") {
    std::vector<Definition> defs = {index_definition("idx_posts_message_txt",
                                                     "CREATE INDEX idx_posts_message_txt ON public.posts USING gin "
                                                     "(to_tsvector('english'::regconfig, message))",
                                                     "gin")};
    PlanInputs in;
    in.saved = &defs;
    IndexPlan plan = plan_index(in);
    CHECK(plan.finishes_copy);
    REQUIRE(plan.tasks.size() == 1);
    CHECK(plan.tasks[0].create_sql == defs[0].definition);

    m2pg::profile::Profile p;
    p.fulltext = {{"posts", "idx_posts_message_txt", {"message"}, "english"},
                  {"fileinfo", "idx_fileinfo_content_txt", {"content"}, "english"}};
    in.profile = &p;
    plan = plan_index(in);
    REQUIRE(plan.tasks.size() == 2);
    CHECK(plan.tasks[0].saved.has_value());
    CHECK(plan.tasks[1].name == "idx_fileinfo_content_txt");

    std::vector<Definition> none;
    in.profile = nullptr;
    in.saved = &none;
    CHECK_THROWS_AS(plan_index(in), m2pg::UsageError);
}
