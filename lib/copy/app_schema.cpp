#include "copy/app_schema.hpp"

#include <set>

#include "copy/engine.hpp"
#include "target/postgres/saved_definitions.hpp"

namespace m2pg::copy {

namespace {

using target::postgres::AppSchemaDefinitions;
using target::postgres::Definition;
using target::postgres::DefinitionKind;

AppSchemaDefinitions read_existing(target::postgres::PgConnection& tx, const CopyPlan& plan,
                                   const std::string& target_schema) {
    std::set<std::string> tables;
    for (const TablePlan& t : plan.tables)
        if (!t.create) tables.insert(t.pair.target_name);
    return target::postgres::read_app_schema_definitions(tx, target_schema, {tables.begin(), tables.end()});
}

SetAside summarize(AppSchemaDefinitions found) {
    SetAside out;
    out.kept = std::move(found.kept);
    for (const Definition& d : found.definitions) {
        if (d.kind == DefinitionKind::Index) ++out.indexes;
        else if (d.kind == DefinitionKind::MaterializedView) ++out.views;
        else ++out.constraints;
    }
    return out;
}

}  // namespace

SetAside set_aside_app_schema(target::postgres::PgConnection& tx, const CopyPlan& plan,
                              const std::string& target_schema) {
    AppSchemaDefinitions found = read_existing(tx, plan, target_schema);
    target::postgres::save_and_drop_definitions(tx, found.definitions);
    return summarize(std::move(found));
}

SetAside preview_set_aside(target::postgres::PgConnection& pg, const CopyPlan& plan,
                           const std::string& target_schema) {
    AppSchemaDefinitions found;
    pg.in_transaction([&](target::postgres::PgConnection& tx) { found = read_existing(tx, plan, target_schema); });
    return summarize(std::move(found));
}

std::vector<std::string> describe_set_aside(const SetAside& s) {
    std::vector<std::string> out;
    if (s.indexes + s.constraints + s.views > 0)
        out.push_back("the target tables' " + std::to_string(s.indexes) + " index(es) and " +
                      std::to_string(s.constraints) + " constraint(s) other than primary keys are saved in " +
                      target::postgres::kSavedDefinitionsTable + " and dropped before the first row, and " +
                      std::to_string(s.views) + " materialized view(s) reading them await a refresh: m2pg index " +
                      "puts them back");
    for (const auto& k : s.kept) out.push_back(k.table + "." + k.name + " is " + k.reason);
    return out;
}

}  // namespace m2pg::copy
