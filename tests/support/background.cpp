#include "support/background.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace m2pg::test {

namespace {
std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}
std::atomic<int> g_counter{0};
}  // namespace

BackgroundTool::BackgroundTool(const std::string& tool, const std::vector<std::string>& args,
                               const std::vector<std::pair<std::string, std::string>>& env) {
    const auto base = std::filesystem::temp_directory_path() /
                      ("m2pg-bg-" + std::to_string(::getpid()) + "-" + std::to_string(g_counter++));
    out_ = base.string() + ".out";
    err_ = base.string() + ".err";
    const std::string path = std::string(M2PG_TOOLS_DIR) + "/" + tool;
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
        ::setpgid(0, 0);
        int in = ::open("/dev/null", O_RDONLY);
        int out = ::open(out_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int err = ::open(err_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        ::dup2(in, 0);
        ::dup2(out, 1);
        ::dup2(err, 2);
        for (const auto& [k, v] : env) ::setenv(k.c_str(), v.c_str(), 1);
        std::vector<char*> argv{const_cast<char*>(path.c_str())};
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        ::execv(path.c_str(), argv.data());
        ::_exit(127);
    }
    ::setpgid(pid_, pid_);  // also from here: no race with the first signal
}

BackgroundTool::~BackgroundTool() {
    if (!reaped_) {
        ::kill(-pid_, SIGKILL);
        ::waitpid(pid_, &status_, 0);
    }
    std::error_code ec;
    std::filesystem::remove(out_, ec);
    std::filesystem::remove(err_, ec);
}

void BackgroundTool::signal(int sig) const { ::kill(pid_, sig); }
void BackgroundTool::signal_group(int sig) const { ::kill(-pid_, sig); }

bool BackgroundTool::running() {
    if (reaped_) return false;
    if (::waitpid(pid_, &status_, WNOHANG) == pid_) reaped_ = true;
    return !reaped_;
}

ToolResult BackgroundTool::wait(std::chrono::seconds limit) {
    const auto end = std::chrono::steady_clock::now() + limit;
    bool timed_out = false;
    while (running()) {
        if (std::chrono::steady_clock::now() > end) {
            ::kill(-pid_, SIGKILL);
            timed_out = true;
            ::waitpid(pid_, &status_, 0);
            reaped_ = true;
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ToolResult r;
    r.exit_code = timed_out ? -1 : WIFEXITED(status_) ? WEXITSTATUS(status_) : 128 + WTERMSIG(status_);
    r.out = slurp(out_);
    r.err = slurp(err_);
    // The rest of a group killed with -9 may still be going (m2pg run's step): end it too.
    ::kill(-pid_, SIGKILL);
    return r;
}

void restart_server(const std::string& which) {
    // system(), not run_program: the restarted server inherits the shell's descriptors, and a
    // pipe it keeps open would never reach end of file.
    const std::string command = "bash '" + std::string(M2PG_SOURCE_DIR) + "/scripts/servers.sh' restart " + which +
                                " </dev/null >/dev/null 2>&1";
    if (std::system(command.c_str()) != 0) throw std::runtime_error("servers.sh restart " + which + " failed");
}

}  // namespace m2pg::test
