#include "run/locate.hpp"

#include <unistd.h>

#include <cstdlib>

#include "util/data_dir.hpp"

namespace m2pg::run {

namespace {

bool is_executable_file(const std::filesystem::path& p) {
    std::error_code ec;
    return std::filesystem::is_regular_file(p, ec) && ::access(p.c_str(), X_OK) == 0;
}

}  // namespace

std::optional<std::filesystem::path> find_tool(const std::string& name, const std::filesystem::path& dir,
                                               std::string_view path_variable) {
    if (!dir.empty() && is_executable_file(dir / name)) return dir / name;
    std::size_t start = 0;
    while (start <= path_variable.size()) {
        std::size_t colon = path_variable.find(':', start);
        if (colon == std::string_view::npos) colon = path_variable.size();
        std::filesystem::path entry(path_variable.substr(start, colon - start));
        start = colon + 1;
        if (entry.empty()) entry = ".";
        if (is_executable_file(entry / name)) return entry / name;
    }
    return std::nullopt;
}

std::optional<std::filesystem::path> find_tool(const std::string& name) {
    const char* path = std::getenv("PATH");
    // Without PATH, search where execvp(3) would.
    return find_tool(name, util::self_dir(), path ? path : "/usr/local/bin:/usr/bin:/bin");
}

}  // namespace m2pg::run
