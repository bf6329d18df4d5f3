#include "index/plan.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "index/fulltext.hpp"
#include "index/saved.hpp"
#include "schema/ddl.hpp"
#include "schema/ddl_names.hpp"
#include "model/lookup.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace m2pg::index {

namespace {

using model::find_column_ci;
using model::find_table_ci;
using target::postgres::IdentifierCase;
using target::postgres::quote_ident;
using target::postgres::target_name;

std::set<std::string> lowered(const std::vector<std::string>& names) {
    std::set<std::string> out;
    for (const std::string& n : names) out.insert(util::ascii_lower(n));
    return out;
}

// The expression of lib/schema/ddl's "ALTER TABLE t ADD CONSTRAINT name CHECK (<clause>) NOT VALID",
// or nullopt for the phase's other statements (foreign keys).
std::optional<std::string> check_clause(const std::string& add_sql, const std::string& name) {
    const std::string marker = " ADD CONSTRAINT " + quote_ident(name) + " CHECK (";
    const std::string suffix = ") NOT VALID";
    const std::size_t at = add_sql.find(marker);
    if (at == std::string::npos || add_sql.size() < at + marker.size() + suffix.size() ||
        add_sql.compare(add_sql.size() - suffix.size(), suffix.size(), suffix) != 0)
        return std::nullopt;
    const std::size_t start = at + marker.size();
    return add_sql.substr(start, add_sql.size() - suffix.size() - start);
}

class Planner {
public:
    Planner(const PlanInputs& in, const model::Catalog& catalog)
        : in_(in), catalog_(catalog), names_(catalog, in.identifier_case) {
        schema::DdlOptions ddl;
        ddl.types = in.types;
        ddl.identifier_case = in.identifier_case;
        ddl.target_schema = in.target_schema;
        ddl.text_search_config = in.text_search_config;
        ddl.primary_key = schema::PrimaryKeyPlacement::Deferred;
        schema::DdlPlan plan = schema::plan_ddl(catalog, ddl);
        for (schema::DdlStatement& s : plan.statements) {
            auto& sql = statements_[{s.phase, s.table, s.object}];
            if (s.phase == schema::DdlPhase::ForeignKeys && sql.empty()) constraints_[s.table].push_back(s.object);
            sql.push_back(std::move(s.sql));
        }
        for (const schema::DdlNote& n : plan.notes)
            if (!n.object.empty()) notes_.push_back(n.table + " " + n.object + ": " + n.message);
    }

    std::vector<std::string> take_notes() { return std::move(notes_); }

    std::string pg(const std::string& mysql_name) const { return target_name(mysql_name, in_.identifier_case); }

    std::vector<std::string> row_key(const model::Table& t) const {
        std::vector<std::string> out;
        if (const model::Index* pk = t.primary_key())
            for (const model::IndexColumn& ic : pk->columns)
                if (const model::Column* c = find_column_ci(t, ic.name)) out.push_back(quote_ident(pg(c->name)));
        return out;
    }

    void add_key_parts(BuildTask& task, const model::Table& t, const model::Index& index) const {
        bool plain = true;
        for (const model::IndexColumn& ic : index.columns) {
            const model::Column* c = find_column_ci(t, ic.name);
            if (!c) return;
            std::string sql = quote_ident(pg(c->name));
            if (ic.prefix_length && task.kind != TaskKind::PrimaryKey) {
                const std::string type = convert::map_column(in_.types, t.name, *c).pg_type;
                std::string n = std::to_string(*ic.prefix_length);
                if (type == "bytea") sql = "substr(" + sql + ", 1, " + n + ")";
                else if (type.find("char") != std::string::npos || type == "text") sql = "left(" + sql + ", " + n + ")";
                plain = false;
            }
            if (ic.descending) plain = false;
            task.key_sql.push_back(sql);
            task.key_columns.push_back(pg(c->name));
        }
        if (!plain) task.key_columns.clear();
    }

    // The DDL's statements for one object, or none when the DDL skipped it (with a note).
    const std::vector<std::string>* ddl(schema::DdlPhase phase, const model::Table& t, const std::string& object) const {
        auto it = statements_.find({phase, t.name, object});
        return it == statements_.end() ? nullptr : &it->second;
    }

    void add_indexes(const model::Table& t, std::vector<BuildTask>& out) const {
        for (const model::Index& index : t.indexes) {
            if (index.kind == model::IndexKind::Fulltext) continue;
            BuildTask task;
            task.table = pg(t.name);
            task.row_key = row_key(t);
            if (index.kind == model::IndexKind::Primary) {
                task.kind = TaskKind::PrimaryKey;
                task.name = names_.primary_key(t);
            } else {
                task.kind = index.kind == model::IndexKind::Unique ? TaskKind::UniqueIndex : TaskKind::Index;
                task.name = names_.index(t, index);
            }
            const auto* sql = ddl(schema::DdlPhase::Indexes, t, task.name);
            if (!sql || sql->empty()) continue;
            task.create_sql = sql->front();
            if (task.kind == TaskKind::PrimaryKey && sql->size() > 1) task.finish_sql = (*sql)[1];
            add_key_parts(task, t, index);
            out.push_back(std::move(task));
        }
    }

    void add_foreign_keys(const model::Table& t, std::vector<BuildTask>& out) const {
        for (const model::ForeignKey& fk : t.foreign_keys) {
            BuildTask task;
            task.kind = TaskKind::ForeignKey;
            task.table = pg(t.name);
            task.name = names_.foreign_key(t, fk);
            const auto* sql = ddl(schema::DdlPhase::ForeignKeys, t, task.name);
            if (!sql || sql->size() < 2) continue;
            task.create_sql = (*sql)[0];
            task.finish_sql = (*sql)[1];
            task.row_key = row_key(t);
            const model::Table* parent = find_table_ci(catalog_, fk.referenced_table);
            task.foreign_key.referenced_table = pg(parent ? parent->name : fk.referenced_table);
            for (const std::string& c : fk.columns) {
                const model::Column* col = find_column_ci(t, c);
                task.foreign_key.columns.push_back(pg(col ? col->name : c));
            }
            for (const std::string& c : fk.referenced_columns) {
                const model::Column* col = parent ? find_column_ci(*parent, c) : nullptr;
                task.foreign_key.referenced_columns.push_back(pg(col ? col->name : c));
            }
            out.push_back(std::move(task));
        }
    }

    // The DDL names checks itself (after the table's other constraints) and skips the ones
    // it cannot translate, so its statements are the list: every ForeignKeys-phase object
    // of the table whose ADD is a CHECK.
    void add_checks(const model::Table& t, std::vector<BuildTask>& out) const {
        auto objects = constraints_.find(t.name);
        if (objects == constraints_.end()) return;
        for (const std::string& name : objects->second) {
            const auto* sql = ddl(schema::DdlPhase::ForeignKeys, t, name);
            if (!sql || sql->size() < 2) continue;
            std::optional<std::string> clause = check_clause((*sql)[0], name);
            if (!clause) continue;
            BuildTask task;
            task.kind = TaskKind::Check;
            task.table = pg(t.name);
            task.name = name;
            task.create_sql = (*sql)[0];
            task.finish_sql = (*sql)[1];
            task.row_key = row_key(t);
            task.check.clause = std::move(*clause);
            out.push_back(std::move(task));
        }
    }

    void add_generated_fulltext(const model::Table& t, std::vector<BuildTask>& out) const {
        for (const model::Index& index : t.indexes) {
            if (index.kind != model::IndexKind::Fulltext) continue;
            BuildTask task;
            task.kind = TaskKind::Fulltext;
            task.table = pg(t.name);
            task.name = names_.index(t, index);
            task.row_key = row_key(t);
            task.fulltext.config = in_.text_search_config;
            bool complete = true;
            for (const model::IndexColumn& ic : index.columns) {
                const model::Column* c = find_column_ci(t, ic.name);
                if (!c) complete = false;
                else task.fulltext.columns.push_back(pg(c->name));
            }
            if (!complete || task.fulltext.columns.empty()) continue;  // the DDL notes it
            task.create_sql = fulltext_index_sql(in_.target_schema, task.table, task.name, task.fulltext.config,
                                                 task.fulltext.columns);
            out.push_back(std::move(task));
        }
    }

    const model::Table* table_for(const std::string& pg_table) const {
        for (const model::Table& t : catalog_.tables)
            if (pg(t.name) == pg_table) return &t;
        return nullptr;
    }

private:
    const PlanInputs& in_;
    const model::Catalog& catalog_;
    schema::DdlNames names_;
    std::map<std::tuple<schema::DdlPhase, std::string, std::string>, std::vector<std::string>> statements_;
    std::map<std::string, std::vector<std::string>> constraints_;  // MySQL table → ForeignKeys-phase objects, in order
    std::vector<std::string> notes_;
};

BuildTask profile_task(const PlanInputs& in, const profile::FulltextIndex& f) {
    BuildTask task;
    task.kind = TaskKind::Fulltext;
    task.table = f.table;
    task.name = f.name;
    task.fulltext = FulltextSpec{f.config, f.columns, true};
    task.create_sql = fulltext_index_sql(in.target_schema, f.table, f.name, f.config, f.columns);
    return task;
}

bool overridden_by_profile(const BuildTask& generated, const std::vector<BuildTask>& profile_tasks) {
    for (const BuildTask& p : profile_tasks) {
        if (p.name == generated.name) return true;
        if (p.table == generated.table && lowered(p.fulltext.columns) == lowered(generated.fulltext.columns))
            return true;
    }
    return false;
}

}  // namespace

std::string_view kind_name(TaskKind kind) {
    switch (kind) {
        case TaskKind::Fulltext: return "full-text";
        case TaskKind::Index: return "index";
        case TaskKind::UniqueIndex: return "unique index";
        case TaskKind::PrimaryKey: return "primary key";
        case TaskKind::UniqueConstraint: return "unique constraint";
        case TaskKind::ForeignKey: return "foreign key";
        case TaskKind::Check: return "check";
        case TaskKind::Exclusion: return "exclusion constraint";
        case TaskKind::Refresh: return "materialized view";
    }
    return "index";
}

IndexPlan plan_index(const PlanInputs& in) {
    const bool has_saved = in.saved && !in.saved->empty();
    if (!in.catalog && !in.profile && !has_saved)
        throw UsageError("nothing to index from: m2pg copy set nothing aside in schema " + in.target_schema +
                         "; give --profile NAME, --from-mysql DSN or --from-report FILE");
    IndexPlan plan;
    plan.target_schema = in.target_schema;
    plan.finishes_copy = has_saved;
    plan.tasks = has_saved ? saved_tasks(*in.saved, in.profile) : std::vector<BuildTask>{};
    const std::vector<BuildTask> saved = plan.tasks;
    auto add_unless_saved = [&](std::vector<BuildTask>& tasks) {
        for (BuildTask& t : tasks)
            if (!covered_by_saved(t, saved)) plan.tasks.push_back(std::move(t));
    };

    std::vector<BuildTask> profile_tasks;
    if (in.profile && in.scope.plugin.empty())
        for (const profile::FulltextIndex& f : in.profile->fulltext) profile_tasks.push_back(profile_task(in, f));

    if (!in.catalog) {
        add_unless_saved(profile_tasks);
        if (in.create_indexes)
            plan.notes.push_back("no MySQL catalog (--from-mysql or --from-report): only what copy set aside, the "
                                 "profile's full-text indexes, sequences and ANALYZE; the app's migrations made its "
                                 "other indexes, foreign keys and checks");
        return plan;
    }

    const profile::Scope scope = profile::resolve_scope(*in.catalog, in.profile, in.scope);
    auto skipped = [&](const model::Table& t) { return !scope.contains(t.name); };
    Planner planner(in, *in.catalog);
    for (BuildTask& p : profile_tasks)
        if (const model::Table* t = planner.table_for(p.table)) p.row_key = planner.row_key(*t);
    std::vector<BuildTask> generated;
    for (const model::Table& t : in.catalog->tables)
        if (!skipped(t)) planner.add_generated_fulltext(t, generated);
    std::vector<BuildTask> catalog_tasks;
    for (BuildTask& g : generated)
        if (!overridden_by_profile(g, profile_tasks)) catalog_tasks.push_back(std::move(g));
    add_unless_saved(profile_tasks);

    if (in.create_indexes) {
        for (const model::Table& t : in.catalog->tables)
            if (!skipped(t)) planner.add_indexes(t, catalog_tasks);
        for (const model::Table& t : in.catalog->tables)
            if (!skipped(t)) planner.add_foreign_keys(t, catalog_tasks);
        for (const model::Table& t : in.catalog->tables)
            if (!skipped(t)) planner.add_checks(t, catalog_tasks);
    }
    add_unless_saved(catalog_tasks);
    plan.notes = planner.take_notes();
    return plan;
}

}  // namespace m2pg::index
