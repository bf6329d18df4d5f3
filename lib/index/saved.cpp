#include "index/saved.hpp"

#include "index/fulltext.hpp"
#include "target/postgres/identifier.hpp"

namespace m2pg::index {

namespace {

using target::postgres::Definition;
using target::postgres::DefinitionKind;
using target::postgres::quote_ident;

bool is_fulltext(const Definition& d) {
    return d.method == "gin" && d.definition.find("to_tsvector(") != std::string::npos;
}

bool is_unique_index(const Definition& d) { return d.definition.rfind("CREATE UNIQUE INDEX ", 0) == 0; }

std::string alter_table(const Definition& d) { return "ALTER TABLE " + qualified(d.schema, d.table); }

std::string add_constraint(const Definition& d) {
    return alter_table(d) + " ADD CONSTRAINT " + quote_ident(d.name) + " " + d.definition;
}

std::string deferrability(const Definition& d) {
    if (!d.is_deferrable) return "";
    return d.is_deferred ? " DEFERRABLE INITIALLY DEFERRED" : " DEFERRABLE";
}

// Added NOT VALID and validated afterwards, so the add is metadata only; one the app had
// NOT VALID comes back NOT VALID (its definition says so) and is not validated.
void add_then_validate(BuildTask& task, const Definition& d) {
    task.create_sql = add_constraint(d) + (d.is_validated ? " NOT VALID" : "");
    if (d.is_validated) task.finish_sql = alter_table(d) + " VALIDATE CONSTRAINT " + quote_ident(d.name);
}

void attach_fulltext_spec(BuildTask& task, const profile::Profile* profile) {
    if (!profile) return;
    for (const profile::FulltextIndex& f : profile->fulltext)
        if (f.table == task.table && f.name == task.name) task.fulltext = FulltextSpec{f.config, f.columns, true};
}

BuildTask task_for(const Definition& d, const profile::Profile* profile) {
    BuildTask task;
    task.table = d.table;
    task.name = d.name;
    task.tablespace = d.tablespace;
    task.method = d.method;
    task.saved = d;
    switch (d.kind) {
        case DefinitionKind::Index:
            task.kind = is_fulltext(d) ? TaskKind::Fulltext : is_unique_index(d) ? TaskKind::UniqueIndex : TaskKind::Index;
            task.create_sql = d.definition;
            if (task.kind == TaskKind::UniqueIndex) {
                task.key_sql = d.key_sql;
                task.key_filter = d.predicate;
            }
            if (task.kind == TaskKind::Fulltext) attach_fulltext_spec(task, profile);
            break;
        case DefinitionKind::UniqueConstraint:
            task.kind = TaskKind::UniqueConstraint;
            task.create_sql = d.index_definition;
            task.finish_sql = alter_table(d) + " ADD CONSTRAINT " + quote_ident(d.name) + " UNIQUE USING INDEX " +
                              quote_ident(d.name) + deferrability(d);
            task.key_sql = d.key_sql;
            break;
        case DefinitionKind::ForeignKey:
            task.kind = TaskKind::ForeignKey;
            add_then_validate(task, d);
            task.foreign_key = ForeignKeySpec{d.columns, d.referenced_table, d.referenced_columns};
            break;
        case DefinitionKind::Check:
            task.kind = TaskKind::Check;
            add_then_validate(task, d);
            task.check.clause = d.check_clause;
            break;
        case DefinitionKind::Exclusion:
            task.kind = TaskKind::Exclusion;
            task.create_sql = add_constraint(d);
            break;
        case DefinitionKind::MaterializedView:
            task.kind = TaskKind::Refresh;
            task.create_sql = "REFRESH MATERIALIZED VIEW " + d.definition;
            break;
    }
    return task;
}

// A saved plain btree index on exactly these columns (unique when `unique`).
bool same_columns(const BuildTask& task, const BuildTask& saved, bool unique) {
    if (!saved.saved || saved.method != "btree" || !saved.saved->predicate.empty()) return false;
    if (saved.kind != TaskKind::UniqueConstraint && saved.kind != TaskKind::UniqueIndex &&
        saved.kind != TaskKind::Index)
        return false;
    if (unique && saved.kind == TaskKind::Index) return false;
    const auto& keys = saved.saved->key_sql;
    if (task.key_columns.empty() || keys.size() != task.key_columns.size()) return false;
    for (std::size_t i = 0; i < keys.size(); ++i)
        if (keys[i] != quote_ident(task.key_columns[i])) return false;
    return true;
}

bool same_reference(const BuildTask& task, const BuildTask& saved) {
    return saved.kind == TaskKind::ForeignKey && saved.foreign_key.columns == task.foreign_key.columns &&
           saved.foreign_key.referenced_table == task.foreign_key.referenced_table &&
           saved.foreign_key.referenced_columns == task.foreign_key.referenced_columns;
}

}  // namespace

std::vector<BuildTask> saved_tasks(const std::vector<Definition>& saved, const profile::Profile* profile) {
    std::vector<BuildTask> out;
    for (const Definition& d : saved) out.push_back(task_for(d, profile));
    return out;
}

bool covered_by_saved(const BuildTask& task, const std::vector<BuildTask>& saved) {
    for (const BuildTask& s : saved) {
        if (s.kind == TaskKind::Refresh || s.table != task.table) continue;
        if (s.name == task.name) return true;
        switch (task.kind) {
            case TaskKind::Index:
            case TaskKind::UniqueIndex:
                if (same_columns(task, s, task.kind == TaskKind::UniqueIndex)) return true;
                break;
            case TaskKind::ForeignKey:
                if (same_reference(task, s)) return true;
                break;
            default: break;
        }
    }
    return false;
}

}  // namespace m2pg::index
