#pragma once
// A profile describes one application (DESIGN.md "Profiles"): where its migrations are,
// the table that records them, its release → migration version map, the artifacts older
// versions leave behind, its full-text indexes, its plugin table groups, tables to skip
// and per-column type overrides. Loaded from migrations/<name>/profile.toml.
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace m2pg::profile {

enum class ArtifactKind { Table, Column, Index };

// Something an older app version left in MySQL that the Postgres schema does not have.
struct Artifact {
    ArtifactKind kind = ArtifactKind::Table;
    std::string table;
    std::string column;  // Column kind
    std::string index;   // Index kind
    std::string reason;  // why it is a leftover, shown in the finding
};

// A full-text index the app's Postgres schema defines (wins over generated ones).
struct FulltextIndex {
    std::string table;                // Postgres table name
    std::string name;                 // Postgres index name
    std::vector<std::string> columns; // Postgres column names, concatenated for to_tsvector
    std::string config = "simple";    // text search configuration
};

// Where an app keeps its Postgres migrations in its public git repository, for fetching
// those of one release (m2pg schema --app-version X): the tag "v{version}" names a release,
// and `path` holds the NNNNNN_name.up.sql files, or `paths_before` for older releases.
struct FetchSource {
    std::string repository;  // a git URL
    std::string tag = "v{version}";
    std::string path;
    // Release → the path used by releases BELOW it (Mattermost: "8.0" → db/migrations/postgres).
    std::map<std::string, std::string> paths_before;
};

// A plugin's tables: MySQL name patterns (`*` and `?` wildcards, ASCII case ignored) and
// the table where the plugin records its own migrations, which is copied with its rows
// so the plugin on Postgres knows its version.
struct Plugin {
    std::vector<std::string> tables;
    std::string migrations_table;  // may be empty
    // The plugin's own Postgres migrations (m2pg schema --plugin NAME applies them into
    // migrations_table): a folder the profile ships, or where to fetch them from.
    std::filesystem::path postgres_migrations;  // absolute; may be empty
    std::optional<FetchSource> fetch;
};

struct Profile {
    std::string name;
    std::string description;
    std::filesystem::path directory;        // the profile folder
    std::filesystem::path postgres_migrations;  // absolute; empty when the user must give --migrations-dir
    std::filesystem::path mysql_migrations;     // absolute; may be empty
    std::string migrations_table = "db_migrations";  // same name on both sides (morph's layout)
    std::string version_column = "version";
    std::string name_column = "name";
    std::map<std::string, std::int64_t> app_versions;  // "1.1" → last migration version
    std::optional<FetchSource> fetch;  // [migrations.fetch]: where --app-version finds the app's migrations
    std::vector<Artifact> artifacts;
    std::vector<FulltextIndex> fulltext;
    std::map<std::string, Plugin> plugins;
    std::vector<std::string> skip_tables;      // MySQL tables never copied
    std::vector<std::string> optional_tables;  // copied only when --tables names them
    // Tables the app's Postgres migrations fill with rows of their own (Mattermost's
    // Systems): the source's rows replace them, so the target need not be empty there.
    std::vector<std::string> replace_tables;
    std::map<std::string, std::string> casts;  // "Table.Column" (MySQL) → Postgres type
    // [empty_json] columns: "Table.Column" patterns of TEXT holding JSON where '' means {}.
    std::vector<std::string> empty_json_columns;
    // What the admin does after a successful `m2pg run` (switch the app's config);
    // {postgres_dsn} stands for the target without its password. Empty: nothing to say.
    std::string next_step;
};

// Where built-in profiles live: $M2PG_PROFILES_DIR, else migrations/ under util::data_dir()
// (/usr/share/m2pg for the .deb, the source tree for a build).
std::filesystem::path profiles_root();

// Loads a profile by name (migrations/<name>/profile.toml under profiles_root()) or by a
// path to a profile folder or profile.toml. Throws UsageError naming the file and the
// key when the profile is missing or malformed.
Profile load_profile(const std::string& name_or_path);

// The last migration version for an app release; throws UsageError listing the known ones.
std::int64_t version_for_app(const Profile& profile, const std::string& app_version);

// The plugin named `plugin`; throws UsageError listing the profile's plugins.
const Plugin& find_plugin(const Profile& profile, const std::string& plugin);

// Whether `name` matches one of `patterns` (`*` any run, `?` one character), ignoring ASCII case.
bool matches_any(const std::vector<std::string>& patterns, const std::string& name);

}  // namespace m2pg::profile
