#include "index/session.hpp"

#include <regex>

#include "target/postgres/identifier.hpp"
#include "util/error.hpp"

namespace m2pg::index {

void require_memory_setting(const std::string& value) {
    static const std::regex kMemory(R"(^[0-9]+ ?(kB|MB|GB|TB)?$)");
    if (!std::regex_match(value, kMemory))
        throw UsageError("--maintenance-work-mem '" + value + "': give a size such as 512MB, 2GB or 65536kB");
}

Session open_session(const util::PgDsn& dsn, const std::string& maintenance_work_mem) {
    Session s{target::postgres::PgConnection(dsn), 0};
    s.pg.execute("SET statement_timeout = 0");
    if (!maintenance_work_mem.empty()) {
        require_memory_setting(maintenance_work_mem);
        s.pg.execute("SET maintenance_work_mem = " + target::postgres::quote_literal(maintenance_work_mem));
    }
    s.backend_pid = std::stoi(s.pg.scalar("SELECT pg_backend_pid()").value_or("0"));
    return s;
}

}  // namespace m2pg::index
