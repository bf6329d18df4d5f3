#include "util/data_dir.hpp"

#include <unistd.h>

#include <climits>

namespace m2pg::util {

std::filesystem::path self_dir() {
    char buf[PATH_MAX];
    ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0) return {};
    buf[n] = '\0';
    return std::filesystem::path(buf).parent_path();
}

std::filesystem::path data_dir(const std::filesystem::path& exe_dir, const std::filesystem::path& source_dir) {
    std::error_code ec;
    if (!exe_dir.empty()) {
        const auto installed = exe_dir.parent_path() / "share" / "m2pg";
        if (std::filesystem::is_directory(installed, ec)) return installed;
    }
    return source_dir;
}

std::filesystem::path data_dir() { return data_dir(self_dir(), M2PG_SOURCE_DIR); }

std::filesystem::path installed_path(const std::filesystem::path& absolute, const std::filesystem::path& exe_dir) {
    const auto data = data_dir(exe_dir, {});
    if (data.empty()) return absolute;
    // data is ROOT/usr/share/m2pg
    const auto beside = data.parent_path().parent_path().parent_path() / absolute.relative_path();
    std::error_code ec;
    return std::filesystem::exists(beside, ec) ? beside : absolute;
}

std::filesystem::path installed_path(const std::filesystem::path& absolute) {
    return installed_path(absolute, self_dir());
}

}  // namespace m2pg::util
