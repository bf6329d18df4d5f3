#pragma once
// `m2pg schema --app-version X` without --migrations-dir: the app's Postgres migrations of
// release X, fetched as migration-assist does — a shallow, sparse git clone of the
// release's tag, only the migrations folder — into a cache, so a second run needs no network.
#include <filesystem>
#include <functional>
#include <string>

#include "profile/profile.hpp"

namespace m2pg::migrate {

// A release whose migrations to fetch: where (the profile's [migrations.fetch] or a
// plugin's) and which release, as the admin typed it ("10.12", "v10.12.0").
struct FetchRequest {
    profile::FetchSource source;
    std::string version;
};

struct FetchSettings {
    std::string repository;          // --app-repository / $M2PG_APP_REPOSITORY; empty: the profile's
    std::filesystem::path cache_root;  // default_cache_root() unless a test or flag says otherwise
    std::string git = "git";
};

// "10.12" → "10.12.0", "v9.11.1" → "9.11.1": the release as its tag spells it. Throws
// UsageError for text that is not a release number.
std::string normalize_release(const std::string& version);
// The tag of a release: the source's tag with {version} replaced ("v10.12.0").
std::string release_tag(const profile::FetchSource& source, const std::string& version);
// The folder of the migrations in that release: `path`, or the paths_before entry of the
// lowest release above it (Mattermost 7.10 → db/migrations/postgres).
std::string release_path(const profile::FetchSource& source, const std::string& version);

// $M2PG_CACHE_DIR, else $XDG_CACHE_HOME/m2pg, else ~/.cache/m2pg.
std::filesystem::path default_cache_root();

// The folder holding the release's NNNNNN_name.up.sql files: from the cache when an earlier
// fetch left it there, else cloned now. `progress` hears one line per thing done. Throws
// UsageError when git is missing, the clone fails (no network, no such tag) or the release
// holds no migrations, each saying to give the migrations with --migrations-dir instead.
std::filesystem::path fetch_migrations(const FetchRequest& request, const FetchSettings& settings,
                                       const std::function<void(const std::string&)>& progress = {});

}  // namespace m2pg::migrate
