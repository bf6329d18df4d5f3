#include "util/confirm.hpp"

#include <doctest/doctest.h>

#include <iostream>
#include <sstream>
#include <string>
#include <utility>

namespace {

// The answer ask_yes_no reads for `typed` on stdin, and what it printed.
std::pair<bool, std::string> answer(const std::string& typed) {
    std::istringstream in(typed);
    std::ostringstream out;
    std::streambuf* saved = std::cin.rdbuf(in.rdbuf());
    const bool yes = m2pg::util::ask_yes_no("Copy these tables?", out);
    std::cin.rdbuf(saved);
    std::cin.clear();
    return {yes, out.str()};
}

}  // namespace

TEST_CASE("the y/N question takes y, Y or yes as yes, and anything else, or no answer, as no") {
    CHECK(answer("y\n") == std::pair<bool, std::string>{true, "Copy these tables? [y/N] "});
    CHECK(answer("Y\n").first);
    CHECK(answer("yes\nmore\n").first);
    CHECK_FALSE(answer("\n").first);
    CHECK_FALSE(answer("n\n").first);
    CHECK_FALSE(answer("YES\n").first);
    CHECK_FALSE(answer(" y\n").first);
    CHECK_FALSE(answer("").first);
}
