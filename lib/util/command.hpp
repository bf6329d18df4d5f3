#pragma once
// Running a helper program (git) to its end and keeping what it printed, for a message.
// posix_spawnp, no shell; stdin is /dev/null, so a program that would ask stops instead.
#include <string>
#include <utility>
#include <vector>

namespace m2pg::util {

struct CommandResult {
    int exit_code = 0;   // 128 + the signal when a signal ended it
    std::string output;  // stdout and stderr, interleaved as written
};

// Runs argv[0] (looked up in PATH) with argv[1..], our environment plus `env`. Throws
// UsageError naming the program when it cannot be started (not installed).
CommandResult run_command(const std::vector<std::string>& argv,
                          const std::vector<std::pair<std::string, std::string>>& env = {});

}  // namespace m2pg::util
