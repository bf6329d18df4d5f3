#pragma once
// One Postgres session of the index step: its own connection, the maintenance memory
// from --maintenance-work-mem, no statement timeout (a build may take hours), and its
// backend pid so a monitor connection can read pg_stat_progress_create_index for it.
#include <string>

#include "target/postgres/connection.hpp"
#include "util/dsn.hpp"

namespace m2pg::index {

// Accepts what Postgres accepts for a memory setting written with a unit: "512MB",
// "2GB", "65536kB", or a plain number of kB; throws UsageError otherwise (before connecting).
void require_memory_setting(const std::string& value);

struct Session {
    target::postgres::PgConnection pg;
    int backend_pid = 0;
};

// maintenance_work_mem empty: the server's setting. Throws ConnectionError/TargetError.
Session open_session(const util::PgDsn& dsn, const std::string& maintenance_work_mem);

}  // namespace m2pg::index
