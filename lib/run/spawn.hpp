#pragma once
// Running one child process to its end: the program gets our stdin, stdout and stderr
// (so the admin sees exactly what the tool prints) and our environment plus a few
// variables (the passwords). posix_spawn, no shell.
#include <sys/types.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace m2pg::run {

struct ExitStatus {
    int code = 0;       // the exit code when the child exited
    int signal = 0;     // non-zero: the signal that ended it
    int forwarded = 0;  // non-zero: we were sent this signal (SIGTERM, SIGHUP) and passed it on
    bool succeeded() const { return signal == 0 && code == 0; }
    // What a shell would report: the code, or 128 + the signal.
    int exit_code() const { return signal != 0 ? 128 + signal : code; }
    // "exit 3", "killed by signal 15 (Terminated)".
    std::string describe() const;
};

// One started child. The destructor of a child never waited for terminates it and reaps
// it, so no path out of the caller leaves a process running unattended.
class ChildProcess {
public:
    // Starts `program` with argv[0] = program and then `args`; `env` entries replace or add
    // to this process's environment. The child starts with no signal blocked, and with
    // SIGPIPE and `default_signals` at their default action; other dispositions are
    // inherited (caught ones become default, as with exec). Throws UsageError when the
    // program cannot be started.
    ChildProcess(const std::filesystem::path& program, const std::vector<std::string>& args,
                 const std::vector<std::pair<std::string, std::string>>& env,
                 const std::vector<int>& default_signals = {});
    ~ChildProcess();
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    pid_t pid() const { return pid_; }
    // Blocks until the child ends, then reaps it.
    ExitStatus wait();

private:
    pid_t pid_ = -1;
};

// Runs the child to its end, and meanwhile:
//  - Ctrl-C and Ctrl-\, which the terminal sends to the child as well, do not end this
//    process, so it can say how the step ended (as system(3) does);
//  - SIGTERM and SIGHUP sent to this process are passed on to the child and reported in
//    ExitStatus::forwarded, so a service manager stopping us stops the step too.
// The child starts with the dispositions of SIGINT and SIGQUIT this process had.
ExitStatus run_child(const std::filesystem::path& program, const std::vector<std::string>& args,
                     const std::vector<std::pair<std::string, std::string>>& env);

}  // namespace m2pg::run
