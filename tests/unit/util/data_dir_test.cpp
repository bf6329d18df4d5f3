#include "util/data_dir.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>

#include "profile/profile.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using m2pg::test::TempDir;

TEST_CASE("an installed copy takes its data from ../share/m2pg beside its bin directory, in any prefix") {
    TempDir prefix, source;
    fs::create_directories(prefix.path() / "usr/bin");
    fs::create_directories(prefix.path() / "usr/share/m2pg/migrations");
    CHECK(m2pg::util::data_dir(prefix.path() / "usr/bin", source.path()) == prefix.path() / "usr/share/m2pg");
}

TEST_CASE("a program with no share/m2pg beside it (a build tree) takes the data of its source tree") {
    TempDir build, source;
    fs::create_directories(build.path() / "tools");
    CHECK(m2pg::util::data_dir(build.path() / "tools", source.path()) == source.path());
    CHECK(m2pg::util::data_dir({}, source.path()) == source.path());
}

TEST_CASE("a system file is taken from the prefix a copy was unpacked into when it is there, else from where it is") {
    TempDir prefix;
    fs::create_directories(prefix.path() / "usr/bin");
    const fs::path plugins = "/usr/lib/x86_64-linux-gnu/libmariadb3/plugin";
    CHECK(m2pg::util::installed_path(plugins, prefix.path() / "usr/bin") == plugins);
    fs::create_directories(prefix.path() / "usr/share/m2pg");
    CHECK(m2pg::util::installed_path(plugins, prefix.path() / "usr/bin") == plugins);
    fs::create_directories(prefix.path() / "usr/lib/x86_64-linux-gnu/libmariadb3/plugin");
    CHECK(m2pg::util::installed_path(plugins, prefix.path() / "usr/bin") ==
          prefix.path() / "usr/lib/x86_64-linux-gnu/libmariadb3/plugin");
    CHECK(m2pg::util::installed_path(plugins, "/usr/bin") == plugins);
}

TEST_CASE("the tests, run from the build tree, find the source tree's profiles") {
    CHECK(fs::is_directory(m2pg::util::self_dir()));
    CHECK(m2pg::util::data_dir() == fs::path(M2PG_SOURCE_DIR));
    if (std::getenv("M2PG_PROFILES_DIR") == nullptr)
        CHECK(m2pg::profile::profiles_root() == fs::path(M2PG_SOURCE_DIR) / "migrations");
}
