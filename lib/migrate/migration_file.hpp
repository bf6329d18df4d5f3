#pragma once
// One directory of versioned migrations, named as golang-migrate and Mattermost's morph
// name them: NNNNNN_name.up.sql with an optional NNNNNN_name.down.sql.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace m2pg::migrate {

enum class Direction { Up, Down };

struct FileName {
    std::int64_t version = 0;
    std::string name;  // "create_posts"
    Direction direction = Direction::Up;
};

// "000003_create_posts.up.sql" → {3, "create_posts", Up}; nullopt for anything else
// (README.md, a .sql without .up/.down, a name without a numeric version).
std::optional<FileName> parse_file_name(std::string_view file_name);

// Whether the file runs in a transaction: not when a comment line before the first
// statement says "-- m2pg:no-transaction" or morph's "-- morph:nontransactional"
// (CREATE INDEX CONCURRENTLY and friends refuse to run inside one).
bool is_transactional(std::string_view sql);

// "000003": versions are shown zero-padded to six digits, as the files name them.
std::string version_label(std::int64_t version);

struct MigrationFile {
    std::int64_t version = 0;
    std::string name;
    std::filesystem::path up_path;
    std::filesystem::path down_path;  // empty when there is none
    std::string up_sql;
    std::string checksum;  // sha256 hex of up_sql's bytes
    bool transactional = true;

    std::string label() const;      // "000003_create_posts"
    std::string file_name() const;  // "000003_create_posts.up.sql"
};

// Reads every NNNNNN_name.up.sql of the directory, sorted by version. Throws UsageError
// when the directory is missing, holds no migration, holds two up files of one version,
// or a .down.sql without its .up.sql.
std::vector<MigrationFile> load_directory(const std::filesystem::path& directory);

}  // namespace m2pg::migrate
