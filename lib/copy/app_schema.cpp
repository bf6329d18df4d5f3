#include "copy/app_schema.hpp"

#include <set>

#include "copy/engine.hpp"
#include "target/postgres/saved_definitions.hpp"

namespace m2pg::copy {

using target::postgres::Definition;
using target::postgres::DefinitionKind;

SetAside set_aside_app_schema(target::postgres::PgConnection& tx, const CopyPlan& plan,
                              const std::string& target_schema) {
    std::set<std::string> tables;
    for (const TablePlan& t : plan.tables)
        if (!t.create) tables.insert(t.pair.target_name);
    auto found = target::postgres::read_app_schema_definitions(tx, target_schema, {tables.begin(), tables.end()});
    target::postgres::save_and_drop_definitions(tx, found.definitions);

    SetAside out;
    out.kept = std::move(found.kept);
    for (const Definition& d : found.definitions) {
        if (d.kind == DefinitionKind::Index) ++out.indexes;
        else if (d.kind == DefinitionKind::MaterializedView) ++out.views;
        else ++out.constraints;
    }
    return out;
}

std::vector<std::string> describe_set_aside(const SetAside& s) {
    std::vector<std::string> out;
    if (s.indexes + s.constraints + s.views > 0)
        out.push_back("set aside " + std::to_string(s.indexes) + " index(es) and " + std::to_string(s.constraints) +
                      " constraint(s) of the target tables, saved in " +
                      target::postgres::kSavedDefinitionsTable + " (primary keys stay); " +
                      std::to_string(s.views) + " materialized view(s) to refresh: m2pg index puts them back");
    for (const auto& k : s.kept) out.push_back(k.table + "." + k.name + " " + k.reason);
    return out;
}

}  // namespace m2pg::copy
