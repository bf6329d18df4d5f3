#pragma once
// The one place where errors become messages and exit codes (STYLE.md), with the codes of
// util/error.hpp's exit_codes: 0 ok, 1 ran and found problems, 2 usage, 3 MySQL,
// 4 PostgreSQL, 5 conversion, 7 state conflict, 8 internal error, 128 + the signal when
// Ctrl-C (130) or SIGTERM (143) stopped the tool, after it said what is kept and how to go on.
#include <functional>
#include <string>

namespace CLI {
class App;
}

namespace m2pg::tools {

// Runs body(app, argc, argv) with a private copy of the arguments, after overwriting any
// password in the process's own argv so `ps` cannot show it. `app` is the tool's CLI11 app,
// named "m2pg <tool>", printing its synopsis (common/synopsis.cpp) in --help, with --version;
// the body adds its description and flags and calls app.parse(argc, argv). --help and
// --version print and end the tool with 0, wherever the parse happens; a bad flag exits 2.
// Catches every error once, prints "m2pg <tool>: error: ..." (redacted) to stderr and
// returns the exit code.
int run_main(const std::string& tool, int argc, char** argv,
             const std::function<int(CLI::App&, int, char**)>& body);

}  // namespace m2pg::tools
