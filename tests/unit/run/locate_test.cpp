#include "run/locate.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace {

namespace fs = std::filesystem;

class TempDir {
public:
    TempDir() {
        static int counter = 0;
        path_ = fs::temp_directory_path() /
                ("m2pg_run_locate_" + std::to_string(::getpid()) + "_" + std::to_string(++counter));
        fs::remove_all(path_);
        fs::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const fs::path& path() const { return path_; }
    fs::path file(const std::string& name, bool executable) const {
        std::ofstream(path_ / name) << "#!/bin/sh\n";
        ::chmod((path_ / name).c_str(), executable ? 0755 : 0644);
        return path_ / name;
    }

private:
    fs::path path_;
};

}  // namespace

TEST_CASE("a tool next to the running program wins over one on PATH") {
    TempDir self, on_path;
    auto sibling = self.file("m2pg-copy", true);
    on_path.file("m2pg-copy", true);
    CHECK(m2pg::run::find_tool("m2pg-copy", self.path(), on_path.path().string()) == sibling);
}

TEST_CASE("without a sibling the tool is taken from PATH, skipping files that are not executable") {
    TempDir self, first, second;
    self.file("m2pg-copy", false);
    first.file("m2pg-copy", false);
    auto found = second.file("m2pg-copy", true);
    const std::string path = first.path().string() + "::" + second.path().string();
    CHECK(m2pg::run::find_tool("m2pg-copy", self.path(), path) == found);
    CHECK_FALSE(m2pg::run::find_tool("m2pg-index", self.path(), path).has_value());
}

TEST_CASE("the running program's directory is found") {
    CHECK_FALSE(m2pg::run::self_dir().empty());
    CHECK(fs::is_directory(m2pg::run::self_dir()));
}
