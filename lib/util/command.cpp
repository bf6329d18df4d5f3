#include "util/command.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "util/environment.hpp"
#include "util/error.hpp"

namespace m2pg::util {

namespace {

// One end of a pipe, closed on every path out.
class Fd {
public:
    explicit Fd(int fd = -1) : fd_(fd) {}
    ~Fd() { reset(); }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const { return fd_; }
    void reset() {
        if (fd_ >= 0) ::close(fd_);
        fd_ = -1;
    }

private:
    int fd_;
};

class FileActions {
public:
    FileActions() { posix_spawn_file_actions_init(&actions_); }
    ~FileActions() { posix_spawn_file_actions_destroy(&actions_); }
    FileActions(const FileActions&) = delete;
    FileActions& operator=(const FileActions&) = delete;
    posix_spawn_file_actions_t* get() { return &actions_; }

private:
    posix_spawn_file_actions_t actions_{};
};

}  // namespace

CommandResult run_command(const std::vector<std::string>& argv,
                          const std::vector<std::pair<std::string, std::string>>& env) {
    if (argv.empty()) throw UsageError("run_command: no program");
    int ends[2];
    if (::pipe2(ends, O_CLOEXEC) != 0) throw Error("cannot create a pipe for " + argv[0] + ": " + std::strerror(errno));
    Fd read_end(ends[0]);
    Fd write_end(ends[1]);

    FileActions actions;
    posix_spawn_file_actions_addopen(actions.get(), STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(actions.get(), write_end.get(), STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(actions.get(), write_end.get(), STDERR_FILENO);
    std::vector<std::string> args = argv;
    auto arg_pointers = c_string_array(args);
    auto environment = environment_with(env);
    auto env_pointers = c_string_array(environment);
    pid_t pid = 0;
    const int started =
        posix_spawnp(&pid, argv[0].c_str(), actions.get(), nullptr, arg_pointers.data(), env_pointers.data());
    if (started != 0) throw UsageError("cannot run " + argv[0] + ": " + std::strerror(started));
    write_end.reset();  // else the read below never sees the end

    CommandResult result;
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::read(read_end.get(), buffer, sizeof buffer);
        if (n > 0) result.output.append(buffer, static_cast<std::size_t>(n));
        else if (n == 0 || errno != EINTR) break;
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return result;
}

}  // namespace m2pg::util
