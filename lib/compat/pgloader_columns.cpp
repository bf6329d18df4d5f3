#include "compat/pgloader_columns.hpp"

#include <optional>

#include "schema/defaults.hpp"
#include "model/lookup.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace m2pg::compat {

namespace {

bool is_date(convert::Codec codec) {
    return codec == convert::Codec::Date || codec == convert::Codec::DateTime || codec == convert::Codec::Timestamp;
}

ColumnRule rule_for(const model::Table& table, const model::Column& column, const convert::Mapping& mapping,
                    std::string reason) {
    ColumnRule rule;
    rule.table = table.name;
    rule.column = column.name;
    rule.pg_type = mapping.pg_type;
    rule.transform = transform_for(mapping.codec);
    rule.reason = std::move(reason);
    return rule;
}

// pgloader 3.6 writes a MySQL default current_timestamp(n) with fractional digits as the
// string 'current_timestamp(6)', which no timestamp column accepts: the CREATE TABLE fails
// and pgloader loads nothing. (current_timestamp() it knows.)
bool pgloader_misreads_default(const std::string& mysql_default) {
    const std::string d = util::ascii_lower(mysql_default);
    return d.rfind("current_timestamp(", 0) == 0 && d != "current_timestamp()";
}

// The rule a column needs beyond the type rules, if any.
std::optional<ColumnRule> column_rule(const model::Table& table, const model::Column& column,
                                      const convert::Mapping& mapping) {
    if (mapping.is_override) {
        ColumnRule rule = rule_for(table, column, mapping, "profile cast");
        const std::string to = util::ascii_lower(mapping.pg_type);
        if ((to == "json" || to == "jsonb") && util::ascii_lower(column.data_type) != "json") {
            rule.transform = kTextToJson;
            rule.reason += ", an empty string written as {}";
        }
        return rule;
    }
    if (util::ascii_lower(column.data_type) == "json")
        return rule_for(table, column, mapping, "JSON: MariaDB reports it as longtext");
    const bool has_default = column.default_value && util::ascii_lower(*column.default_value) != "null";
    if (is_date(mapping.codec) && has_default) {
        const schema::DefaultTranslation translated = schema::translate_default(column, mapping);
        if (translated.expression && pgloader_misreads_default(*column.default_value)) {
            ColumnRule rule = rule_for(table, column, mapping,
                                       "default " + *column.default_value + " set after the load: pgloader misreads it");
            rule.drop_default = true;
            rule.restore_default = *translated.expression;
            return rule;
        }
        if (!translated.expression) {
            ColumnRule rule = rule_for(table, column, mapping, "default " + *column.default_value + " dropped");
            rule.drop_default = true;
            rule.drop_not_null = translated.drop_not_null;
            if (rule.drop_not_null) rule.reason += ", and NOT NULL";
            rule.reason += ", as m2pg does";
            return rule;
        }
    }
    return std::nullopt;
}

void check_profile_casts(const model::Catalog& catalog, const profile::Profile& profile, ColumnPlan& plan) {
    for (const auto& [name, pg_type] : profile.casts) {
        const std::size_t dot = name.find('.');
        const model::Table* table = dot == std::string::npos ? nullptr : model::find_table_ci(catalog, name.substr(0, dot));
        if (table && model::find_column_ci(*table, name.substr(dot + 1))) continue;
        plan.warnings.push_back("profile cast " + name + " = " + pg_type + " names no column of MySQL database " +
                                catalog.database + "; left out");
    }
}

}  // namespace

ColumnPlan plan_columns(const model::Catalog& catalog, const convert::TypeConfig& types,
                        const profile::Profile* profile, const profile::ScopeRequest& request) {
    ColumnPlan plan;
    if (profile) check_profile_casts(catalog, *profile, plan);
    const profile::Scope scope = profile::resolve_scope(catalog, profile, request);
    for (const model::Table* each : scope.sources()) {
        const model::Table& table = *each;
        for (const model::Column& column : table.columns) {
            const std::string where = table.name + "." + column.name + " (" + column.column_type + "): ";
            std::optional<convert::Mapping> mapping;
            try {
                mapping = convert::map_column(types, table.name, column);
            } catch (const ConvertError&) {
                // m2pg copy refuses this column (check reports it); say so, and let pgloader try.
                plan.differences.push_back(where + "m2pg copy does not know this type");
                continue;
            }
            if (auto rule = column_rule(table, column, *mapping)) {
                plan.rules.push_back(std::move(*rule));
                continue;
            }
            const std::optional<std::string> pgloader_type = type_rule_result(column);
            if (pgloader_type && util::ascii_iequals(*pgloader_type, mapping->pg_type)) continue;
            plan.differences.push_back(where + "pgloader " + pgloader_type.value_or("by its own rules") +
                                       ", m2pg copy " + mapping->pg_type);
        }
    }
    return plan;
}

}  // namespace m2pg::compat
