#pragma once
// Ctrl-C and SIGTERM for every m2pg tool. The first signal asks the work to stop: long
// loops see interrupted() and throw InterruptedError (the chunk or batch in flight rolls
// back), and every registered canceller runs at once (Postgres statements in flight are
// cancelled with PQcancel, which libpq makes safe in a signal handler). Work that is not
// async-signal-safe (stopping MySQL queries needs a new connection: source/mysql/query_killer)
// waits on interrupt_fd() in a thread of its own. The tool then says what is kept and how to
// continue, and exits 128 + the signal (130, 143). A second signal exits at once.
namespace m2pg::util {

// Installs the handlers for SIGINT and SIGTERM (once per process).
void install_interrupt_handlers();

// The signal that asked us to stop, or 0.
int interrupted() noexcept;

// Throws InterruptedError when a signal asked us to stop.
void throw_if_interrupted();

// A descriptor that becomes readable at the first signal and stays so (nothing ever reads
// it), for a thread to poll(). -1 before install_interrupt_handlers, or when no pipe could
// be made (then only interrupted() and the cancellers see the signal).
int interrupt_fd() noexcept;

// A function the first signal calls with `handle`: only async-signal-safe work.
using Canceller = void (*)(void* handle) noexcept;

// Registers canceller(handle) for its lifetime (a fixed number of slots; past them the
// registration does nothing and the work stops at its next check instead).
class CancelRegistration {
public:
    CancelRegistration(Canceller canceller, void* handle) noexcept;
    ~CancelRegistration();
    CancelRegistration(const CancelRegistration&) = delete;
    CancelRegistration& operator=(const CancelRegistration&) = delete;

private:
    int slot_ = -1;
};

}  // namespace m2pg::util
