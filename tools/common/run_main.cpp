#include "common/run_main.hpp"

#include <CLI/CLI.hpp>

#include <cstring>
#include <iostream>
#include <vector>

#include "util/argv_scrub.hpp"
#include "util/dsn.hpp"
#include "util/error.hpp"

namespace m2pg::tools {


namespace {
// Thrown after CLI11 printed the help: unwinds to run_main, which returns its code.
struct HelpPrinted {
    int exit_code;
};
}  // namespace

void parse(CLI::App& app, int argc, char** argv) {
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() != 0) throw;
        throw HelpPrinted{app.exit(e)};
    }
}

int run_main(const std::string& tool, int argc, char** argv,
             const std::function<int(int, char**)>& body) {
    std::vector<std::string> copies(argv, argv + argc);
    std::vector<char*> pointers;
    for (auto& s : copies) pointers.push_back(s.data());
    pointers.push_back(nullptr);
    for (int i = 1; i < argc; ++i) util::scrub_password(argv[i]);

    const std::string prefix = "m2pg " + tool + ": ";
    try {
        return body(argc, pointers.data());
    } catch (const HelpPrinted& help) {
        return help.exit_code;
    } catch (const CLI::ParseError& e) {
        std::cerr << prefix << "error: " << util::redact(e.what()) << "\n"
                  << "run 'm2pg " << tool << " --help' for usage\n";
        return 2;
    } catch (const Error& e) {
        std::cerr << prefix << "error: " << util::redact(e.describe()) << "\n";
        return e.exit_code();
    } catch (const std::exception& e) {
        std::cerr << prefix << "internal error (a bug; please report it): " << util::redact(e.what()) << "\n";
        return 8;
    }
}

}  // namespace m2pg::tools
