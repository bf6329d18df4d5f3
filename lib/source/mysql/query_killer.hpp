#pragma once
// Ctrl-C for MySQL: the first SIGINT or SIGTERM stops the query of every registered session.
// Postgres has PQcancel, safe in a signal handler; MySQL stops a query only by KILL QUERY
// <thread id> sent on another connection, and connecting allocates, locks and does I/O, which
// no signal handler may do. So a watcher thread, started by the first registration, waits on
// util::interrupt_fd(), then logs in with each session's own DSN and kills its query, on the
// same server only (behind a load balancer the same thread id elsewhere is someone else's).
// The statement fails with error 1317 (query interrupted) whatever it waited on (rows, a
// table or metadata lock) and its changes roll back; the transaction around it is rolled back
// by its caller as on any error, and the tool stops as it does for the interrupt. Until the
// process ends the round is repeated once a second for the sessions still registered, so a
// query sent just after a round is stopped too. Without installed handlers (library tests)
// no thread is started.
#include <cstdint>
#include <string>

#include "util/dsn.hpp"

namespace m2pg::source::mysql {

// Registers one session for its lifetime: its thread id (mysql_thread_id), the server it
// reached ("hostname:port" as that server names itself) and the DSN it logged in with.
// Throws Error when the watcher thread cannot be started.
class KillRegistration {
public:
    KillRegistration(unsigned long thread_id, const std::string& server_node, const util::MysqlDsn& dsn);
    ~KillRegistration();
    KillRegistration(const KillRegistration&) = delete;
    KillRegistration& operator=(const KillRegistration&) = delete;

private:
    std::uint64_t key_;
};

}  // namespace m2pg::source::mysql
