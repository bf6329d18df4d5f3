#include "common/run_main.hpp"

#include <CLI/CLI.hpp>

#include <cstring>
#include <iostream>
#include <vector>

#include "util/dsn.hpp"
#include "util/error.hpp"

namespace m2pg::tools {

namespace {

// Overwrites in place the password part of a DSN-looking argument: /proc/PID/cmdline
// shows argv's memory, so the copy we parse keeps the password and ps sees only x's.
void scrub_password(char* arg) {
    std::string original(arg);
    std::string redacted = util::redact(original);
    if (redacted == original) return;
    // redact() swaps the password for "***"; mark the same span with x's, keeping the length.
    size_t start = 0;
    while (start < original.size() && original[start] == redacted[start]) ++start;
    size_t tail = 0;
    while (tail < original.size() - start && tail < redacted.size() - start &&
           original[original.size() - 1 - tail] == redacted[redacted.size() - 1 - tail])
        ++tail;
    for (size_t i = start; i < original.size() - tail; ++i) arg[i] = 'x';
}

}  // namespace

int run_main(const std::string& tool, int argc, char** argv,
             const std::function<int(int, char**)>& body) {
    std::vector<std::string> copies(argv, argv + argc);
    std::vector<char*> pointers;
    for (auto& s : copies) pointers.push_back(s.data());
    pointers.push_back(nullptr);
    for (int i = 1; i < argc; ++i) scrub_password(argv[i]);

    const std::string prefix = "m2pg " + tool + ": ";
    try {
        return body(argc, pointers.data());
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) {  // --help, --version
            std::cout << e.what();
            return 0;
        }
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
