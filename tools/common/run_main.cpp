#include "common/run_main.hpp"

#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>
#include <vector>

#include "common/help_formatter.hpp"
#include "common/synopsis.hpp"
#include "common/version.hpp"
#include "util/argv_scrub.hpp"
#include "util/dsn.hpp"
#include "util/error.hpp"

namespace m2pg::tools {

int run_main(const std::string& tool, int argc, char** argv,
             const std::function<int(CLI::App&, int, char**)>& body) {
    std::vector<std::string> copies(argv, argv + argc);
    std::vector<char*> pointers;
    for (auto& s : copies) pointers.push_back(s.data());
    pointers.push_back(nullptr);
    for (int i = 1; i < argc; ++i) util::scrub_password(argv[i]);

    const std::string prefix = "m2pg " + tool + ": ";
    // The app lives here, not in the body, so that --help (a CLI::CallForHelp thrown by any
    // parse) is printed by the app that knows the flags.
    CLI::App app{"", "m2pg " + tool};
    try {
        app.formatter(std::make_shared<HelpFormatter>(synopsis_of(tool)));
        app.set_version_flag("--version", version_text(), "print the version and the git commit, and exit");
        return body(app, argc, pointers.data());
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) return app.exit(e);
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
