#pragma once
// One RAII connection to MySQL/MariaDB through libmariadb, set up the way every m2pg
// reader needs it: utf8mb4, UTC session time zone, zero dates readable, LOCAL INFILE off,
// and registered so that the first Ctrl-C stops the statement it runs (query_killer.hpp).
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <mysql.h>

#include "source/mysql/query_killer.hpp"
#include "source/mysql/result.hpp"
#include "util/dsn.hpp"

namespace m2pg::source::mysql {

struct MysqlClose {
    void operator()(MYSQL* mysql) const noexcept;
};
using MysqlPtr = std::unique_ptr<MYSQL, MysqlClose>;

// What the first Ctrl-C or SIGTERM does to the session's running statement
// (source/mysql/query_killer). Ignore is for the session that sends the KILL.
enum class InterruptPolicy { KillQuery, Ignore };

// Timeouts in seconds; 0 means none (the client library's default, wait forever).
// DSN params `timeout`, `readtimeout`, `writetimeout` (Go durations such as "30s",
// "500ms", "2m") override these.
struct ConnectOptions {
    unsigned connect_timeout_s = 10;
    unsigned read_timeout_s = 0;
    unsigned write_timeout_s = 0;
    InterruptPolicy on_interrupt = InterruptPolicy::KillQuery;
};

class MysqlConnection {
public:
    // Connects and prepares the session. Throws ConnectionError(Side::MySQL) naming the
    // server (dsn.display(), never the password) and the likely cause: retryable for an
    // unreachable server, not retryable for wrong credentials or an unknown database.
    // Throws UsageError for a DSN param it cannot honour (tls=bogus, timeout=abc).
    explicit MysqlConnection(const util::MysqlDsn& dsn, const ConnectOptions& options = {});

    MysqlConnection(MysqlConnection&&) noexcept = default;
    MysqlConnection& operator=(MysqlConnection&&) noexcept = default;
    MysqlConnection(const MysqlConnection&) = delete;
    MysqlConnection& operator=(const MysqlConnection&) = delete;
    ~MysqlConnection() = default;

    // Runs one statement and discards any result. Throws SourceError (query, errno), or
    // ConnectionError (retryable) when the server went away (2006/2013).
    void execute(std::string_view sql);
    // Runs one statement and fetches its whole result: small metadata queries only.
    QueryResult query(std::string_view sql);
    // First column of the first row; nullopt for SQL NULL or no row at all.
    std::optional<std::string> scalar(std::string_view sql);

    // mysql_real_escape_string for the connection's charset (utf8mb4); no quotes added.
    std::string escape_string(std::string_view value) const;
    // escape_string wrapped in single quotes: a string literal safe to splice into SQL.
    std::string quote_literal(std::string_view value) const;

    // As the server reports it: "10.11.6-MariaDB-0+deb12u1", "8.0.36".
    std::string server_version() const;
    // major*10000 + minor*100 + patch, e.g. 101106.
    unsigned long server_version_number() const;
    bool is_mariadb() const;

    // user@host:port/db, for messages.
    const std::string& display() const noexcept { return display_; }
    // "hostname:port" as the server names itself: which server of several behind one
    // address (a load balancer in front of a cluster) this session reached.
    const std::string& server_node() const noexcept { return server_node_; }
    // Borrowed handle for the streaming reader (mysql_use_result); stays owned here.
    MYSQL* raw() const noexcept { return mysql_.get(); }

    // Turns the handle's current error into the exception every caller should see:
    // ConnectionError (retryable) for a lost connection, SourceError otherwise. For code
    // that drives raw() directly, e.g. after mysql_fetch_row fails while streaming.
    [[noreturn]] void throw_last_error(std::string_view sql) const;

private:
    void prepare_session();

    MysqlPtr mysql_;
    std::string display_;
    std::string server_node_;
    // Declared after mysql_, so unregistered before the connection closes.
    std::unique_ptr<KillRegistration> kill_registration_;
};

// `name` in backticks with embedded backticks doubled: MySQL identifier quoting.
std::string quote_ident(std::string_view name);

}  // namespace m2pg::source::mysql
