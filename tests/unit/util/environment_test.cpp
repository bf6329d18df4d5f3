#include "util/environment.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

using m2pg::util::c_string_array;
using m2pg::util::environment_with;

TEST_CASE("environment_with replaces our entries of the same name and adds the others, once each") {
    ::setenv("M2PG_ENV_TEST_A", "old", 1);
    ::setenv("M2PG_ENV_TEST_AB", "kept", 1);
    const auto env = environment_with({{"M2PG_ENV_TEST_A", "new"}, {"M2PG_ENV_TEST_C", "x=y"}});
    auto count = [&](const std::string& entry) { return std::count(env.begin(), env.end(), entry); };
    CHECK(count("M2PG_ENV_TEST_A=new") == 1);
    CHECK(count("M2PG_ENV_TEST_A=old") == 0);
    CHECK(count("M2PG_ENV_TEST_AB=kept") == 1);  // a longer name with the same start stays
    CHECK(count("M2PG_ENV_TEST_C=x=y") == 1);
    CHECK(std::count_if(env.begin(), env.end(), [](const std::string& e) { return e.rfind("PATH=", 0) == 0; }) ==
          (std::getenv("PATH") ? 1 : 0));
    ::unsetenv("M2PG_ENV_TEST_A");
    ::unsetenv("M2PG_ENV_TEST_AB");
}

TEST_CASE("c_string_array points at each string in order and ends with a null") {
    std::vector<std::string> argv = {"git", "clone", ""};
    const auto p = c_string_array(argv);
    REQUIRE(p.size() == 4);
    CHECK(std::strcmp(p[0], "git") == 0);
    CHECK(p[1] == argv[1].data());
    CHECK(std::strcmp(p[2], "") == 0);
    CHECK(p[3] == nullptr);
}
