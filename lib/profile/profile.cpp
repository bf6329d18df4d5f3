#include "profile/profile.hpp"

#include <toml.hpp>

#include <algorithm>
#include <cstdlib>
#include <string_view>
#include <vector>

#include <fnmatch.h>

#include "util/data_dir.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace m2pg::profile {

namespace fs = std::filesystem;

namespace {

fs::path resolve_file(const std::string& name_or_path) {
    fs::path given(name_or_path);
    if (fs::is_regular_file(given)) return given;
    if (fs::is_directory(given) && fs::is_regular_file(given / "profile.toml")) return given / "profile.toml";
    if (name_or_path.find('/') == std::string::npos) {
        fs::path builtin = profiles_root() / name_or_path / "profile.toml";
        if (fs::is_regular_file(builtin)) return builtin;
    }
    std::string known;
    if (fs::is_directory(profiles_root()))
        for (const auto& entry : fs::directory_iterator(profiles_root()))
            if (fs::is_regular_file(entry.path() / "profile.toml"))
                known += (known.empty() ? "" : ", ") + entry.path().filename().string();
    throw UsageError("profile '" + name_or_path + "' not found (known profiles: " + (known.empty() ? "none" : known) +
                     "; or give the path of a profile folder)");
}

ArtifactKind parse_kind(const std::string& kind, const std::string& file) {
    if (kind == "table") return ArtifactKind::Table;
    if (kind == "column") return ArtifactKind::Column;
    if (kind == "index") return ArtifactKind::Index;
    throw UsageError(file + ": artifact kind '" + kind + "' is not table, column or index");
}

fs::path optional_dir(const fs::path& base, const toml::value& section, const char* key) {
    std::string rel = toml::find_or<std::string>(section, key, "");
    if (rel.empty()) return {};
    return fs::weakly_canonical(base / rel);
}

std::optional<FetchSource> optional_fetch(const toml::value& section, const std::string& file) {
    if (!section.contains("fetch")) return std::nullopt;
    const auto& f = toml::find(section, "fetch");
    FetchSource source;
    source.repository = toml::find<std::string>(f, "repository");
    source.tag = toml::find_or<std::string>(f, "tag", source.tag);
    source.path = toml::find<std::string>(f, "path");
    if (source.tag.find("{version}") == std::string::npos)
        throw UsageError(file + ": fetch tag '" + source.tag + "' has no {version}");
    if (f.contains("paths_before"))
        for (const auto& [release, path] : toml::find(f, "paths_before").as_table())
            source.paths_before[release] = toml::get<std::string>(path);
    return source;
}

// The keys the loader reads in each table of the format. A key it does not read would do
// nothing without a word (a `next_step` written below [migrations] belongs to that table in
// TOML, and was ignored), so it is an error naming the key, the table and the file.
const std::vector<std::string_view> kTopKeys = {"name",        "description",     "skip_tables", "optional_tables",
                                                "replace_tables", "next_step",    "migrations",  "app_versions",
                                                "artifacts",   "fulltext",        "plugins",     "casts",
                                                "empty_json"};
const std::vector<std::string_view> kMigrationsKeys = {"postgres_dir", "mysql_dir", "table", "version_column",
                                                       "name_column", "fetch"};
const std::vector<std::string_view> kFetchKeys = {"repository", "tag", "path", "paths_before"};
const std::vector<std::string_view> kArtifactKeys = {"kind", "table", "column", "index", "reason"};
const std::vector<std::string_view> kFulltextKeys = {"table", "name", "columns", "config"};
const std::vector<std::string_view> kPluginKeys = {"tables", "migrations_table", "postgres_dir", "fetch"};
const std::vector<std::string_view> kEmptyJsonKeys = {"columns"};

bool is_one_of(const std::vector<std::string_view>& keys, const std::string& key) {
    return std::find(keys.begin(), keys.end(), key) != keys.end();
}

// Throws UsageError for the first key of `table` (in name order) that is not in `known`;
// `where` names the table as the file spells it ("[migrations]").
void require_known_keys(const toml::value& table, const std::vector<std::string_view>& known,
                        const std::string& where, const std::string& file) {
    if (!table.is_table()) return;  // the reader says what kind of value it wanted
    std::vector<std::string> unknown;
    for (const auto& [key, value] : table.as_table())
        if (!is_one_of(known, key)) unknown.push_back(key);
    if (unknown.empty()) return;
    std::sort(unknown.begin(), unknown.end());
    const std::string& key = unknown.front();
    std::vector<std::string> names(known.begin(), known.end());
    std::string message = "profile " + file + ": unknown key '" + key + "' in " + where + " (its keys: " +
                          util::join(names, ", ") + ")";
    if (where != "the top level" && is_one_of(kTopKeys, key))
        message += "; " + key + " is a top-level key: put it above the first [table] header";
    throw UsageError(message);
}

void require_known_fetch_keys(const toml::value& section, const std::string& where, const std::string& file) {
    if (section.is_table() && section.contains("fetch"))
        require_known_keys(toml::find(section, "fetch"), kFetchKeys, where, file);
}

// Every table of the format, before anything is read from it.
void require_known_keys(const toml::value& doc, const std::string& file) {
    require_known_keys(doc, kTopKeys, "the top level", file);
    if (doc.contains("migrations")) {
        const auto& m = toml::find(doc, "migrations");
        require_known_keys(m, kMigrationsKeys, "[migrations]", file);
        require_known_fetch_keys(m, "[migrations.fetch]", file);
    }
    auto each_of_array = [&](const char* name, const std::vector<std::string_view>& known) {
        if (!doc.contains(name) || !toml::find(doc, name).is_array()) return;
        const auto& items = toml::find(doc, name).as_array();
        for (std::size_t i = 0; i < items.size(); ++i)
            require_known_keys(items[i], known, "[[" + std::string(name) + "]] number " + std::to_string(i + 1), file);
    };
    each_of_array("artifacts", kArtifactKeys);
    each_of_array("fulltext", kFulltextKeys);
    if (doc.contains("plugins") && toml::find(doc, "plugins").is_table())
        for (const auto& [name, section] : toml::find(doc, "plugins").as_table()) {
            require_known_keys(section, kPluginKeys, "[plugins." + name + "]", file);
            require_known_fetch_keys(section, "[plugins." + name + ".fetch]", file);
        }
    if (doc.contains("empty_json")) require_known_keys(toml::find(doc, "empty_json"), kEmptyJsonKeys, "[empty_json]", file);
}

}  // namespace

fs::path profiles_root() {
    if (const char* env = std::getenv("M2PG_PROFILES_DIR"); env && *env) return env;
    return util::data_dir() / "migrations";
}

Profile load_profile(const std::string& name_or_path) {
    fs::path file = resolve_file(name_or_path);
    Profile p;
    p.directory = fs::weakly_canonical(file.parent_path());
    try {
        const auto doc = toml::parse(file.string());
        require_known_keys(doc, file.string());
        p.name = toml::find_or<std::string>(doc, "name", p.directory.filename().string());
        p.description = toml::find_or<std::string>(doc, "description", "");
        if (doc.contains("migrations")) {
            const auto& m = toml::find(doc, "migrations");
            p.postgres_migrations = optional_dir(p.directory, m, "postgres_dir");
            p.mysql_migrations = optional_dir(p.directory, m, "mysql_dir");
            p.migrations_table = toml::find_or<std::string>(m, "table", p.migrations_table);
            p.version_column = toml::find_or<std::string>(m, "version_column", p.version_column);
            p.name_column = toml::find_or<std::string>(m, "name_column", p.name_column);
            p.fetch = optional_fetch(m, file.string());
        }
        if (doc.contains("app_versions"))
            for (const auto& [release, version] : toml::find(doc, "app_versions").as_table())
                p.app_versions[release] = toml::get<std::int64_t>(version);
        if (doc.contains("artifacts"))
            for (const auto& a : toml::find(doc, "artifacts").as_array()) {
                Artifact artifact;
                artifact.kind = parse_kind(toml::find<std::string>(a, "kind"), file.string());
                artifact.table = toml::find<std::string>(a, "table");
                artifact.column = toml::find_or<std::string>(a, "column", "");
                artifact.index = toml::find_or<std::string>(a, "index", "");
                artifact.reason = toml::find_or<std::string>(a, "reason", "");
                if (artifact.kind == ArtifactKind::Column && artifact.column.empty())
                    throw UsageError(file.string() + ": column artifact of " + artifact.table + " has no column");
                if (artifact.kind == ArtifactKind::Index && artifact.index.empty())
                    throw UsageError(file.string() + ": index artifact of " + artifact.table + " has no index");
                p.artifacts.push_back(std::move(artifact));
            }
        if (doc.contains("fulltext"))
            for (const auto& f : toml::find(doc, "fulltext").as_array()) {
                FulltextIndex index;
                index.table = toml::find<std::string>(f, "table");
                index.name = toml::find<std::string>(f, "name");
                index.columns = toml::find<std::vector<std::string>>(f, "columns");
                index.config = toml::find_or<std::string>(f, "config", index.config);
                p.fulltext.push_back(std::move(index));
            }
        if (doc.contains("plugins"))
            for (const auto& [name, section] : toml::find(doc, "plugins").as_table()) {
                Plugin plugin;
                plugin.tables = toml::find<std::vector<std::string>>(section, "tables");
                plugin.migrations_table = toml::find_or<std::string>(section, "migrations_table", "");
                plugin.postgres_migrations = optional_dir(p.directory, section, "postgres_dir");
                plugin.fetch = optional_fetch(section, file.string());
                p.plugins[name] = std::move(plugin);
            }
        p.skip_tables = toml::find_or<std::vector<std::string>>(doc, "skip_tables", {});
        p.optional_tables = toml::find_or<std::vector<std::string>>(doc, "optional_tables", {});
        p.replace_tables = toml::find_or<std::vector<std::string>>(doc, "replace_tables", {});
        p.next_step = toml::find_or<std::string>(doc, "next_step", "");
        if (doc.contains("casts"))
            for (const auto& [column, type] : toml::find(doc, "casts").as_table())
                p.casts[column] = toml::get<std::string>(type);
        if (doc.contains("empty_json"))
            p.empty_json_columns = toml::find_or<std::vector<std::string>>(toml::find(doc, "empty_json"), "columns", {});
    } catch (const toml::exception& e) {
        // toml11's messages already name the file, line and key, with a caret under it.
        throw UsageError("profile " + file.string() + " is malformed: " + e.what());
    } catch (const std::out_of_range& e) {
        throw UsageError("profile " + file.string() + " lacks a required key: " + e.what());
    }
    return p;
}

std::int64_t version_for_app(const Profile& profile, const std::string& app_version) {
    auto it = profile.app_versions.find(app_version);
    if (it != profile.app_versions.end()) return it->second;
    std::string known;
    for (const auto& [release, version] : profile.app_versions) known += (known.empty() ? "" : ", ") + release;
    throw UsageError("profile " + profile.name + " does not know app version '" + app_version +
                     "' (known: " + (known.empty() ? "none" : known) + ")");
}

const Plugin& find_plugin(const Profile& profile, const std::string& plugin) {
    auto it = profile.plugins.find(plugin);
    if (it != profile.plugins.end()) return it->second;
    std::string known;
    for (const auto& [name, tables] : profile.plugins) known += (known.empty() ? "" : ", ") + name;
    throw UsageError("profile " + profile.name + " has no plugin '" + plugin + "' (plugins: " +
                     (known.empty() ? "none" : known) + ")");
}

bool matches_any(const std::vector<std::string>& patterns, const std::string& name) {
    return std::any_of(patterns.begin(), patterns.end(), [&](const std::string& pattern) {
        return ::fnmatch(pattern.c_str(), name.c_str(), FNM_CASEFOLD) == 0;
    });
}

}  // namespace m2pg::profile
