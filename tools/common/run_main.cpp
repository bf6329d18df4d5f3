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
#include "util/interrupt.hpp"

namespace m2pg::tools {

namespace {

// What a tool stopped by Ctrl-C or SIGTERM keeps, and how to go on.
std::string after_interrupt(const std::string& tool) {
    if (tool == "copy")
        return "the chunks in flight rolled back; every committed chunk is kept in the target: run the same command "
               "with --resume to continue, with no row lost or doubled";
    if (tool == "index")
        return "the builds in flight were cancelled; what was built is kept: run the same command again to build "
               "exactly what is missing";
    if (tool == "schema")
        return "the migration in flight rolled back; the applied ones are recorded: run the same command again "
               "to continue";
    if (tool == "check")
        return "the fix batch in flight rolled back; finished batches are kept (and archived): run the same "
               "command again";
    if (tool == "run")
        return "what the steps finished is recorded in the target: run the same command again to continue";
    return "nothing was changed";
}

int interrupted_exit(const std::string& prefix, const std::string& tool, int signal) {
    const InterruptedError e(signal);
    std::cerr << prefix << e.what() << ": " << after_interrupt(tool) << "\n";
    return e.exit_code();
}

}  // namespace

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
    util::install_interrupt_handlers();
    try {
        app.formatter(std::make_shared<HelpFormatter>(synopsis_of(tool)));
        app.set_version_flag("--version", version_text(), "print the version and the git commit, and exit");
        return body(app, argc, pointers.data());
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) return app.exit(e);
        std::cerr << prefix << "error: " << util::redact(e.what()) << "\n"
                  << "run 'm2pg " << tool << " --help' for usage\n";
        return exit_codes::kUsage;
    } catch (const Error& e) {
        // Whatever a signal's cancel made fail is the signal's doing.
        if (int s = util::interrupted()) return interrupted_exit(prefix, tool, s);
        std::cerr << prefix << "error: " << util::redact(e.describe()) << "\n";
        return e.exit_code();
    } catch (const std::exception& e) {
        if (int s = util::interrupted()) return interrupted_exit(prefix, tool, s);
        std::cerr << prefix << "internal error (a bug; please report it): " << util::redact(e.what()) << "\n";
        return exit_codes::kInternal;
    }
}

}  // namespace m2pg::tools
