#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "index/decide.hpp"

using namespace m2pg::index;
using Strings = std::vector<std::string>;

namespace {

BuildTask index_task(TaskKind kind, std::string table, std::string name, Strings columns) {
    BuildTask t;
    t.kind = kind;
    t.table = std::move(table);
    t.name = std::move(name);
    t.key_columns = columns;
    t.key_sql = columns;
    return t;
}

ExistingIndex existing(std::string table, std::string name, Strings columns, bool unique = false, bool valid = true) {
    ExistingIndex i;
    i.table = std::move(table);
    i.name = std::move(name);
    i.columns = std::move(columns);
    i.is_unique = unique;
    i.is_valid = valid;
    i.method = "btree";
    return i;
}

TargetState state_with_tables() {
    TargetState s;
    s.table_bytes = {{"posts", 1000}, {"users", 50000}, {"teams", 10}};
    return s;
}

}  // namespace

TEST_CASE("an index that is not there is built, one that is there and valid is skipped") {
    TargetState s = state_with_tables();
    BuildTask t = index_task(TaskKind::Index, "posts", "posts_idx_a", {"a"});
    CHECK(decide(t, s).action == Action::Build);
    s.indexes.push_back(existing("posts", "posts_idx_a", {"a"}));
    Decision d = decide(t, s);
    CHECK(d.action == Action::Skip);
    CHECK(d.reason == "exists");
}

TEST_CASE("an INVALID index left by a killed CREATE INDEX CONCURRENTLY is rebuilt") {
    TargetState s = state_with_tables();
    s.indexes.push_back(existing("posts", "idx_posts_message_txt", {}, false, false));
    BuildTask t;
    t.kind = TaskKind::Fulltext;
    t.table = "posts";
    t.name = "idx_posts_message_txt";
    Decision d = decide(t, s);
    CHECK(d.action == Action::Rebuild);
    CHECK(d.reason == "INVALID index left by an interrupted build");
}

TEST_CASE("an index on the same columns under another name counts as built, but a non-unique one does not stand in for a unique one") {
    TargetState s = state_with_tables();
    s.indexes.push_back(existing("posts", "idx_posts_channel_id_update_at", {"channelid", "updateat"}));
    BuildTask plain = index_task(TaskKind::Index, "posts", "posts_idx_posts_channel_id_update_at", {"channelid", "updateat"});
    Decision d = decide(plain, s);
    CHECK(d.action == Action::Skip);
    CHECK(d.reason == "equivalent index idx_posts_channel_id_update_at exists");
    BuildTask unique = index_task(TaskKind::UniqueIndex, "posts", "posts_uq", {"channelid", "updateat"});
    CHECK(decide(unique, s).action == Action::Build);
    BuildTask reordered = index_task(TaskKind::Index, "posts", "posts_other", {"updateat", "channelid"});
    CHECK(decide(reordered, s).action == Action::Build);
}

TEST_CASE("a primary key is skipped when the table has one, attached when only its unique index exists") {
    TargetState s = state_with_tables();
    BuildTask pk = index_task(TaskKind::PrimaryKey, "users", "users_pkey", {"id"});
    CHECK(decide(pk, s).action == Action::Build);
    s.indexes.push_back(existing("users", "users_pkey", {"id"}, true));
    CHECK(decide(pk, s).action == Action::Finish);
    s.constraints.push_back(ExistingConstraint{"users", "users_id_pk", 'p', true, {"id"}, "", {}});
    Decision d = decide(pk, s);
    CHECK(d.action == Action::Skip);
    CHECK(d.reason == "primary key users_id_pk exists");
}

TEST_CASE("a foreign key is validated when it exists NOT VALID and skipped when its parent table is missing") {
    TargetState s = state_with_tables();
    BuildTask fk;
    fk.kind = TaskKind::ForeignKey;
    fk.table = "posts";
    fk.name = "fk_posts_team";
    fk.foreign_key = ForeignKeySpec{{"teamid"}, "teams", {"id"}};
    CHECK(decide(fk, s).action == Action::Build);
    s.constraints.push_back(ExistingConstraint{"posts", "fk_posts_team", 'f', false, {"teamid"}, "teams", {"id"}});
    CHECK(decide(fk, s).action == Action::Finish);
    s.constraints.back().is_validated = true;
    CHECK(decide(fk, s).action == Action::Skip);
    fk.foreign_key.referenced_table = "gone";
    CHECK(decide(fk, s).reason == "referenced table gone does not exist");
}

TEST_CASE("tasks on a table the target does not have are skipped, naming the table") {
    TargetState s = state_with_tables();
    Decision d = decide(index_task(TaskKind::Index, "plugins", "plugins_ix", {"a"}), s);
    CHECK(d.action == Action::Skip);
    CHECK(d.reason == "table plugins does not exist");
}

TEST_CASE("builds start with the largest work: full-text counts kFulltextWeight times its table's size, and foreign keys are not builds") {
    TargetState s = state_with_tables();  // users 50000 bytes, posts 1000, teams 10
    std::vector<BuildTask> tasks = {index_task(TaskKind::Index, "teams", "a", {}),
                                    index_task(TaskKind::Index, "posts", "b", {}),
                                    index_task(TaskKind::Fulltext, "posts", "c", {}),
                                    index_task(TaskKind::ForeignKey, "users", "d", {}),
                                    index_task(TaskKind::UniqueIndex, "users", "e", {})};
    CHECK(build_order(tasks, s) == std::vector<std::size_t>{4, 2, 1, 0});
    s.table_bytes["posts"] = 10000;  // 10000 × 8 > 50000
    CHECK(build_order(tasks, s) == std::vector<std::size_t>{2, 4, 1, 0});
}

TEST_CASE("rows are named by the plan's key, else the target's primary key, else ctid") {
    TargetState s = state_with_tables();
    BuildTask t = index_task(TaskKind::Fulltext, "posts", "x", {});
    CHECK(row_key_for(t, s) == Strings{"ctid"});
    s.constraints.push_back(ExistingConstraint{"posts", "posts_pkey", 'p', true, {"Id"}, "", {}});
    CHECK(row_key_for(t, s) == Strings{"\"Id\""});
    t.row_key = {"id"};
    CHECK(row_key_for(t, s) == Strings{"id"});
}

namespace {

BuildTask check_task() {
    BuildTask t;
    t.kind = TaskKind::Check;
    t.table = "posts";
    t.name = "posts_score_check";
    t.check.clause = "score >= 0";
    return t;
}

}  // namespace

TEST_CASE("a check is added when missing, only validated when it exists NOT VALID, skipped once validated") {
    TargetState s = state_with_tables();
    const BuildTask t = check_task();
    CHECK(decide(t, s).action == Action::Build);
    s.constraints.push_back(ExistingConstraint{"posts", "posts_score_check", 'c', false, {"score"}, "", {}});
    Decision d = decide(t, s);
    CHECK(d.action == Action::Finish);
    CHECK(d.reason == "exists NOT VALID, not yet validated");
    s.constraints.back().is_validated = true;
    d = decide(t, s);
    CHECK(d.action == Action::Skip);
    CHECK(d.reason == "exists");
}

TEST_CASE("a check is matched by name on its own table only, and not when the name belongs to another kind of "
          "constraint") {
    TargetState s = state_with_tables();
    const BuildTask t = check_task();
    s.constraints.push_back(ExistingConstraint{"users", "posts_score_check", 'c', true, {"score"}, "", {}});
    CHECK(decide(t, s).action == Action::Build);
    s.constraints.push_back(ExistingConstraint{"posts", "posts_score_check", 'f', true, {"teamid"}, "teams", {"id"}});
    Decision d = decide(t, s);
    CHECK(d.action == Action::Skip);
    CHECK(d.reason == "the name is taken by a foreign key on posts");
    BuildTask gone = check_task();
    gone.table = "plugins";
    CHECK(decide(gone, s).reason == "table plugins does not exist");
}

TEST_CASE("checks, like foreign keys, are not index builds") {
    TargetState s = state_with_tables();
    std::vector<BuildTask> tasks = {check_task(), index_task(TaskKind::Index, "teams", "a", {}),
                                    index_task(TaskKind::ForeignKey, "users", "b", {}),
                                    index_task(TaskKind::Check, "users", "c", {})};
    CHECK(build_order(tasks, s) == std::vector<std::size_t>{1});
    CHECK(is_build(TaskKind::PrimaryKey));
    CHECK(!is_build(TaskKind::Check));
    CHECK(!is_build(TaskKind::ForeignKey));
}
