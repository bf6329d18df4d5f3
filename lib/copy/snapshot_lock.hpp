#pragma once
// One consistent snapshot for all of a copy's workers: FLUSH TABLES WITH READ LOCK on a
// session of its own while they start theirs, then UNLOCK TABLES. A snapshot never
// silently degrades: when the lock cannot be had (no RELOAD privilege, as on most managed
// MySQL, or a lock wait timeout behind a long query), the copy stops before it writes
// anything and says why and how to go on; per-worker snapshots only on the admin's word
// (--per-table-snapshots), and noted wherever the copy is reported.
#include <optional>
#include <string>

#include "source/mysql/connection.hpp"
#include "util/dsn.hpp"

namespace m2pg::copy {

inline constexpr const char* kPerTableSnapshotsNote =
    "per-table snapshots (--per-table-snapshots): each worker read its own snapshot, so tables were read at "
    "different moments; exact only if nothing wrote to the source during the copy";

class SnapshotLock {
public:
    // Takes the lock when `wanted`; otherwise does nothing. Throws SourceError (what
    // explain_lock_failure says) or ConnectionError.
    SnapshotLock(const util::MysqlDsn& dsn, bool wanted);
    // UNLOCK TABLES, once the workers hold their snapshots (also done by closing the session).
    void release();
    bool held() const { return session_.has_value(); }

private:
    std::optional<source::mysql::MysqlConnection> session_;
};

// Why FLUSH TABLES WITH READ LOCK failed (by MySQL errno: 1227 no RELOAD privilege, 1205
// lock wait timeout) and the three ways on: grant RELOAD, stop the application (then
// --per-table-snapshots is exact), or --per-table-snapshots accepting tables read at
// different moments.
std::string explain_lock_failure(unsigned mysql_errno, const std::string& server_message, const std::string& user);

}  // namespace m2pg::copy
