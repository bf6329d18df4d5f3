#include "util/confirm.hpp"

#include <unistd.h>

#include <iostream>

#include "util/error.hpp"

namespace m2pg::util {

bool ask_yes_no(const std::string& question, std::ostream& out) {
    out << question << " [y/N] " << std::flush;
    std::string answer;
    std::getline(std::cin, answer);
    return answer == "y" || answer == "Y" || answer == "yes";
}

bool confirm_on_terminal(const std::string& question, const std::string& action) {
    if (!::isatty(STDIN_FILENO)) throw UsageError("no terminal to confirm on: pass --yes to " + action + " without asking");
    return ask_yes_no(question, std::cout);
}

}  // namespace m2pg::util
