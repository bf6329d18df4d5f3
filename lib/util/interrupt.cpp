#include "util/interrupt.hpp"

#include <unistd.h>

#include <array>
#include <atomic>
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
    say(signal == SIGINT ? "\nm2pg: interrupted: stopping (rolling back what is in flight); Ctrl-C again exits at once\n"
                         : "\nm2pg: terminated: stopping (rolling back what is in flight)\n");
    for (auto& slot : g_slots) {
        void* handle = slot.handle.load();
        Canceller cancel = slot.canceller.load();
        if (handle && cancel) cancel(handle);
    }
}

}  // namespace

void install_interrupt_handlers() {
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
