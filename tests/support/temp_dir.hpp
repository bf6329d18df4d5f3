#pragma once
// A fresh, empty directory under the system temp directory, removed with everything in it
// when the object goes.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

namespace m2pg::test {

class TempDir {
public:
    // `prefix` begins the directory's name, for someone looking at one left behind.
    explicit TempDir(const std::string& prefix = "m2pg_test") {
        static int counter = 0;
        path_ = std::filesystem::temp_directory_path() /
                (prefix + "_" + std::to_string(::getpid()) + "_" + std::to_string(++counter));
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }
    std::string str() const { return path_.string(); }
    // Writes `text` as the file `name` in the directory, replacing it; returns its path.
    std::filesystem::path write(const std::string& name, const std::string& text) const {
        std::ofstream(path_ / name, std::ios::binary | std::ios::trunc) << text;
        return path_ / name;
    }

private:
    std::filesystem::path path_;
};

}  // namespace m2pg::test
