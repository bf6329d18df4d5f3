#include "run/confirm.hpp"

#include <unistd.h>

#include <iostream>

#include "util/error.hpp"

namespace m2pg::run {

bool ask_on_terminal(const std::string& question) {
    if (!::isatty(STDIN_FILENO)) throw UsageError("no terminal to confirm on: pass --yes to run without asking");
    std::cout << question << " [y/N] " << std::flush;
    std::string answer;
    std::getline(std::cin, answer);
    return answer == "y" || answer == "Y" || answer == "yes";
}

}  // namespace m2pg::run
