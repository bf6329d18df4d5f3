#include "index/decide.hpp"

#include <algorithm>

#include "target/postgres/identifier.hpp"

namespace m2pg::index {

namespace {

Decision skip(std::string reason) { return {Action::Skip, std::move(reason)}; }

const ExistingIndex* equivalent_index(const BuildTask& task, const TargetState& state) {
    if (task.key_columns.empty()) return nullptr;
    for (const ExistingIndex& i : state.indexes)
        if (i.table == task.table && i.is_valid && i.is_plain && i.method == "btree" && i.columns == task.key_columns &&
            (i.is_unique || task.kind == TaskKind::Index))
            return &i;
    return nullptr;
}

Decision decide_index(const BuildTask& task, const TargetState& state) {
    if (const ExistingIndex* i = state.find_index(task.name)) {
        if (!i->is_valid) return {Action::Rebuild, "INVALID index left by an interrupted build"};
        if (i->table != task.table) return skip("the name is taken by an index on " + i->table);
        return skip("exists");
    }
    if (const ExistingIndex* same = equivalent_index(task, state))
        return skip("equivalent index " + same->name + " exists");
    return {Action::Build, ""};
}

Decision decide_primary_key(const BuildTask& task, const TargetState& state) {
    if (const ExistingConstraint* pk = state.primary_key(task.table))
        return skip(pk->name == task.name ? "exists" : "primary key " + pk->name + " exists");
    if (const ExistingIndex* i = state.find_index(task.name)) {
        if (!i->is_valid) return {Action::Rebuild, "INVALID index left by an interrupted build"};
        if (i->table != task.table) return skip("the name is taken by an index on " + i->table);
        return {Action::Finish, "unique index exists, not yet the primary key"};
    }
    return {Action::Build, ""};
}

// A constraint of that name on the table: done, or only to be validated. One the app had
// NOT VALID when copy set it aside is done as it is.
Decision existing_constraint(const BuildTask& task, const ExistingConstraint& c) {
    if (c.is_validated || (task.saved && !task.saved->is_validated)) return skip("exists");
    return {Action::Finish, "exists NOT VALID, not yet validated"};
}

Decision decide_foreign_key(const BuildTask& task, const TargetState& state) {
    // A saved key may reference another schema (referenced_table empty): its ADD says.
    if (!task.foreign_key.referenced_table.empty() && !state.has_table(task.foreign_key.referenced_table))
        return skip("referenced table " + task.foreign_key.referenced_table + " does not exist");
    if (const ExistingConstraint* c = state.find_constraint(task.table, task.name))
        return existing_constraint(task, *c);
    if (task.saved) return {Action::Build, ""};
    for (const ExistingConstraint& c : state.constraints)
        if (c.table == task.table && c.type == 'f' && c.columns == task.foreign_key.columns &&
            c.referenced_table == task.foreign_key.referenced_table &&
            c.referenced_columns == task.foreign_key.referenced_columns)
            return skip("equivalent foreign key " + c.name + " exists");
    return {Action::Build, ""};
}

std::string constraint_kind(char type) {
    switch (type) {
        case 'p': return "primary key";
        case 'u': return "unique constraint";
        case 'f': return "foreign key";
        case 'c': return "check";
        case 'x': return "exclusion constraint";
        default: return "constraint";
    }
}

// A check (or exclusion constraint) written by hand under the same name counts as ours;
// its expression is not compared (Postgres re-renders it), only whether it still has to
// be validated.
Decision decide_named_constraint(const BuildTask& task, const TargetState& state, char type) {
    if (const ExistingConstraint* c = state.find_constraint(task.table, task.name)) {
        if (c->type != type) return skip("the name is taken by a " + constraint_kind(c->type) + " on " + task.table);
        return existing_constraint(task, *c);
    }
    return {Action::Build, ""};
}

// Built as a unique index first (phase 1), then attached as the constraint (phase 2).
Decision decide_unique_constraint(const BuildTask& task, const TargetState& state) {
    if (const ExistingConstraint* c = state.find_constraint(task.table, task.name))
        return c->type == 'u' ? skip("exists")
                              : skip("the name is taken by a " + constraint_kind(c->type) + " on " + task.table);
    if (const ExistingIndex* i = state.find_index(task.name)) {
        if (!i->is_valid) return {Action::Rebuild, "INVALID index left by an interrupted build"};
        if (i->table != task.table) return skip("the name is taken by an index on " + i->table);
        return {Action::Finish, "unique index exists, not yet the constraint"};
    }
    return {Action::Build, ""};
}

}  // namespace

Decision decide(const BuildTask& task, const TargetState& state) {
    if (task.kind == TaskKind::Refresh) return {Action::Build, ""};
    if (!state.has_table(task.table)) return skip("table " + task.table + " does not exist");
    switch (task.kind) {
        case TaskKind::PrimaryKey: return decide_primary_key(task, state);
        case TaskKind::UniqueConstraint: return decide_unique_constraint(task, state);
        case TaskKind::ForeignKey: return decide_foreign_key(task, state);
        case TaskKind::Check: return decide_named_constraint(task, state, 'c');
        case TaskKind::Exclusion: return decide_named_constraint(task, state, 'x');
        default: return decide_index(task, state);
    }
}

std::vector<std::size_t> build_order(const std::vector<BuildTask>& tasks, const TargetState& state) {
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < tasks.size(); ++i)
        if (is_build(tasks[i].kind)) order.push_back(i);
    auto work = [&](std::size_t i) {
        auto it = state.table_bytes.find(tasks[i].table);
        std::int64_t bytes = it == state.table_bytes.end() ? 0 : it->second;
        return is_gin(tasks[i]) ? bytes * kFulltextWeight : bytes;
    };
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return work(a) > work(b); });
    return order;
}

std::vector<std::string> row_key_for(const BuildTask& task, const TargetState& state) {
    if (!task.row_key.empty()) return task.row_key;
    if (const ExistingConstraint* pk = state.primary_key(task.table)) {
        std::vector<std::string> out;
        for (const std::string& c : pk->columns) out.push_back(target::postgres::quote_ident(c));
        if (!out.empty()) return out;
    }
    return {"ctid"};
}

}  // namespace m2pg::index
