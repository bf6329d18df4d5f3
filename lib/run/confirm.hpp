#pragma once
// The one question `m2pg run` asks before it changes anything.
#include <string>

namespace m2pg::run {

// util::confirm_on_terminal for m2pg run: `question` and " [y/N] " on stdout, true for y,
// Y or yes; without a terminal on stdin, UsageError asking for --yes, as m2pg copy does.
bool ask_on_terminal(const std::string& question);

}  // namespace m2pg::run
