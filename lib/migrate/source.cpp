#include "migrate/source.hpp"

#include "util/error.hpp"

namespace m2pg::migrate {

namespace {

// --app-version X of a source the profile can fetch: the migrations of that release, unless
// the admin gave a folder too (which of the two would be meant?).
void fetch_instead_of_directory(MigrationSource& source, const profile::FetchSource& from, const SourceRequest& request) {
    if (!request.migrations_dir.empty())
        throw UsageError("--app-version " + request.app_version + " fetches the migrations of that release and "
                         "--migrations-dir names a folder of them: give one");
    source.directory.clear();
    source.fetch = FetchRequest{from, request.app_version};
}

void use_profile_layout(MigrationSource& source, const profile::Profile& profile) {
    source.history.version_column = profile.version_column;
    source.history.name_column = profile.name_column;
}

MigrationSource plugin_source(const profile::Profile& profile, const SourceRequest& request) {
    const profile::Plugin& plugin = profile::find_plugin(profile, request.plugin);
    MigrationSource source;
    source.what = "plugin " + request.plugin + " of profile " + profile.name;
    if (plugin.migrations_table.empty())
        throw UsageError(source.what + " names no migrations_table: there is nowhere to record its migrations");
    source.history.schema = request.schema;
    source.history.table = plugin.migrations_table;
    use_profile_layout(source, profile);  // the plugin's engine is the app's (morph)
    source.table_patterns = plugin.tables;
    source.directory = request.migrations_dir.empty() ? plugin.postgres_migrations : request.migrations_dir;
    if (!request.app_version.empty()) {
        if (!plugin.fetch)
            throw UsageError("--app-version with --plugin " + request.plugin + ": the profile says nowhere to fetch "
                             "the plugin's releases from; give its migrations with --migrations-dir DIR");
        fetch_instead_of_directory(source, *plugin.fetch, request);
        return source;
    }
    if (source.directory.empty()) {
        std::string where;
        if (plugin.fetch)
            where = " (the plugin keeps them in " + plugin.fetch->path + " of " + plugin.fetch->repository + ")";
        throw UsageError(source.what + " ships no Postgres migrations: give the plugin's own with --migrations-dir DIR" +
                         where + (plugin.fetch ? ", or --app-version X to fetch those of plugin release X" : "") + ", or let m2pg copy --plugin " + request.plugin + " --create-tables make its tables");
    }
    return source;
}

}  // namespace

MigrationSource resolve_source(const profile::Profile* profile, const SourceRequest& request) {
    if (!request.plugin.empty()) {
        if (!profile) throw UsageError("--plugin needs --profile: the profile lists each plugin's migrations table");
        return plugin_source(*profile, request);
    }
    MigrationSource source;
    source.history.schema = request.schema;
    source.directory = request.migrations_dir;
    if (!profile) {
        if (source.directory.empty()) throw UsageError("--run-migrations needs --profile NAME or --migrations-dir DIR");
        if (!request.app_version.empty()) throw UsageError("--app-version needs --profile");
        source.what = source.directory.string();
        return source;
    }
    source.what = "profile " + profile->name;
    source.history.table = profile->migrations_table;
    use_profile_layout(source, *profile);
    if (source.directory.empty()) source.directory = profile->postgres_migrations;
    if (!request.app_version.empty()) {
        if (profile->fetch && !profile->app_versions.count(request.app_version)) {
            fetch_instead_of_directory(source, *profile->fetch, request);
            return source;
        }
        source.target_version = profile::version_for_app(*profile, request.app_version);
    }
    if (source.directory.empty())
        throw UsageError("profile '" + profile->name +
                         "' ships no Postgres migrations: give the app's own with --migrations-dir DIR" +
                         (profile->fetch ? std::string(", or --app-version X to fetch those of release X") : ""));
    return source;
}

}  // namespace m2pg::migrate
