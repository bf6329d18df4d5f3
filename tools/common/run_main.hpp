#pragma once
// The one place where errors become messages and exit codes (STYLE.md):
//   0 ok, 1 ran and found problems, 2 usage, 3 MySQL, 4 PostgreSQL, 5 conversion,
//   7 state conflict, 8 internal error, 130 interrupted.
#include <functional>
#include <string>

namespace CLI {
class App;
}

namespace m2pg::tools {

// Runs body(argc, argv) with a private copy of the arguments, after overwriting any
// password in the process's own argv so `ps` cannot show it. Catches every error once,
// prints "m2pg <tool>: error: ..." (redacted) to stderr and returns the exit code.
int run_main(const std::string& tool, int argc, char** argv,
             const std::function<int(int, char**)>& body);

// Parses the command line. --help and --version print through CLI11 (which knows the
// app) and end the tool with 0; a bad flag rises as CLI::ParseError to run_main (exit 2).
void parse(CLI::App& app, int argc, char** argv);

}  // namespace m2pg::tools
