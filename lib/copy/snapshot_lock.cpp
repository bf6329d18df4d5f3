#include "copy/snapshot_lock.hpp"

#include "util/error.hpp"
#include "util/text.hpp"

namespace m2pg::copy {

namespace {
constexpr unsigned kAccessDenied = 1227;      // ER_SPECIFIC_ACCESS_DENIED_ERROR
constexpr unsigned kLockWaitTimeout = 1205;   // ER_LOCK_WAIT_TIMEOUT
constexpr int kLockWaitSeconds = 10;
}  // namespace

std::string explain_lock_failure(unsigned mysql_errno, const std::string& server_message, const std::string& user) {
    std::string why;
    if (mysql_errno == kAccessDenied)
        why = "the MySQL user " + user + " lacks the RELOAD privilege that FLUSH TABLES WITH READ LOCK needs";
    else if (mysql_errno == kLockWaitTimeout)
        why = "FLUSH TABLES WITH READ LOCK waited " + std::to_string(kLockWaitSeconds) +
              " s for a running statement or a table lock (a long query, a LOCK TABLES, a backup) and gave up";
    else
        why = "FLUSH TABLES WITH READ LOCK failed";
    return "cannot give the copy's workers one consistent snapshot: " + why + " (" + util::one_line(server_message) +
           "); nothing was written. To go on: GRANT RELOAD ON *.* TO " + user +
           " and run again; or stop the application's writes to the source and pass --per-table-snapshots (each "
           "worker then reads its own snapshot: exact while nothing writes); or --jobs 1 (one worker, one snapshot)";
}

SnapshotLock::SnapshotLock(const util::MysqlDsn& dsn, bool wanted) {
    if (!wanted) return;
    session_.emplace(dsn);
    try {
        session_->execute("SET SESSION lock_wait_timeout = " + std::to_string(kLockWaitSeconds));
        session_->execute("FLUSH TABLES WITH READ LOCK");
    } catch (const SourceError& e) {
        throw SourceError(explain_lock_failure(e.mysql_errno(), e.what(), dsn.user.empty() ? "(the DSN's user)" : dsn.user),
                          e.query(), e.mysql_errno());
    }
}

void SnapshotLock::release() {
    if (session_) session_->execute("UNLOCK TABLES");
    session_.reset();
}

}  // namespace m2pg::copy
