#include "source/mysql/connection.hpp"

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <sstream>
#include <vector>

#include "util/data_dir.hpp"
#include "util/error.hpp"
#include "util/mysql_tls.hpp"
#include "util/text.hpp"

namespace m2pg::source::mysql {
namespace {

// mysql_init initialises the library on first use without locking; parallel copy workers
// connect from several threads, so initialise it once up front.
void init_library_once() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (mysql_library_init(0, nullptr, nullptr) != 0)
            throw ConnectionError(Side::MySQL, "cannot initialise the MySQL client library", false);
    });
}

// A Go duration as the Go driver's timeout params use it: "30s", "500ms", "1m30s".
// Rounded up to whole seconds because libmariadb takes seconds.
unsigned parse_duration_s(const std::string& key, const std::string& text) {
    auto bad = [&] {
        return UsageError("DSN parameter " + key + "=" + text +
                          " is not a duration such as 30s, 500ms or 2m");
    };
    if (text.empty()) throw bad();
    unsigned long long total_ms = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t start = i;
        while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
        if (i == start || i - start > 9) throw bad();
        const unsigned long long amount = std::stoull(text.substr(start, i - start));
        std::size_t unit_start = i;
        while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
        const std::string unit = text.substr(unit_start, i - unit_start);
        if (unit == "ms") total_ms += amount;
        else if (unit == "s") total_ms += amount * 1000;
        else if (unit == "m") total_ms += amount * 60'000;
        else if (unit == "h") total_ms += amount * 3'600'000;
        else throw bad();
    }
    const unsigned long long seconds = (total_ms + 999) / 1000;
    if (seconds > 31'536'000) throw bad();  // a year: anything longer is a typo
    return static_cast<unsigned>(seconds);
}

struct ConnectFailure {
    std::string hint;
    bool retryable;
};

ConnectFailure classify_connect_error(unsigned error_number) {
    switch (error_number) {
    case 1045:  // ER_ACCESS_DENIED_ERROR
    case 1698:  // ER_ACCESS_DENIED_NO_PASSWORD_ERROR
        return {"wrong user or password", false};
    case 1044:  // ER_DBACCESS_DENIED_ERROR
        return {"the user has no privileges on this database", false};
    case 1049:  // ER_BAD_DB_ERROR
        return {"unknown database; create it or fix the DSN", false};
    case 1040:  // ER_CON_COUNT_ERROR
        return {"too many connections; retry later or raise max_connections", true};
    case 1129:  // ER_HOST_IS_BLOCKED
        return {"the server blocks this host after failed connects; run FLUSH HOSTS", false};
    case 1251:  // ER_NOT_SUPPORTED_AUTH_MODE
    case 2059:  // CR_AUTH_PLUGIN_CANNOT_LOAD
        return {"the server's authentication plugin is not available to this client", false};
    case 2026:  // CR_SSL_CONNECTION_ERROR: the hint comes from tls_hint
        return {{}, false};
    case 2002:  // CR_CONNECTION_ERROR (socket)
    case 2003:  // CR_CONN_HOST_ERROR
    case 2005:  // CR_UNKNOWN_HOST
    case 2006:  // CR_SERVER_GONE_ERROR
    case 2013:  // CR_SERVER_LOST
        return {"is the server running and reachable?", true};
    default:
        // Client-side (2xxx) errors are transport trouble; server errors are decisions.
        return {{}, error_number >= 2000 && error_number < 3000};
    }
}

bool is_lost_connection(unsigned error_number) {
    switch (error_number) {
    case 2006:  // CR_SERVER_GONE_ERROR: gone before the statement
    case 2013:  // CR_SERVER_LOST: lost during it (also a read/write timeout)
    case 2055:  // CR_SERVER_LOST_EXTENDED
    case 1053:  // ER_SERVER_SHUTDOWN
    case 1927:  // ER_CONNECTION_KILLED (MariaDB)
        return true;
    default:
        return false;
    }
}

// One line of the query for messages: whitespace collapsed, long queries cut.
std::string query_excerpt(std::string_view sql) {
    constexpr std::size_t kMaxChars = 200;
    std::string out;
    bool in_space = false;
    for (char c : sql) {
        if (std::isspace(static_cast<unsigned char>(c))) {
            in_space = !out.empty();
            continue;
        }
        if (in_space) out += ' ';
        in_space = false;
        out += c;
        if (out.size() >= kMaxChars) return out + "...";
    }
    return out;
}

void set_option(MYSQL* mysql, mysql_option option, const void* value) {
    if (mysql_optionsv(mysql, option, value) != 0)
        throw ConnectionError(Side::MySQL,
                              "cannot set MySQL client option " + std::to_string(option) +
                                  ": " + mysql_error(mysql),
                              false);
}

void set_file_option(MYSQL* mysql, mysql_option option, const std::string& path, const char* what) {
    if (path.empty()) return;
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error))
        throw UsageError("MySQL TLS: the " + std::string(what) + " file " + path + " does not exist or is not a file");
    set_option(mysql, option, path.c_str());
}

// ssl-mode as libmariadb 3.3 can do it: ENFORCE asks for TLS (and, on its own, falls back to
// plain text when the server offers none: the caller checks after connecting), a CA makes it
// check the certificate's chain, VERIFY_SERVER_CERT also checks the host name and fails
// before authenticating when the server offers no TLS.
void apply_tls(MYSQL* mysql, const util::MysqlTls& tls) {
    const util::MysqlSslMode mode = tls.effective_mode();
    if (mode == util::MysqlSslMode::Disabled) return;  // libmariadb's default: no TLS
    set_file_option(mysql, MYSQL_OPT_SSL_CA, tls.ca, "CA");
    set_file_option(mysql, MYSQL_OPT_SSL_CERT, tls.cert, "client certificate");
    set_file_option(mysql, MYSQL_OPT_SSL_KEY, tls.key, "client key");
    const my_bool enforce = 1;
    const my_bool verify = mode == util::MysqlSslMode::VerifyIdentity ? 1 : 0;
    set_option(mysql, MYSQL_OPT_SSL_ENFORCE, &enforce);
    set_option(mysql, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &verify);
}

// What a TLS failure most likely means, for the message.
std::string tls_hint(const std::string& error_text, const util::MysqlTls& tls) {
    const util::MysqlSslMode mode = tls.effective_mode();
    const std::string mode_name = util::ssl_mode_name(mode);
    if (error_text.find("does not support") != std::string::npos)
        return "the server offers no TLS, and ssl-mode " + mode_name + " requires it";
    if (error_text.find("certificate") != std::string::npos || error_text.find("verify") != std::string::npos ||
        error_text.find("Validation") != std::string::npos || error_text.find("hostname") != std::string::npos) {
        std::string hint = "the server's certificate was not accepted under ssl-mode " + mode_name;
        hint += tls.ca.empty() ? ", checked against the system's CAs: give --mysql-ssl-ca FILE"
                               : ", checked against the CA " + tls.ca + ": is it the one that signed the server's?";
        return hint;
    }
    return "TLS failed under ssl-mode " + mode_name + "; check the TLS settings and the server's certificate";
}

ConnectOptions options_with_params(ConnectOptions options, const util::MysqlDsn& dsn) {
    auto override_with = [&](const char* key, unsigned& target) {
        auto it = dsn.params.find(key);
        if (it != dsn.params.end()) target = parse_duration_s(key, it->second);
    };
    override_with("timeout", options.connect_timeout_s);
    override_with("readtimeout", options.read_timeout_s);
    override_with("writetimeout", options.write_timeout_s);
    return options;
}

}  // namespace

void MysqlClose::operator()(MYSQL* mysql) const noexcept {
    mysql_close(mysql);
}

std::string quote_ident(std::string_view name) {
    std::string out;
    out.reserve(name.size() + 2);
    out += '`';
    for (char c : name) {
        if (c == '`') out += '`';
        out += c;
    }
    out += '`';
    return out;
}

MysqlConnection::MysqlConnection(const util::MysqlDsn& dsn, const ConnectOptions& options)
    : display_(dsn.display()) {
    const ConnectOptions effective = options_with_params(options, dsn);
    const util::MysqlTls tls = util::mysql_tls(dsn);
    init_library_once();
    // Owned from here on, so a failure below frees the half-opened handle.
    MysqlPtr handle(mysql_init(nullptr));
    if (!handle)
        throw ConnectionError(Side::MySQL, "cannot allocate a MySQL handle (out of memory)", false);
    MYSQL* mysql = handle.get();

    set_option(mysql, MYSQL_SET_CHARSET_NAME, "utf8mb4");
    set_option(mysql, MYSQL_OPT_CONNECT_TIMEOUT, &effective.connect_timeout_s);
    if (effective.read_timeout_s > 0)
        set_option(mysql, MYSQL_OPT_READ_TIMEOUT, &effective.read_timeout_s);
    if (effective.write_timeout_s > 0)
        set_option(mysql, MYSQL_OPT_WRITE_TIMEOUT, &effective.write_timeout_s);
    // A server must never be able to ask us for a local file.
    const unsigned local_infile = 0;
    set_option(mysql, MYSQL_OPT_LOCAL_INFILE, &local_infile);
    // A silent reconnect would drop the session settings and the snapshot a copy relies
    // on; callers see ConnectionError and retry whole units of work instead.
    const my_bool reconnect = 0;
    set_option(mysql, MYSQL_OPT_RECONNECT, &reconnect);
    // libmariadb turns host "localhost" into the default socket; a DSN that names a host
    // and port means TCP, and one that names a socket means that socket.
    const unsigned protocol = dsn.socket.empty() ? MYSQL_PROTOCOL_TCP : MYSQL_PROTOCOL_SOCKET;
    set_option(mysql, MYSQL_OPT_PROTOCOL, &protocol);
    apply_tls(mysql, tls);
    // A bundle unpacked into a prefix brings libmariadb3's authentication plugins (MySQL 8's
    // default caching_sha2_password is one) there, where the library's compiled-in directory
    // does not look; MARIADB_PLUGIN_DIR, when set, still wins.
    static const std::string plugin_dir = util::installed_path(MARIADB_PLUGINDIR).string();
    if (plugin_dir != MARIADB_PLUGINDIR && std::getenv("MARIADB_PLUGIN_DIR") == nullptr)
        set_option(mysql, MYSQL_PLUGIN_DIR, plugin_dir.c_str());

    const char* host = dsn.socket.empty() ? dsn.host.c_str() : "localhost";
    const char* password = dsn.password ? dsn.password->c_str() : nullptr;
    const char* database = dsn.database.empty() ? nullptr : dsn.database.c_str();
    const char* socket = dsn.socket.empty() ? nullptr : dsn.socket.c_str();
    if (mysql_real_connect(mysql, host, dsn.user.c_str(), password, database, dsn.port, socket,
                           0) == nullptr) {
        const unsigned error_number = mysql_errno(mysql);
        ConnectFailure failure = classify_connect_error(error_number);
        if (error_number == 2026) failure.hint = tls_hint(mysql_error(mysql), tls);
        // An account created REQUIRE SSL (or X509) is refused like a wrong password.
        if (error_number == 1045 && tls.effective_mode() == util::MysqlSslMode::Disabled)
            failure.hint += ", or the account requires TLS (REQUIRE SSL): try --mysql-ssl-mode REQUIRED";
        else if (error_number == 1045 && tls.cert.empty())
            failure.hint += ", or the account requires a client certificate (REQUIRE X509): --mysql-ssl-cert and "
                            "--mysql-ssl-key";
        // libmariadb reports a client plugin it cannot load (ed25519, caching_sha2_password) as 1045.
        if (std::string(mysql_error(mysql)).find("could not be loaded") != std::string::npos)
            failure.hint = "this client cannot load the authentication plugin: MARIADB_PLUGIN_DIR must name "
                           "libmariadb's plugin directory (" MARIADB_PLUGINDIR " here)";
        std::string message = "cannot connect to MySQL at " + display_ + ": " + mysql_error(mysql);
        if (!failure.hint.empty()) message += " (" + failure.hint + ")";
        throw ConnectionError(Side::MySQL, message, failure.retryable);
    }
    // ENFORCE without VERIFY_SERVER_CERT lets libmariadb 3.3 go on in plain text when the
    // server (or someone in between) offers no TLS: only PREFERRED may.
    const util::MysqlSslMode mode = tls.effective_mode();
    if (mode >= util::MysqlSslMode::Required && mysql_get_ssl_cipher(mysql) == nullptr)
        throw ConnectionError(Side::MySQL,
                              "cannot connect to MySQL at " + display_ +
                                  ": the server offers no TLS, and ssl-mode " + util::ssl_mode_name(mode) +
                                  " requires it (enable TLS on the server, or choose --mysql-ssl-mode PREFERRED)",
                              false);
    mysql_ = std::move(handle);
    try {
        prepare_session();
    } catch (Error& e) {
        e.add_context("preparing the MySQL session on " + display_);
        throw;
    }
    // From here on Ctrl-C stops whatever this session runs.
    if (effective.on_interrupt == InterruptPolicy::KillQuery)
        kill_registration_ = std::make_unique<KillRegistration>(mysql_thread_id(mysql_.get()), server_node_, dsn);
}

void MysqlConnection::prepare_session() {
    execute("SET NAMES utf8mb4");
    // Pinned to UTC so TIMESTAMP values read the same whatever the server's zone.
    execute("SET time_zone = '+00:00'");
    // Zero and partial-zero dates are read (and turned into NULL by the copy), so the
    // modes that reject them go; the others stay as the server's operator set them.
    const QueryResult settings = query("SELECT @@SESSION.sql_mode, CONCAT(@@hostname, ':', @@port)");
    if (settings.rows.size() != 1 || settings.rows[0].size() != 2)
        throw SourceError("the server answered SELECT @@SESSION.sql_mode, @@hostname, @@port with no row");
    server_node_ = settings.rows[0][1].value_or("");
    std::string kept;
    std::stringstream modes(settings.rows[0][0].value_or(""));
    for (std::string item; std::getline(modes, item, ',');) {
        if (item.empty() || item == "NO_ZERO_DATE" || item == "NO_ZERO_IN_DATE" ||
            item == "STRICT_TRANS_TABLES" || item == "STRICT_ALL_TABLES" || item == "TRADITIONAL")
            continue;
        if (!kept.empty()) kept += ',';
        kept += item;
    }
    execute("SET SESSION sql_mode = " + quote_literal(kept));
}

void MysqlConnection::throw_last_error(std::string_view sql) const {
    const unsigned error_number = mysql_errno(mysql_.get());
    const std::string text = mysql_error(mysql_.get());
    if (is_lost_connection(error_number))
        throw ConnectionError(Side::MySQL, "lost the connection to MySQL at " + display_ + ": " +
                                               text + " (error " + std::to_string(error_number) + ")");
    std::string message = "MySQL error " + std::to_string(error_number) + ": " + text;
    if (!sql.empty()) message += ", in: " + query_excerpt(sql);
    throw SourceError(message, std::string(sql), error_number);
}

void MysqlConnection::execute(std::string_view sql) {
    MYSQL* mysql = mysql_.get();
    if (mysql_real_query(mysql, sql.data(), sql.size()) != 0) throw_last_error(sql);
    // Drain every result (a CALL returns several) so the connection is ready again.
    for (;;) {
        MysqlResPtr result(mysql_store_result(mysql));
        if (!result && mysql_field_count(mysql) != 0) throw_last_error(sql);
        const int next = mysql_next_result(mysql);
        if (next > 0) throw_last_error(sql);
        if (next < 0) break;
    }
}

QueryResult MysqlConnection::query(std::string_view sql) {
    MYSQL* mysql = mysql_.get();
    if (mysql_real_query(mysql, sql.data(), sql.size()) != 0) throw_last_error(sql);
    MysqlResPtr result(mysql_store_result(mysql));
    if (!result) {
        if (mysql_field_count(mysql) != 0) throw_last_error(sql);
        return {};  // a statement without a result set
    }
    QueryResult out = fetch_all(result.get());
    result.reset();
    while (mysql_more_results(mysql)) {
        const int next = mysql_next_result(mysql);
        if (next > 0) throw_last_error(sql);
        MysqlResPtr extra(mysql_store_result(mysql));
    }
    return out;
}

std::optional<std::string> MysqlConnection::scalar(std::string_view sql) {
    QueryResult result = query(sql);
    if (result.rows.empty() || result.rows.front().empty()) return std::nullopt;
    return std::move(result.rows.front().front());
}

std::string MysqlConnection::escape_string(std::string_view value) const {
    // The client library's documented worst case: every byte escaped, plus the NUL.
    std::string out(value.size() * 2 + 1, '\0');
    const unsigned long length =
        mysql_real_escape_string(mysql_.get(), out.data(), value.data(), value.size());
    if (length == static_cast<unsigned long>(-1))
        throw SourceError("cannot escape a string for MySQL: " + std::string(mysql_error(mysql_.get())));
    out.resize(length);
    return out;
}

std::string MysqlConnection::quote_literal(std::string_view value) const {
    return "'" + escape_string(value) + "'";
}

std::string MysqlConnection::server_version() const {
    return mysql_get_server_info(mysql_.get());
}

unsigned long MysqlConnection::server_version_number() const {
    return mysql_get_server_version(mysql_.get());
}

bool MysqlConnection::is_mariadb() const {
    return server_version().find("MariaDB") != std::string::npos;
}

}  // namespace m2pg::source::mysql
