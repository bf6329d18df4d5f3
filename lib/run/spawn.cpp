#include "run/spawn.hpp"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>

#include "util/environment.hpp"
#include "util/error.hpp"

namespace m2pg::run {

namespace {

// The child run_child waits for, and the signal we were asked to stop with; written by the
// signal handler, hence lock-free atomics.
std::atomic<pid_t> g_child{0};
std::atomic<int> g_forwarded{0};
static_assert(std::atomic<pid_t>::is_always_lock_free && std::atomic<int>::is_always_lock_free);

extern "C" void forward_to_child(int signal) {
    g_forwarded.store(signal);
    const pid_t child = g_child.load();
    if (child > 0) ::kill(child, signal);
}

// posix_spawn attributes, destroyed on every path out.
class SpawnAttributes {
public:
    SpawnAttributes() { posix_spawnattr_init(&attr_); }
    ~SpawnAttributes() { posix_spawnattr_destroy(&attr_); }
    SpawnAttributes(const SpawnAttributes&) = delete;
    SpawnAttributes& operator=(const SpawnAttributes&) = delete;
    posix_spawnattr_t* get() { return &attr_; }

private:
    posix_spawnattr_t attr_{};
};

// For its lifetime: SIGINT and SIGQUIT ignored, SIGTERM and SIGHUP passed on to g_child.
// The destructor puts every disposition back.
class SignalsWhileWaiting {
public:
    SignalsWhileWaiting() {
        g_forwarded.store(0);
        struct sigaction ignore {};
        ignore.sa_handler = SIG_IGN;
        sigemptyset(&ignore.sa_mask);
        struct sigaction forward {};
        forward.sa_handler = forward_to_child;
        sigemptyset(&forward.sa_mask);
        forward.sa_flags = SA_RESTART;
        for (std::size_t i = 0; i < kSignals.size(); ++i)
            sigaction(kSignals[i], i < 2 ? &ignore : &forward, &old_[i]);
    }
    ~SignalsWhileWaiting() {
        for (std::size_t i = 0; i < kSignals.size(); ++i) sigaction(kSignals[i], &old_[i], nullptr);
    }
    SignalsWhileWaiting(const SignalsWhileWaiting&) = delete;
    SignalsWhileWaiting& operator=(const SignalsWhileWaiting&) = delete;

private:
    static constexpr std::array<int, 4> kSignals = {SIGINT, SIGQUIT, SIGTERM, SIGHUP};
    std::array<struct sigaction, 4> old_{};
};

// Publishes the child to the signal handler for its lifetime.
class PublishedChild {
public:
    explicit PublishedChild(pid_t pid) {
        g_child.store(pid);
        // A signal that came before the child was published was recorded, not passed on.
        if (int s = g_forwarded.load()) ::kill(pid, s);
    }
    ~PublishedChild() { g_child.store(0); }
    PublishedChild(const PublishedChild&) = delete;
    PublishedChild& operator=(const PublishedChild&) = delete;
};

bool is_ignored(int signal) {
    struct sigaction current {};
    sigaction(signal, nullptr, &current);
    return current.sa_handler == SIG_IGN;
}

}  // namespace

std::string ExitStatus::describe() const {
    if (signal == 0) return "exit " + std::to_string(code);
    return "killed by signal " + std::to_string(signal) + " (" + strsignal(signal) + ")";
}

ChildProcess::ChildProcess(const std::filesystem::path& program, const std::vector<std::string>& args,
                           const std::vector<std::pair<std::string, std::string>>& env,
                           const std::vector<int>& default_signals) {
    std::vector<std::string> argv_text{program.string()};
    argv_text.insert(argv_text.end(), args.begin(), args.end());
    auto argv = util::c_string_array(argv_text);
    auto env_text = util::environment_with(env);
    auto envp = util::c_string_array(env_text);

    SpawnAttributes attr;
    sigset_t none, defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE);
    for (int s : default_signals) sigaddset(&defaults, s);
    posix_spawnattr_setsigmask(attr.get(), &none);
    posix_spawnattr_setsigdefault(attr.get(), &defaults);
    posix_spawnattr_setflags(attr.get(), POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

    pid_t pid = -1;
    int rc = posix_spawn(&pid, program.c_str(), nullptr, attr.get(), argv.data(), envp.data());
    if (rc != 0) throw UsageError("cannot start " + program.string() + ": " + std::strerror(rc));
    pid_ = pid;
}

ChildProcess::~ChildProcess() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
}

ExitStatus ChildProcess::wait() {
    int status = 0;
    pid_t r;
    while ((r = ::waitpid(pid_, &status, 0)) < 0 && errno == EINTR) {
    }
    if (r < 0) throw Error("waiting for child process " + std::to_string(pid_) + ": " + std::strerror(errno));
    pid_ = -1;
    ExitStatus s;
    if (WIFEXITED(status)) s.code = WEXITSTATUS(status);
    else if (WIFSIGNALED(status)) s.signal = WTERMSIG(status);
    return s;
}

ExitStatus run_child(const std::filesystem::path& program, const std::vector<std::string>& args,
                     const std::vector<std::pair<std::string, std::string>>& env) {
    std::vector<int> restore;
    for (int s : {SIGINT, SIGQUIT})
        if (!is_ignored(s)) restore.push_back(s);
    SignalsWhileWaiting signals;
    ChildProcess child(program, args, env, restore);
    ExitStatus status;
    {
        PublishedChild published(child.pid());
        // Wait without reaping: while the pid is published it must still be our child, so the
        // handler can never signal a recycled pid.
        siginfo_t info{};
        while (::waitid(P_PID, static_cast<id_t>(child.pid()), &info, WEXITED | WNOWAIT) < 0 && errno == EINTR) {
        }
    }
    status = child.wait();
    status.forwarded = g_forwarded.load();
    return status;
}

}  // namespace m2pg::run
