#include "source/mysql/query_killer.hpp"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <iostream>
#include <map>
#include <mutex>
#include <string>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "source/mysql/connection.hpp"
#include "util/error.hpp"
#include "util/interrupt.hpp"

namespace m2pg::source::mysql {
namespace {

constexpr unsigned kNoSuchThread = 1094;  // ER_NO_SUCH_THREAD: the session ended meanwhile
// The user waits on this after Ctrl-C: a server that does not let us in within it is tried
// again at the next round (and a second Ctrl-C exits at once).
constexpr unsigned kKillTimeoutS = 5;
constexpr int kRoundEveryMs = 1000;
// Logins per DSN and round that may land on another server than the sessions' own.
constexpr int kLoginsPerRound = 3;

struct Session {
    unsigned long thread_id;
    std::string server_node;
    util::MysqlDsn dsn;
};

bool same_login(const util::MysqlDsn& a, const util::MysqlDsn& b) {
    return a.user == b.user && a.password == b.password && a.host == b.host && a.port == b.port &&
           a.socket == b.socket && a.database == b.database && a.params == b.params;
}

// Set when the killer is destroyed at exit: a session closed later (a static of its own) has
// nothing left to unregister from.
std::atomic<bool> g_killer_gone{false};

class Killer {
public:
    static Killer& instance() {
        static Killer killer;
        return killer;
    }

    std::uint64_t add(Session session) {
        std::lock_guard lock(mutex_);
        if (!watcher_.joinable() && util::interrupt_fd() >= 0) start_watcher();
        const std::uint64_t key = next_key_++;
        sessions_.emplace(key, std::move(session));
        return key;
    }

    void remove(std::uint64_t key) {
        std::lock_guard lock(mutex_);
        sessions_.erase(key);
    }

    // At exit: the watcher ends (after the round it may be in) before the sessions go.
    ~Killer() {
        g_killer_gone = true;
        if (!watcher_.joinable()) return;
        ssize_t ignored = ::write(stop_[1], "x", 1);
        (void)ignored;
        watcher_.join();
        ::close(stop_[0]);
        ::close(stop_[1]);
    }

private:
    Killer() = default;

    void start_watcher() {
        if (::pipe2(stop_, O_CLOEXEC) != 0)
            throw Error("cannot make the pipe that stops MySQL queries on Ctrl-C: " + std::string(std::strerror(errno)));
        try {
            watcher_ = std::thread([this] { watch(); });
        } catch (const std::system_error& e) {
            ::close(stop_[0]);
            ::close(stop_[1]);
            throw Error("cannot start the thread that stops MySQL queries on Ctrl-C: " + std::string(e.what()));
        }
    }

    void watch() {
        pollfd fds[2] = {{util::interrupt_fd(), POLLIN, 0}, {stop_[0], POLLIN, 0}};
        for (;;) {
            if (::poll(fds, 2, -1) < 0) {
                if (errno == EINTR) continue;  // a signal's handler ran on this thread
                warn_once("cannot wait for Ctrl-C to stop the running MySQL queries (" +
                          std::string(std::strerror(errno)) + "): they stop at their next row");
                return;
            }
            if (fds[1].revents != 0) return;
            if (fds[0].revents != 0) break;
        }
        for (;;) {
            kill_round();
            const int ready = ::poll(&fds[1], 1, kRoundEveryMs);
            if (ready > 0) return;
        }
    }

    // KILL QUERY for every registered session, one login per distinct DSN.
    void kill_round() {
        std::vector<Session> left;
        {
            std::lock_guard lock(mutex_);
            for (const auto& entry : sessions_) left.push_back(entry.second);
        }
        while (!left.empty()) {
            const util::MysqlDsn dsn = left.front().dsn;
            std::vector<Session> same;
            std::erase_if(left, [&](const Session& s) {
                if (!same_login(s.dsn, dsn)) return false;
                same.push_back(s);
                return true;
            });
            kill_queries(dsn, std::move(same));
        }
    }

    void kill_queries(const util::MysqlDsn& dsn, std::vector<Session> sessions) {
        try {
            for (int login = 0; login < kLoginsPerRound && !sessions.empty(); ++login) {
                MysqlConnection killer(dsn, ConnectOptions{kKillTimeoutS, kKillTimeoutS, kKillTimeoutS, InterruptPolicy::Ignore});
                std::vector<Session> elsewhere;
                for (const Session& s : sessions) {
                    if (s.server_node != killer.server_node()) {
                        elsewhere.push_back(s);
                        continue;
                    }
                    try {
                        // Our own sessions, same user: KILL needs no privilege for them.
                        killer.execute("KILL QUERY " + std::to_string(s.thread_id));
                    } catch (const SourceError& e) {
                        if (e.mysql_errno() != kNoSuchThread) throw;
                    }
                }
                sessions = std::move(elsewhere);
            }
            if (!sessions.empty())
                cannot_kill(dsn, std::to_string(kLoginsPerRound) + " logins reached other servers than " +
                                     sessions.front().server_node + ", where the queries run");
        } catch (const Error& e) {
            // Nobody above this thread to throw to: said once, tried again next round.
            cannot_kill(dsn, util::redact(e.describe()));
        } catch (const std::exception& e) {
            cannot_kill(dsn, util::redact(e.what()));
        }
    }

    void cannot_kill(const util::MysqlDsn& dsn, const std::string& why) {
        warn_once("cannot stop the running MySQL queries on " + dsn.display() + " yet (" + why +
                  "); trying again each second, Ctrl-C again exits at once");
    }

    void warn_once(const std::string& text) {
        if (warned_.exchange(true)) return;
        std::cerr << "m2pg: " << text << "\n";
    }

    std::mutex mutex_;
    std::map<std::uint64_t, Session> sessions_;
    std::uint64_t next_key_ = 0;
    int stop_[2] = {-1, -1};  // written at exit: the watcher ends
    std::thread watcher_;
    std::atomic<bool> warned_{false};
};

}  // namespace

KillRegistration::KillRegistration(unsigned long thread_id, const std::string& server_node, const util::MysqlDsn& dsn)
    : key_(Killer::instance().add(Session{thread_id, server_node, dsn})) {}

KillRegistration::~KillRegistration() {
    if (!g_killer_gone) Killer::instance().remove(key_);
}

}  // namespace m2pg::source::mysql
