#include "migrate/fetch.hpp"

#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <system_error>
#include <vector>

#include "util/command.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace m2pg::migrate {

namespace fs = std::filesystem;

namespace {

// The numbers of a release ("8.0" → {8, 0}); the caller has normalized or checked it.
std::vector<long> release_numbers(const std::string& version) {
    std::vector<long> out;
    for (const auto& part : util::split(version, '.')) out.push_back(std::strtol(part.c_str(), nullptr, 10));
    return out;
}

bool release_below(const std::string& a, const std::string& b) { return release_numbers(a) < release_numbers(b); }

// A folder name for a repository URL: its letters and digits, the rest as '_'.
std::string cache_name(const std::string& repository) {
    std::string out;
    for (char c : repository) out += std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' ? c : '_';
    return out;
}

bool has_up_migrations(const fs::path& dir) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.size() > 7 && name.compare(name.size() - 7, 7, ".up.sql") == 0) return true;
    }
    return false;
}

// The last lines of git's output: the part that says what went wrong.
std::string tail_of(const std::string& output) {
    auto lines = util::split(output, '\n');
    std::string out;
    std::size_t kept = 0;
    for (auto it = lines.rbegin(); it != lines.rend() && kept < 3; ++it) {
        if (it->empty() || it->rfind("warning:", 0) == 0) continue;
        out = "  " + *it + (out.empty() ? "" : "\n") + out;
        ++kept;
    }
    return out;
}

// Removes a scratch folder on every path out.
class ScratchDir {
public:
    explicit ScratchDir(fs::path path) : path_(std::move(path)) {
        fs::remove_all(path_);
        fs::create_directories(path_.parent_path());
    }
    ~ScratchDir() {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

}  // namespace

std::string normalize_release(const std::string& version) {
    std::string v = version;
    if (!v.empty() && (v[0] == 'v' || v[0] == 'V')) v.erase(0, 1);
    const auto parts = util::split(v, '.');
    bool ok = !v.empty() && parts.size() <= 3;
    for (const auto& part : parts)
        ok = ok && !part.empty() && std::isdigit(static_cast<unsigned char>(part[0]));
    if (!ok) throw UsageError("'" + version + "' is not a release number (for example 10.12 or v10.12.0)");
    return parts.size() == 1 ? v + ".0.0" : parts.size() == 2 ? v + ".0" : v;
}

std::string release_tag(const profile::FetchSource& source, const std::string& version) {
    std::string tag = source.tag;
    const auto at = tag.find("{version}");
    if (at != std::string::npos) tag.replace(at, 9, normalize_release(version));
    return tag;
}

std::string release_path(const profile::FetchSource& source, const std::string& version) {
    const std::string release = normalize_release(version);
    const std::string* chosen = &source.path;
    const std::string* chosen_bound = nullptr;
    for (const auto& [bound, path] : source.paths_before)
        if (release_below(release, bound) && (!chosen_bound || release_below(bound, *chosen_bound))) {
            chosen = &path;
            chosen_bound = &bound;
        }
    return *chosen;
}

fs::path default_cache_root() {
    if (const char* dir = std::getenv("M2PG_CACHE_DIR"); dir && *dir) return dir;
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return fs::path(xdg) / "m2pg";
    if (const char* home = std::getenv("HOME"); home && *home) return fs::path(home) / ".cache" / "m2pg";
    return fs::temp_directory_path() / "m2pg-cache";
}

fs::path fetch_migrations(const FetchRequest& request, const FetchSettings& settings,
                          const std::function<void(const std::string&)>& progress) {
    const std::string repository = settings.repository.empty() ? request.source.repository : settings.repository;
    const std::string tag = release_tag(request.source, request.version);
    const std::string path = release_path(request.source, request.version);
    const fs::path cached = settings.cache_root / "migrations" / cache_name(repository) / tag;
    const std::string instead = "\nwithout network access, fetch them elsewhere (the folder " + path + " of tag " + tag +
                                " of " + repository + ") and give them with --migrations-dir DIR";
    auto say = [&](const std::string& line) {
        if (progress) progress(line);
    };
    if (has_up_migrations(cached)) {
        say("using the migrations of " + tag + " cached in " + cached.string());
        return cached;
    }

    say("fetching " + path + " of " + tag + " from " + repository);
    ScratchDir scratch(cached.parent_path() / (".fetch-" + tag + "-" + std::to_string(::getpid())));
    // No prompt for a user name (a wrong URL on a forge answers 401): fail instead.
    const std::vector<std::pair<std::string, std::string>> env = {{"GIT_TERMINAL_PROMPT", "0"}};
    auto git = [&](std::vector<std::string> args, const std::string& what) {
        args.insert(args.begin(), settings.git);
        util::CommandResult r;
        try {
            r = util::run_command(args, env);
        } catch (const UsageError& e) {
            throw UsageError(std::string(e.what()) + ": git is needed to fetch the migrations of " + tag + instead);
        }
        if (r.exit_code != 0)
            throw UsageError("could not " + what + " (git exited " + std::to_string(r.exit_code) + "):\n" +
                             tail_of(r.output) + instead);
    };
    const std::string clone = scratch.path().string();
    git({"clone", "--quiet", "--no-checkout", "--depth=1", "--filter=tree:0", "--branch=" + tag, repository, clone},
        "clone tag " + tag + " of " + repository);
    git({"-C", clone, "sparse-checkout", "set", path}, "limit the checkout to " + path);
    git({"-C", clone, "checkout", "--quiet"}, "check out " + path + " of " + tag);

    const fs::path fetched = scratch.path() / path;
    if (!has_up_migrations(fetched))
        throw UsageError("tag " + tag + " of " + repository + " has no NNNNNN_name.up.sql files in " + path + instead);
    // Renamed into place whole, so a cut-off fetch never leaves a half folder in the cache.
    fs::create_directories(cached.parent_path());
    fs::rename(fetched, cached);
    say("cached the migrations of " + tag + " in " + cached.string());
    return cached;
}

}  // namespace m2pg::migrate
