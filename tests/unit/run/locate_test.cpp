#include "run/locate.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>

#include <filesystem>
#include <string>

#include "support/temp_dir.hpp"

namespace {

namespace fs = std::filesystem;

using m2pg::test::TempDir;

// A one-line script `name` in `dir`, executable or not.
fs::path script(const TempDir& dir, const std::string& name, bool executable) {
    const fs::path file = dir.write(name, "#!/bin/sh\n");
    ::chmod(file.c_str(), executable ? 0755 : 0644);
    return file;
}

}  // namespace

TEST_CASE("a tool next to the running program wins over one on PATH") {
    TempDir self, on_path;
    auto sibling = script(self, "m2pg-copy", true);
    script(on_path, "m2pg-copy", true);
    CHECK(m2pg::run::find_tool("m2pg-copy", self.path(), on_path.path().string()) == sibling);
}

TEST_CASE("without a sibling the tool is taken from PATH, skipping files that are not executable") {
    TempDir self, first, second;
    script(self, "m2pg-copy", false);
    script(first, "m2pg-copy", false);
    auto found = script(second, "m2pg-copy", true);
    const std::string path = first.path().string() + "::" + second.path().string();
    CHECK(m2pg::run::find_tool("m2pg-copy", self.path(), path) == found);
    CHECK_FALSE(m2pg::run::find_tool("m2pg-index", self.path(), path).has_value());
}
