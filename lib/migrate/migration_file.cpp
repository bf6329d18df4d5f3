#include "migrate/migration_file.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <map>
#include <sstream>

#include "util/error.hpp"
#include "util/sha256.hpp"

namespace m2pg::migrate {

namespace fs = std::filesystem;

namespace {

bool ends_with(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw UsageError("cannot read migration file " + path.string());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

std::optional<FileName> parse_file_name(std::string_view file_name) {
    FileName out;
    std::string_view stem;
    if (ends_with(file_name, ".up.sql")) {
        stem = file_name.substr(0, file_name.size() - 7);
        out.direction = Direction::Up;
    } else if (ends_with(file_name, ".down.sql")) {
        stem = file_name.substr(0, file_name.size() - 9);
        out.direction = Direction::Down;
    } else {
        return std::nullopt;
    }
    const auto underscore = stem.find('_');
    const std::string_view digits = stem.substr(0, underscore);
    if (digits.empty() || digits.size() > 18 ||
        !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    std::from_chars(digits.data(), digits.data() + digits.size(), out.version);
    if (underscore != std::string_view::npos) out.name = std::string(stem.substr(underscore + 1));
    return out;
}

bool is_transactional(std::string_view sql) {
    std::size_t pos = 0;
    while (pos < sql.size()) {
        std::size_t end = sql.find('\n', pos);
        if (end == std::string_view::npos) end = sql.size();
        std::string_view line = sql.substr(pos, end - pos);
        pos = end + 1;
        const auto first = line.find_first_not_of(" \t\r");
        if (first == std::string_view::npos) continue;
        line = line.substr(first);
        // Only the comments above the first statement count: a marker further down
        // would be easy to miss when reading the file.
        if (line.substr(0, 2) != "--") return true;
        if (line.find("m2pg:no-transaction") != std::string_view::npos ||
            line.find("morph:nontransactional") != std::string_view::npos)
            return false;
    }
    return true;
}

std::string version_label(std::int64_t version) {
    std::string digits = std::to_string(version);
    if (digits.size() < 6) digits.insert(0, 6 - digits.size(), '0');
    return digits;
}

std::string MigrationFile::label() const { return version_label(version) + (name.empty() ? "" : "_" + name); }

std::string MigrationFile::file_name() const { return up_path.filename().string(); }

std::vector<MigrationFile> load_directory(const fs::path& directory) {
    if (!fs::is_directory(directory))
        throw UsageError("migrations directory " + directory.string() + " does not exist or is not a directory");
    std::map<std::int64_t, MigrationFile> by_version;
    std::map<std::int64_t, fs::path> downs;
    for (const auto& entry : fs::directory_iterator(directory)) {
        if (!entry.is_regular_file()) continue;
        const std::string file = entry.path().filename().string();
        auto parsed = parse_file_name(file);
        if (!parsed) continue;
        if (parsed->direction == Direction::Down) {
            downs[parsed->version] = entry.path();
            continue;
        }
        auto [it, inserted] = by_version.try_emplace(parsed->version);
        if (!inserted)
            throw UsageError("migrations directory " + directory.string() + " has two files for version " +
                             version_label(parsed->version) + ": " + it->second.up_path.filename().string() +
                             " and " + file);
        MigrationFile& m = it->second;
        m.version = parsed->version;
        m.name = parsed->name;
        m.up_path = entry.path();
        m.up_sql = read_file(entry.path());
        m.checksum = util::sha256_hex(m.up_sql);
        m.transactional = is_transactional(m.up_sql);
    }
    for (const auto& [version, path] : downs) {
        auto it = by_version.find(version);
        if (it == by_version.end())
            throw UsageError("migrations directory " + directory.string() + ": " + path.filename().string() +
                             " has no matching .up.sql");
        it->second.down_path = path;
    }
    if (by_version.empty())
        throw UsageError("migrations directory " + directory.string() + " holds no NNNNNN_name.up.sql file");
    std::vector<MigrationFile> out;
    out.reserve(by_version.size());
    for (auto& [version, m] : by_version) out.push_back(std::move(m));
    return out;
}

}  // namespace m2pg::migrate
