#pragma once
// A tool run in the background, in a process group of its own, for the tests that signal
// or kill it part-way (tests/faults): its output goes to files, so it never blocks on a pipe.
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "support/servers.hpp"

namespace m2pg::test {

class BackgroundTool {
public:
    BackgroundTool(const std::string& tool, const std::vector<std::string>& args,
                   const std::vector<std::pair<std::string, std::string>>& env = {});
    // Kills the whole group (SIGKILL) if it still runs, and reaps it.
    ~BackgroundTool();
    BackgroundTool(const BackgroundTool&) = delete;
    BackgroundTool& operator=(const BackgroundTool&) = delete;

    pid_t pid() const { return pid_; }
    void signal(int sig) const;        // the tool alone
    void signal_group(int sig) const;  // the tool and its children, as a terminal's Ctrl-C or a crash does
    bool running();
    // Waits for the end (SIGKILL to the group after `limit`, exit code -1 then), and reads its output.
    ToolResult wait(std::chrono::seconds limit = std::chrono::seconds(120));

private:
    pid_t pid_ = -1;
    int status_ = 0;
    bool reaped_ = false;
    std::filesystem::path out_, err_;
};

// Runs scripts/servers.sh restart mariadb|postgres (the test servers this run uses).
void restart_server(const std::string& which);

}  // namespace m2pg::test
