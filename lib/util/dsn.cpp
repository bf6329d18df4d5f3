#include "util/dsn.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <memory>
#include <string_view>

#include "util/dsn_scan.hpp"
#include "util/error.hpp"
#include "util/percent.hpp"
#include "util/text.hpp"

namespace m2pg::util {

using dsn_scan::go_userinfo_at;
using dsn_scan::is_known_net;
using dsn_scan::net_length;
using dsn_scan::scheme_length;
using dsn_scan::Span;
using dsn_scan::starts_with_go_address;
using dsn_scan::uri_userinfo_at;

namespace {

constexpr auto kNpos = std::string_view::npos;

// Passwords shorter than this are not searched for in error messages: a two-letter
// password would turn every message into asterisk soup, and hides nothing worth hiding.
constexpr std::size_t kMinScrubLength = 4;

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string_view trim(std::string_view text) {
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return text;
}

void replace_all(std::string& text, const std::string& needle) {
    if (needle.size() < kMinScrubLength) return;
    for (std::size_t i = text.find(needle); i != std::string::npos; i = text.find(needle, i + 3))
        text.replace(i, needle.size(), "***");
}

// A message about a DSN with every copy of the DSN's password replaced: libpq quotes whole
// tokens (a password with a bad %-escape) in some of its messages. Our own messages never
// quote the password; this is the safety net for what a misreading of a DSN could quote.
std::string scrub(std::string message, std::string_view dsn) {
    for (Span s : dsn_scan::password_spans(dsn)) {
        std::string raw(dsn.substr(s.begin, s.end - s.begin));
        replace_all(message, raw);
        if (auto decoded = percent_decode(raw)) replace_all(message, *decoded);
    }
    return message;
}

[[noreturn]] void fail_mysql(std::string_view dsn, const std::string& what) {
    throw UsageError("MySQL DSN: " + scrub(what, dsn));
}

[[noreturn]] void fail_pg(std::string_view dsn, const std::string& what) {
    throw UsageError("PostgreSQL DSN: " + scrub(what, dsn));
}

enum class Form { Go, Uri };

unsigned parse_port(std::string_view port, std::string_view dsn) {
    if (port.empty()) fail_mysql(dsn, "empty port after ':'");
    if (!std::all_of(port.begin(), port.end(), is_digit))
        fail_mysql(dsn, "port '" + std::string(port) + "' is not a number");
    unsigned long value = 0;
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc{} || value < 1 || value > 65535)
        fail_mysql(dsn, "port " + std::string(port) + " is out of range 1..65535");
    return static_cast<unsigned>(value);
}

// host, host:port, [v6], [v6]:port, :port. The Go form also takes a bare IPv6 address
// (go-sql-driver adds the default port to it); in a URI it would be ambiguous.
void set_host_port(MysqlDsn& out, std::string_view addr, Form form, std::string_view dsn) {
    std::string_view host = addr;
    std::optional<std::string_view> port;
    if (!addr.empty() && addr.front() == '[') {
        std::size_t close = addr.find(']');
        if (close == kNpos) fail_mysql(dsn, "missing ']' after the IPv6 address");
        host = addr.substr(1, close - 1);
        if (host.empty()) fail_mysql(dsn, "empty IPv6 address '[]'");
        std::string_view tail = addr.substr(close + 1);
        if (!tail.empty() && tail.front() != ':')
            fail_mysql(dsn, "unexpected text after ']' (expected :port)");
        if (!tail.empty()) port = tail.substr(1);
    } else if (std::size_t colon = addr.find(':'); colon != kNpos) {
        if (addr.find(':', colon + 1) == kNpos) {
            host = addr.substr(0, colon);
            port = addr.substr(colon + 1);
        } else if (form == Form::Uri) {
            fail_mysql(dsn, "an IPv6 address needs brackets, like [::1]:3306");
        }
    }
    std::string decoded(host);
    if (form == Form::Uri) {
        auto d = percent_decode(host);
        if (!d) fail_mysql(dsn, "bad percent-encoding in the host name");
        decoded = *d;
    }
    // A URI host like %2Frun%2Fmysqld%2Fmysqld.sock is a socket path (MySQL Shell's convention).
    if (form == Form::Uri && !decoded.empty() && decoded.front() == '/')
        out.socket = decoded;
    else if (!decoded.empty())
        out.host = decoded;
    if (port) out.port = parse_port(*port, dsn);
}

void set_database(MysqlDsn& out, std::string_view path, std::string_view dsn) {
    if (path.find('/') != kNpos)
        fail_mysql(dsn, "unexpected '/' in the database name (write it as %2F)");
    auto db = percent_decode(path);
    if (!db) fail_mysql(dsn, "bad percent-encoding in the database name");
    out.database = *db;
}

void set_params(MysqlDsn& out, std::string_view query, Form form, std::string_view dsn) {
    std::size_t start = 0;
    while (start <= query.size()) {
        std::size_t amp = std::min(query.find('&', start), query.size());
        std::string_view item = query.substr(start, amp - start);
        start = amp + 1;
        if (item.empty()) continue;
        std::size_t eq = item.find('=');
        if (eq == kNpos)
            fail_mysql(dsn, "parameter '" + std::string(item) + "' has no value (expected name=value)");
        auto name = percent_decode(item.substr(0, eq));
        if (!name || name->empty()) fail_mysql(dsn, "bad parameter name before '='");
        std::string key = ascii_lower(*name);
        // go-sql-driver decodes values with url.QueryUnescape, where '+' means a space.
        auto value = percent_decode(item.substr(eq + 1), form == Form::Go);
        if (!value) fail_mysql(dsn, "bad percent-encoding in parameter '" + key + "'");
        if (form == Form::Uri && key == "socket") {
            if (value->empty()) fail_mysql(dsn, "socket= needs a path");
            out.socket = *value;
        } else {
            out.params[key] = *value;
        }
    }
}

// [user[:password]@][net[(addr)]]/dbname[?params], as go-sql-driver/mysql reads it: the
// user name and password are taken literally, the database name and values are decoded.
MysqlDsn parse_go(std::string_view text) {
    MysqlDsn out;
    std::size_t at = go_userinfo_at(text);
    if (at == kNpos) {
        if (starts_with_go_address(text))
            fail_mysql(text, "no user name (user[:password]@tcp(host:port)/dbname)");
        fail_mysql(text, "not a MySQL DSN; expected user@tcp(host:port)/dbname or "
                         "mysql://user@host:port/dbname (a password goes after \"user:\" or in MYSQL_PWD)");
    }
    std::string_view userinfo = text.substr(0, at);
    std::size_t colon = userinfo.find(':');
    out.user = std::string(userinfo.substr(0, colon));
    if (out.user.empty()) fail_mysql(text, "no user name before ':' or '@'");
    if (colon != kNpos) out.password = std::string(userinfo.substr(colon + 1));

    std::string_view rest = text.substr(at + 1);
    if (rest.front() != '/') {
        std::size_t n = net_length(rest);
        std::string net = ascii_lower(rest.substr(0, n));
        std::string_view addr;
        if (rest[n] == '(') {
            std::size_t close = rest.find(')', n + 1);
            if (close == kNpos)
                fail_mysql(text, "missing ')' after " + std::string(rest.substr(0, n)) + "(");
            addr = rest.substr(n + 1, close - n - 1);
            rest = rest.substr(close + 1);
        } else {
            rest = rest.substr(n);
        }
        if (net == "unix") {
            if (addr.empty())
                fail_mysql(text, "unix() needs a socket path, like unix(/run/mysqld/mysqld.sock)");
            out.socket = std::string(addr);
        } else if (is_known_net(net)) {
            set_host_port(out, addr, Form::Go, text);
        } else {
            fail_mysql(text, "unknown network '" + net + "' (expected tcp or unix)");
        }
    }
    if (rest.empty()) fail_mysql(text, "no database name (…/dbname)");
    if (rest.front() != '/') fail_mysql(text, "unexpected text after the address (expected /dbname)");
    rest.remove_prefix(1);
    std::size_t q = rest.find('?');
    set_database(out, rest.substr(0, q), text);
    if (q != kNpos) set_params(out, rest.substr(q + 1), Form::Go, text);
    return out;
}

// mysql://user[:password]@[host][:port][/dbname][?params]; everything percent-decoded.
MysqlDsn parse_uri(std::string_view text, std::size_t scheme_len) {
    MysqlDsn out;
    std::string_view rest = text.substr(scheme_len + 3);
    std::size_t at = uri_userinfo_at(rest);
    if (at == kNpos) fail_mysql(text, "no user name (mysql://user[:password]@host/dbname)");
    std::string_view userinfo = rest.substr(0, at);
    std::size_t colon = userinfo.find(':');
    auto user = percent_decode(userinfo.substr(0, colon));
    if (!user) fail_mysql(text, "bad percent-encoding in the user name");
    if (user->empty()) fail_mysql(text, "no user name before ':' or '@'");
    out.user = *user;
    if (colon != kNpos) {
        auto password = percent_decode(userinfo.substr(colon + 1));
        if (!password) fail_mysql(text, "bad percent-encoding in the password");
        out.password = *password;
    }

    std::string_view after = rest.substr(at + 1);
    std::size_t q = after.find('?');
    std::string_view head = after.substr(0, q);
    std::size_t slash = head.find('/');
    set_host_port(out, head.substr(0, slash), Form::Uri, text);
    if (slash != kNpos) set_database(out, head.substr(slash + 1), text);
    if (q != kNpos) set_params(out, after.substr(q + 1), Form::Uri, text);
    return out;
}

struct ConninfoFree {
    void operator()(PQconninfoOption* options) const noexcept { PQconninfoFree(options); }
};
struct PqFree {
    void operator()(char* text) const noexcept { PQfreemem(text); }
};
using ConninfoPtr = std::unique_ptr<PQconninfoOption, ConninfoFree>;
using PqStringPtr = std::unique_ptr<char, PqFree>;

bool looks_like_go_mysql(std::string_view text) {
    std::size_t at = go_userinfo_at(text);
    if (at == kNpos) return false;
    std::string_view rest = text.substr(at + 1);
    std::size_t n = net_length(rest);
    return n > 0 && n < rest.size() && rest[n] == '(' && is_known_net(ascii_lower(rest.substr(0, n)));
}

// libpq's port keyword: one port, or one per host separated by commas; empty means default.
bool is_valid_port_list(std::string_view ports) {
    std::size_t start = 0;
    while (start <= ports.size()) {
        std::size_t comma = std::min(ports.find(',', start), ports.size());
        std::string_view port = ports.substr(start, comma - start);
        start = comma + 1;
        if (port.empty()) continue;
        if (port.size() > 5 || !std::all_of(port.begin(), port.end(), is_digit)) return false;
        unsigned long value = 0;
        std::from_chars(port.data(), port.data() + port.size(), value);
        if (value < 1 || value > 65535) return false;
    }
    return true;
}

}  // namespace

std::string MysqlDsn::display() const {
    std::string out = user + "@";
    if (!socket.empty()) return out + "unix(" + socket + ")/" + database;
    out += host.find(':') != std::string::npos ? "[" + host + "]" : host;
    return out + ":" + std::to_string(port) + "/" + database;
}

MysqlDsn parse_mysql_dsn(const std::string& input) {
    std::string_view text = trim(input);
    if (text.empty())
        throw UsageError("MySQL DSN: empty; expected user@tcp(host:port)/dbname (a password goes after \"user:\" "
                         "or in MYSQL_PWD)");
    MysqlDsn out;
    if (std::size_t n = scheme_length(text)) {
        std::string scheme = ascii_lower(text.substr(0, n));
        std::string written(text.substr(0, n + 3));
        if (scheme == "postgres" || scheme == "postgresql")
            fail_mysql(text, "'" + written +
                                 "' looks like a PostgreSQL DSN; expected mysql://… or user@tcp(…)/dbname");
        if (scheme != "mysql" && scheme != "mariadb")
            fail_mysql(text, "unknown scheme '" + written + "' (expected mysql:// or mariadb://)");
        out = parse_uri(text, n);
    } else {
        out = parse_go(text);
    }
    if (!out.password) {
        if (const char* env = std::getenv("MYSQL_PWD")) out.password = std::string(env);
    }
    return out;
}

std::string PgDsn::conninfo() const {
    std::string out;
    for (const auto& [key, value] : keywords) {
        if (!out.empty()) out += ' ';
        out += key;
        out += "='";
        for (char c : value) {
            if (c == '\\' || c == '\'') out += '\\';
            out += c;
        }
        out += '\'';
    }
    return out;
}

std::string PgDsn::display() const {
    std::string user = get("user");
    std::string host = get("host", get("hostaddr"));
    std::string port = get("port");
    // libpq lets dbname itself be a whole connection string, password included.
    std::string db = redact(get("dbname"));
    if (user.empty() && host.empty() && port.empty() && db.empty()) return "(libpq defaults)";
    std::string out;
    if (!user.empty()) out += user + "@";
    bool bare_ipv6 =
        host.find(':') != std::string::npos && host.find_first_of("/,[") == std::string::npos;
    out += bare_ipv6 ? "[" + host + "]" : host;
    if (!port.empty()) out += ":" + port;
    if (!db.empty()) out += "/" + db;
    return out;
}

std::string PgDsn::get(const std::string& key, const std::string& fallback) const {
    auto it = keywords.find(key);
    return it == keywords.end() ? fallback : it->second;
}

PgDsn parse_pg_dsn(const std::string& input) {
    std::string text(trim(input));
    const std::string expected =
        "expected postgres://user@host:port/dbname or key=value pairs like 'host=… dbname=…'";
    if (text.empty()) throw UsageError("PostgreSQL DSN: empty; " + expected);
    if (std::size_t n = scheme_length(text)) {
        std::string scheme = ascii_lower(std::string_view(text).substr(0, n));
        std::string written = text.substr(0, n + 3);
        if (scheme == "mysql" || scheme == "mariadb")
            fail_pg(text, "'" + written + "' looks like a MySQL DSN; " + expected);
        if (scheme != "postgres" && scheme != "postgresql")
            fail_pg(text, "unknown scheme '" + written + "' (expected postgres:// or postgresql://)");
        // libpq recognises only the lower-case prefixes.
        text.replace(0, n, scheme);
    } else if (looks_like_go_mysql(text)) {
        fail_pg(text, "this looks like a MySQL DSN (user@tcp(…)/dbname); " + expected);
    } else if (text.find('=') == std::string::npos) {
        fail_pg(text, "not a connection string; " + expected);
    }

    char* raw_error = nullptr;
    ConninfoPtr options(PQconninfoParse(text.c_str(), &raw_error));
    PqStringPtr error(raw_error);
    if (!options) {
        std::string message = error ? std::string(error.get()) : std::string("out of memory");
        while (!message.empty() && is_space(message.back())) message.pop_back();
        // Some libpq messages quote the whole URI.
        fail_pg(text, redact(message));
    }
    PgDsn out;
    for (const PQconninfoOption* option = options.get(); option->keyword != nullptr; ++option)
        if (option->val != nullptr) out.keywords[option->keyword] = option->val;
    // PQconninfoParse leaves ports to connect time; a typo should fail before any work starts.
    // The value is not quoted: in "postgres://user:secret/db" libpq reads the password as a port.
    if (!is_valid_port_list(out.get("port")))
        fail_pg(text, "port must be a number in 1..65535 (or a comma-separated list of them)");
    return out;
}

std::string redact(const std::string& text) {
    std::string out;
    std::size_t pos = 0;
    for (Span s : dsn_scan::password_spans(text)) {
        out.append(text, pos, s.begin - pos);
        out += "***";
        pos = s.end;
    }
    out.append(text, pos, std::string::npos);
    return out;
}

}  // namespace m2pg::util
