#pragma once
// The one question `m2pg run` asks before it changes anything.
#include <string>

namespace m2pg::run {

// Prints `question` and " [y/N] " on stdout and reads one line from the terminal: true
// for y, Y or yes. Without a terminal on stdin there is nobody to answer: UsageError
// asking for --yes, the same as m2pg copy.
bool ask_on_terminal(const std::string& question);

}  // namespace m2pg::run
