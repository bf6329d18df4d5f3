#include "profile/scope.hpp"

#include <algorithm>
#include <optional>
#include <set>

#include "util/error.hpp"
#include "util/text.hpp"

namespace m2pg::profile {

namespace {

std::set<std::string> lowered(const std::vector<std::string>& names) {
    std::set<std::string> out;
    for (const auto& n : names)
        if (!n.empty()) out.insert(util::ascii_lower(n));
    return out;
}

bool is_named(const std::string& table, const std::string& name) {
    return !name.empty() && util::ascii_iequals(table, name);
}

// Why the profile leaves `table` out of the core, or nullopt when it belongs there.
// Optional tables are reported too: the caller lets --tables bring them back.
std::optional<std::string> core_exclusion(const Profile& p, const std::string& table) {
    if (is_named(table, p.migrations_table)) return "the app's migrations table";
    if (matches_any(p.skip_tables, table)) return "skip_tables";
    for (const auto& [name, plugin] : p.plugins)
        if (matches_any(plugin.tables, table) || is_named(table, plugin.migrations_table)) return "plugin " + name;
    if (matches_any(p.optional_tables, table)) return "optional_tables (name it in --tables to copy it)";
    return std::nullopt;
}

void require_known(const model::Catalog& catalog, const std::set<std::string>& wanted) {
    std::vector<std::string> missing;
    for (const auto& w : wanted)
        if (std::none_of(catalog.tables.begin(), catalog.tables.end(),
                         [&](const model::Table& t) { return util::ascii_lower(t.name) == w; }))
            missing.push_back(w);
    if (!missing.empty())
        throw UsageError("no such MySQL table in " + catalog.database + ": " + util::join(missing, ", "));
}

}  // namespace

std::vector<const model::Table*> Scope::sources() const {
    std::vector<const model::Table*> out;
    out.reserve(tables.size());
    for (const auto& t : tables) out.push_back(t.source);
    return out;
}

bool Scope::contains(const std::string& mysql_table) const {
    return std::any_of(tables.begin(), tables.end(),
                       [&](const ScopedTable& t) { return util::ascii_iequals(t.source->name, mysql_table); });
}

Scope resolve_scope(const model::Catalog& catalog, const Profile* profile, const ScopeRequest& request) {
    const auto wanted = lowered(request.tables);
    const auto excluded = lowered(request.exclude);
    Scope scope;
    scope.plugin = request.plugin;
    const Plugin* plugin = nullptr;
    if (!request.plugin.empty()) {
        if (!profile) throw UsageError("--plugin needs --profile: the profile lists each plugin's tables");
        if (!wanted.empty()) throw UsageError("--plugin and --tables cannot be combined");
        plugin = &find_plugin(*profile, request.plugin);
    }
    require_known(catalog, wanted);

    for (const auto& t : catalog.tables) {
        const auto name = util::ascii_lower(t.name);
        if (!wanted.empty() && !wanted.count(name)) continue;
        std::optional<std::string> why;
        if (plugin) {
            if (!matches_any(plugin->tables, t.name) && !is_named(t.name, plugin->migrations_table))
                why = "not of plugin " + request.plugin;
        } else if (profile) {
            why = core_exclusion(*profile, t.name);
            if (why && wanted.count(name)) {
                if (matches_any(profile->optional_tables, t.name) && !matches_any(profile->skip_tables, t.name))
                    why.reset();
                else
                    throw UsageError("table " + t.name + " is left out by profile " + profile->name + " (" + *why +
                                     ")" + (why->rfind("plugin ", 0) == 0 ? ": use --" + *why : ""));
            }
        }
        if (why) {
            if (!plugin) scope.left_out.push_back({t.name, *why});
            continue;
        }
        if (excluded.count(name)) continue;
        const bool replace =
            profile && (matches_any(profile->replace_tables, t.name) ||
                        (plugin && is_named(t.name, plugin->migrations_table)));
        scope.tables.push_back({&t, replace});
    }
    return scope;
}

convert::TypeConfig with_casts(convert::TypeConfig types, const Profile* profile) {
    if (profile) {
        for (const auto& [column, pg_type] : profile->casts) types.column_overrides[column] = pg_type;
        types.empty_json_as_object.insert(types.empty_json_as_object.end(), profile->empty_json_columns.begin(),
                                          profile->empty_json_columns.end());
    }
    return types;
}

}  // namespace m2pg::profile
