#pragma once
// The y/N question the tools ask before they change or replace something.
#include <iosfwd>
#include <string>

namespace m2pg::util {

// Prints `question` and " [y/N] " on `out` and reads one line from stdin: true for y, Y or
// yes, false for anything else (an empty line, end of input).
bool ask_yes_no(const std::string& question, std::ostream& out);

// ask_yes_no on stdout when stdin is a terminal. Without one there is nobody to answer:
// UsageError "no terminal to confirm on: pass --yes to `action` without asking".
bool confirm_on_terminal(const std::string& question, const std::string& action);

}  // namespace m2pg::util
