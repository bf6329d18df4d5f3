#include "util/interrupt.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <csignal>

#include "util/error.hpp"

namespace m2pg::util {

namespace {

struct Slot {
    std::atomic<Canceller> canceller{nullptr};
    std::atomic<void*> handle{nullptr};
};
constexpr int kSlots = 256;
std::array<Slot, kSlots> g_slots;
std::atomic<int> g_signal{0};
// The self-pipe of interrupt_fd(): the handler writes one byte to [1] at the first signal.
std::atomic<int> g_pipe_read{-1};
std::atomic<int> g_pipe_write{-1};
static_assert(std::atomic<void*>::is_always_lock_free && std::atomic<int>::is_always_lock_free);

void say(const char* text) noexcept {
    std::size_t n = 0;
    while (text[n]) ++n;
    ssize_t ignored = ::write(STDERR_FILENO, text, n);
    (void)ignored;
}

extern "C" void on_stop_signal(int signal) {
    int expected = 0;
    if (!g_signal.compare_exchange_strong(expected, signal)) {
        say("\nm2pg: asked again: exiting now\n");
        ::_exit(128 + signal);
    }
    const int saved_errno = errno;  // the interrupted code may be about to read it
    say(signal == SIGINT ? "\nm2pg: interrupted: stopping (rolling back what is in flight); Ctrl-C again exits at once\n"
                         : "\nm2pg: terminated: stopping (rolling back what is in flight)\n");
    // First, so the watchers' work runs while PQcancel waits on the Postgres servers here.
    if (int fd = g_pipe_write.load(); fd >= 0) {
        ssize_t ignored = ::write(fd, "x", 1);
        (void)ignored;
    }
    for (auto& slot : g_slots) {
        void* handle = slot.handle.load();
        Canceller cancel = slot.canceller.load();
        if (handle && cancel) cancel(handle);
    }
    errno = saved_errno;
}

}  // namespace

void install_interrupt_handlers() {
    int fds[2];
    // Made before the handlers exist, so the handler reads a settled descriptor. Close-on-exec:
    // tools we start must not hold it; non-blocking: the handler never waits on a write.
    if (g_pipe_read.load() < 0 && ::pipe2(fds, O_CLOEXEC | O_NONBLOCK) == 0) {
        g_pipe_write.store(fds[1]);
        g_pipe_read.store(fds[0]);
    }
    struct sigaction action {};
    action.sa_handler = on_stop_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

int interrupted() noexcept { return g_signal.load(std::memory_order_relaxed); }

void throw_if_interrupted() {
    if (int s = interrupted()) throw InterruptedError(s);
}

int interrupt_fd() noexcept { return g_pipe_read.load(); }

CancelRegistration::CancelRegistration(Canceller canceller, void* handle) noexcept {
    for (int i = 0; i < kSlots; ++i) {
        void* empty = nullptr;
        if (g_slots[i].handle.compare_exchange_strong(empty, handle)) {
            g_slots[i].canceller.store(canceller);
            slot_ = i;
            return;
        }
    }
}

CancelRegistration::~CancelRegistration() {
    if (slot_ < 0) return;
    g_slots[slot_].canceller.store(nullptr);
    g_slots[slot_].handle.store(nullptr);
}

}  // namespace m2pg::util
