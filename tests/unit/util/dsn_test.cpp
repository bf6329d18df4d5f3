#include "util/dsn.hpp"

#include <doctest/doctest.h>
#include <libpq-fe.h>

#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "util/error.hpp"

using m2pg::util::MysqlDsn;
using m2pg::util::parse_mysql_dsn;
using m2pg::util::parse_pg_dsn;
using m2pg::util::PgDsn;
using m2pg::util::redact;

namespace {

// Sets (or unsets) MYSQL_PWD for one test and puts the previous value back afterwards.
class MysqlPwdGuard {
public:
    explicit MysqlPwdGuard(const char* value) {
        if (const char* old = std::getenv("MYSQL_PWD")) saved_ = old;
        if (value)
            setenv("MYSQL_PWD", value, 1);
        else
            unsetenv("MYSQL_PWD");
    }
    ~MysqlPwdGuard() {
        if (saved_)
            setenv("MYSQL_PWD", saved_->c_str(), 1);
        else
            unsetenv("MYSQL_PWD");
    }
    MysqlPwdGuard(const MysqlPwdGuard&) = delete;
    MysqlPwdGuard& operator=(const MysqlPwdGuard&) = delete;

private:
    std::optional<std::string> saved_;
};

std::string mysql_error(const std::string& dsn) {
    try {
        parse_mysql_dsn(dsn);
    } catch (const m2pg::UsageError& e) {
        return e.what();
    }
    return "(no error)";
}

std::string pg_error(const std::string& dsn) {
    try {
        parse_pg_dsn(dsn);
    } catch (const m2pg::UsageError& e) {
        return e.what();
    }
    return "(no error)";
}

const std::string kSecret = "Zq9SecretPw";

}  // namespace

// ---------------------------------------------------------------- MySQL, Go driver form

TEST_CASE("a Go driver DSN with tcp, port and params is split into its parts") {
    MysqlPwdGuard env(nullptr);
    MysqlDsn d = parse_mysql_dsn("app:secret@tcp(db.example.com:3307)/shop?tls=skip-verify&charset=utf8mb4");
    CHECK(d.user == "app");
    REQUIRE(d.password.has_value());
    CHECK(*d.password == "secret");
    CHECK(d.host == "db.example.com");
    CHECK(d.port == 3307);
    CHECK(d.socket == "");
    CHECK(d.database == "shop");
    CHECK(d.params == std::map<std::string, std::string>{{"tls", "skip-verify"}, {"charset", "utf8mb4"}});
}

TEST_CASE("a Go driver DSN without a port uses 3306") {
    MysqlDsn d = parse_mysql_dsn("app:pw@tcp(db.example.com)/shop");
    CHECK(d.host == "db.example.com");
    CHECK(d.port == 3306);
    CHECK(d.database == "shop");
    CHECK(d.params.empty());
}

TEST_CASE("a Go driver DSN with an empty or missing address uses 127.0.0.1:3306") {
    MysqlPwdGuard env(nullptr);
    MysqlDsn slash = parse_mysql_dsn("app@/shop");
    CHECK(slash.user == "app");
    CHECK_FALSE(slash.password.has_value());
    CHECK(slash.host == "127.0.0.1");
    CHECK(slash.port == 3306);
    CHECK(slash.database == "shop");

    MysqlDsn empty_tcp = parse_mysql_dsn("app:pw@tcp()/shop");
    CHECK(empty_tcp.host == "127.0.0.1");
    CHECK(empty_tcp.port == 3306);

    MysqlDsn bare_net = parse_mysql_dsn("app:pw@tcp/shop");
    CHECK(bare_net.host == "127.0.0.1");
    CHECK(bare_net.port == 3306);
    CHECK(bare_net.database == "shop");
}

TEST_CASE("a Go driver DSN with only a port keeps the default host") {
    MysqlDsn d = parse_mysql_dsn("app:pw@tcp(:3310)/shop");
    CHECK(d.host == "127.0.0.1");
    CHECK(d.port == 3310);
}

TEST_CASE("a Go driver unix DSN sets the socket") {
    MysqlDsn d = parse_mysql_dsn("app:pw@unix(/run/mysqld/mysqld.sock)/shop?charset=utf8mb4");
    CHECK(d.user == "app");
    CHECK(*d.password == "pw");
    CHECK(d.socket == "/run/mysqld/mysqld.sock");
    CHECK(d.database == "shop");
    CHECK(d.params.at("charset") == "utf8mb4");
}

TEST_CASE("a Go driver DSN takes IPv6 addresses in brackets, with or without a port") {
    MysqlDsn with_port = parse_mysql_dsn("app:pw@tcp([::1]:3307)/shop");
    CHECK(with_port.host == "::1");
    CHECK(with_port.port == 3307);

    MysqlDsn without_port = parse_mysql_dsn("app:pw@tcp([fe80::1%eth0])/shop");
    CHECK(without_port.host == "fe80::1%eth0");
    CHECK(without_port.port == 3306);

    MysqlDsn tcp6 = parse_mysql_dsn("app:pw@tcp6([2001:db8::5]:3308)/shop");
    CHECK(tcp6.host == "2001:db8::5");
    CHECK(tcp6.port == 3308);
}

TEST_CASE("a Go driver DSN takes a bare IPv6 address with the default port, as go-sql-driver does") {
    MysqlDsn d = parse_mysql_dsn("app:pw@tcp(::1)/shop");
    CHECK(d.host == "::1");
    CHECK(d.port == 3306);
}

TEST_CASE("a Go driver password is taken literally, including '@', ':', '/' and '%'") {
    MysqlDsn d = parse_mysql_dsn("app:p@ss:w/rd%x@tcp(db:3306)/shop");
    CHECK(d.user == "app");
    CHECK(*d.password == "p@ss:w/rd%x");
    CHECK(d.host == "db");
    CHECK(d.database == "shop");

    MysqlDsn unix = parse_mysql_dsn("app:a@/b@unix(/tmp/my.sock)/shop");
    CHECK(*unix.password == "a@/b");
    CHECK(unix.socket == "/tmp/my.sock");

    MysqlDsn default_addr = parse_mysql_dsn("app:x@y:z@/shop");
    CHECK(*default_addr.password == "x@y:z");
    CHECK(default_addr.database == "shop");
}

TEST_CASE("a Go driver DSN decodes the database name and parameter values but not the password") {
    MysqlDsn d = parse_mysql_dsn("app:p%40w@tcp(h)/my%2Fdb?Time_Zone=%27%2B00%3A00%27&loc=America%2FNew_York&x=a+b");
    CHECK(*d.password == "p%40w");
    CHECK(d.database == "my/db");
    CHECK(d.params.at("time_zone") == "'+00:00'");
    CHECK(d.params.at("loc") == "America/New_York");
    CHECK(d.params.at("x") == "a b");
    CHECK(d.params.size() == 3);
}

TEST_CASE("a Go driver DSN keeps '@' in parameter values out of the user info") {
    MysqlDsn d = parse_mysql_dsn("app:pw@tcp(h)/shop?note=a@b&to=x@y.z");
    CHECK(*d.password == "pw");
    CHECK(d.host == "h");
    CHECK(d.params.at("note") == "a@b");
}

TEST_CASE("a Go driver DSN with a trailing slash has an empty database name") {
    MysqlDsn d = parse_mysql_dsn("app:pw@tcp(h:3306)/");
    CHECK(d.database == "");
    CHECK(d.params.empty());
}

TEST_CASE("a Go driver DSN skips empty parameters and the last duplicate wins") {
    MysqlDsn d = parse_mysql_dsn("app:pw@tcp(h)/shop?&tls=false&&tls=true&");
    CHECK(d.params == std::map<std::string, std::string>{{"tls", "true"}});
}

TEST_CASE("surrounding whitespace around a MySQL DSN is ignored") {
    MysqlDsn d = parse_mysql_dsn("  app:pw@tcp(h:3306)/shop\n");
    CHECK(d.user == "app");
    CHECK(d.database == "shop");
}

// ---------------------------------------------------------------- MySQL, URI form

TEST_CASE("a mysql:// URI is split into its parts") {
    MysqlPwdGuard env(nullptr);
    MysqlDsn d = parse_mysql_dsn("mysql://app:secret@db.example.com:3307/shop?tls=true&Charset=utf8mb4");
    CHECK(d.user == "app");
    CHECK(*d.password == "secret");
    CHECK(d.host == "db.example.com");
    CHECK(d.port == 3307);
    CHECK(d.socket == "");
    CHECK(d.database == "shop");
    CHECK(d.params == std::map<std::string, std::string>{{"tls", "true"}, {"charset", "utf8mb4"}});
}

TEST_CASE("mariadb:// and an upper-case scheme are read like mysql://") {
    MysqlDsn maria = parse_mysql_dsn("mariadb://app:pw@db/shop");
    CHECK(maria.user == "app");
    CHECK(maria.host == "db");
    CHECK(maria.port == 3306);
    CHECK(maria.database == "shop");

    MysqlDsn upper = parse_mysql_dsn("MySQL://app:pw@db:3309/shop");
    CHECK(upper.port == 3309);
    CHECK(upper.database == "shop");
}

TEST_CASE("a mysql:// URI percent-decodes the user, password, database and parameters") {
    MysqlDsn d = parse_mysql_dsn("mysql://app%2Buser:p%40ss%3Aw%2Frd%25x@db/my%20db?init=SET%20x%3D1&plus=a+b");
    CHECK(d.user == "app+user");
    CHECK(*d.password == "p@ss:w/rd%x");
    CHECK(d.database == "my db");
    CHECK(d.params.at("init") == "SET x=1");
    CHECK(d.params.at("plus") == "a+b");
}

TEST_CASE("a mysql:// URI tolerates an unescaped '@' and '/' in the password") {
    MysqlDsn at = parse_mysql_dsn("mysql://app:p@ss@db:3306/shop");
    CHECK(*at.password == "p@ss");
    CHECK(at.host == "db");
    CHECK(at.database == "shop");

    MysqlDsn slash = parse_mysql_dsn("mysql://app:p/ss@db/shop");
    CHECK(*slash.password == "p/ss");
    CHECK(slash.host == "db");
    CHECK(slash.database == "shop");
}

TEST_CASE("a mysql:// URI with a socket parameter connects through the socket") {
    MysqlDsn d = parse_mysql_dsn("mysql://app:pw@/shop?socket=%2Frun%2Fmysqld%2Fmysqld.sock&tls=false");
    CHECK(d.socket == "/run/mysqld/mysqld.sock");
    CHECK(d.database == "shop");
    CHECK(d.params == std::map<std::string, std::string>{{"tls", "false"}});

    MysqlDsn raw = parse_mysql_dsn("mysql://app:pw@localhost/shop?socket=/tmp/mysql.sock");
    CHECK(raw.socket == "/tmp/mysql.sock");
}

TEST_CASE("a mysql:// URI whose host is an encoded path is a socket") {
    MysqlDsn d = parse_mysql_dsn("mysql://app:pw@%2Ftmp%2Fmysql.sock/shop");
    CHECK(d.socket == "/tmp/mysql.sock");
    CHECK(d.host == "127.0.0.1");
    CHECK(d.database == "shop");
}

TEST_CASE("a mysql:// URI takes IPv6 addresses in brackets") {
    MysqlDsn with_port = parse_mysql_dsn("mysql://app:pw@[::1]:3307/shop");
    CHECK(with_port.host == "::1");
    CHECK(with_port.port == 3307);

    MysqlDsn without_port = parse_mysql_dsn("mysql://app:pw@[2001:db8::1]/shop");
    CHECK(without_port.host == "2001:db8::1");
    CHECK(without_port.port == 3306);
}

TEST_CASE("a mysql:// URI without a path or host uses the defaults and an empty database") {
    MysqlDsn d = parse_mysql_dsn("mysql://app:pw@");
    CHECK(d.host == "127.0.0.1");
    CHECK(d.port == 3306);
    CHECK(d.database == "");

    MysqlDsn host_only = parse_mysql_dsn("mysql://app@db.internal:3310");
    CHECK(host_only.host == "db.internal");
    CHECK(host_only.port == 3310);
    CHECK(host_only.database == "");

    MysqlDsn query_only = parse_mysql_dsn("mysql://app:pw@db?tls=true");
    CHECK(query_only.host == "db");
    CHECK(query_only.database == "");
    CHECK(query_only.params.at("tls") == "true");
}

TEST_CASE("a mysql:// URI accepts the extreme ports 1 and 65535") {
    CHECK(parse_mysql_dsn("mysql://app:pw@h:1/db").port == 1);
    CHECK(parse_mysql_dsn("mysql://app:pw@h:65535/db").port == 65535);
    CHECK(parse_mysql_dsn("app:pw@tcp(h:65535)/db").port == 65535);
}

// ---------------------------------------------------------------- MYSQL_PWD

TEST_CASE("MYSQL_PWD fills in a missing password in both forms") {
    MysqlPwdGuard env("from-env");
    MysqlDsn go = parse_mysql_dsn("app@tcp(h)/shop");
    REQUIRE(go.password.has_value());
    CHECK(*go.password == "from-env");

    MysqlDsn uri = parse_mysql_dsn("mysql://app@h/shop");
    REQUIRE(uri.password.has_value());
    CHECK(*uri.password == "from-env");
}

TEST_CASE("MYSQL_PWD does not override a password in the DSN, even an empty one") {
    MysqlPwdGuard env("from-env");
    CHECK(*parse_mysql_dsn("app:given@tcp(h)/shop").password == "given");
    CHECK(*parse_mysql_dsn("mysql://app:given@h/shop").password == "given");
    MysqlDsn empty_go = parse_mysql_dsn("app:@tcp(h)/shop");
    REQUIRE(empty_go.password.has_value());
    CHECK(*empty_go.password == "");
    MysqlDsn empty_uri = parse_mysql_dsn("mysql://app:@h/shop");
    REQUIRE(empty_uri.password.has_value());
    CHECK(*empty_uri.password == "");
}

TEST_CASE("without MYSQL_PWD a DSN without a password has no password") {
    MysqlPwdGuard env(nullptr);
    CHECK_FALSE(parse_mysql_dsn("app@tcp(h)/shop").password.has_value());
    CHECK_FALSE(parse_mysql_dsn("mysql://app@h/shop").password.has_value());
}

// ---------------------------------------------------------------- MySQL errors

TEST_CASE("a MySQL port that is not a number is named in the error") {
    CHECK(mysql_error("app:pw@tcp(h:abc)/shop") == "MySQL DSN: port 'abc' is not a number");
    CHECK(mysql_error("mysql://app:pw@h:abc/shop") == "MySQL DSN: port 'abc' is not a number");
    CHECK(mysql_error("mysql://app:pw@h:-1/shop") == "MySQL DSN: port '-1' is not a number");
    CHECK(mysql_error("mysql://app:pw@[::1]:x/shop") == "MySQL DSN: port 'x' is not a number");
    CHECK(mysql_error("mysql://app:pw@h:/shop") == "MySQL DSN: empty port after ':'");
}

TEST_CASE("a MySQL port outside 1..65535 is rejected") {
    CHECK(mysql_error("app:pw@tcp(h:0)/shop") == "MySQL DSN: port 0 is out of range 1..65535");
    CHECK(mysql_error("mysql://app:pw@h:65536/shop") == "MySQL DSN: port 65536 is out of range 1..65535");
    CHECK(mysql_error("mysql://app:pw@h:99999999999999999999999/shop") ==
          "MySQL DSN: port 99999999999999999999999 is out of range 1..65535");
}

TEST_CASE("a Go driver address without ')' is rejected") {
    CHECK(mysql_error("app:pw@tcp(h:3306/shop") == "MySQL DSN: missing ')' after tcp(");
    CHECK(mysql_error("app:pw@unix(/tmp/sock") == "MySQL DSN: missing ')' after unix(");
}

TEST_CASE("a MySQL DSN with an unknown scheme is rejected") {
    CHECK(mysql_error("http://app:pw@h/shop") == "MySQL DSN: unknown scheme 'http://' (expected mysql:// or mariadb://)");
    CHECK(mysql_error("postgres://app:pw@h/shop") ==
          "MySQL DSN: 'postgres://' looks like a PostgreSQL DSN; expected mysql://… or user@tcp(…)/dbname");
}

TEST_CASE("a Go driver DSN without '/dbname' is rejected") {
    CHECK(mysql_error("app:pw@tcp(h:3306)") == "MySQL DSN: no database name (…/dbname)");
    CHECK(mysql_error("app:pw@tcp(h:3306)shop") == "MySQL DSN: unexpected text after the address (expected /dbname)");
}

TEST_CASE("a MySQL DSN without a user name is rejected") {
    CHECK(mysql_error(":pw@tcp(h)/shop") == "MySQL DSN: no user name before ':' or '@'");
    CHECK(mysql_error("@tcp(h)/shop") == "MySQL DSN: no user name before ':' or '@'");
    CHECK(mysql_error("tcp(h:3306)/shop") == "MySQL DSN: no user name (user[:password]@tcp(host:port)/dbname)");
    CHECK(mysql_error("/shop") == "MySQL DSN: no user name (user[:password]@tcp(host:port)/dbname)");
    CHECK(mysql_error("mysql://:pw@h/shop") == "MySQL DSN: no user name before ':' or '@'");
    CHECK(mysql_error("mysql://h:3306/shop") == "MySQL DSN: no user name (mysql://user[:password]@host/dbname)");
}

TEST_CASE("a Go driver DSN with an unknown network or an empty socket is rejected") {
    CHECK(mysql_error("app:pw@udp(h)/shop") == "MySQL DSN: unknown network 'udp' (expected tcp or unix)");
    CHECK(mysql_error("app:pw@unix()/shop") ==
          "MySQL DSN: unix() needs a socket path, like unix(/run/mysqld/mysqld.sock)");
    CHECK(mysql_error("app:pw@unix/shop") ==
          "MySQL DSN: unix() needs a socket path, like unix(/run/mysqld/mysqld.sock)");
}

TEST_CASE("a MySQL IPv6 address must be bracketed in a URI and the bracket closed") {
    CHECK(mysql_error("mysql://app:pw@::1/shop") == "MySQL DSN: an IPv6 address needs brackets, like [::1]:3306");
    CHECK(mysql_error("mysql://app:pw@[::1/shop") == "MySQL DSN: missing ']' after the IPv6 address");
    CHECK(mysql_error("app:pw@tcp([::1)/shop") == "MySQL DSN: missing ']' after the IPv6 address");
    CHECK(mysql_error("mysql://app:pw@[]:3306/shop") == "MySQL DSN: empty IPv6 address '[]'");
    CHECK(mysql_error("mysql://app:pw@[::1]x/shop") == "MySQL DSN: unexpected text after ']' (expected :port)");
}

TEST_CASE("a MySQL DSN with broken percent-encoding names the part") {
    CHECK(mysql_error("mysql://app:p%zz@h/shop") == "MySQL DSN: bad percent-encoding in the password");
    CHECK(mysql_error("mysql://app:p%00x@h/shop") == "MySQL DSN: bad percent-encoding in the password");
    CHECK(mysql_error("mysql://a%g1:pw@h/shop") == "MySQL DSN: bad percent-encoding in the user name");
    CHECK(mysql_error("mysql://app:pw@h/sh%p") == "MySQL DSN: bad percent-encoding in the database name");
    CHECK(mysql_error("app:pw@tcp(h)/sh%") == "MySQL DSN: bad percent-encoding in the database name");
    CHECK(mysql_error("mysql://app:pw@h/shop?tls=%x1") == "MySQL DSN: bad percent-encoding in parameter 'tls'");
    CHECK(mysql_error("mysql://app:pw@h%/shop") == "MySQL DSN: bad percent-encoding in the host name");
}

TEST_CASE("a MySQL parameter without '=' or a name is rejected") {
    CHECK(mysql_error("app:pw@tcp(h)/shop?tls") == "MySQL DSN: parameter 'tls' has no value (expected name=value)");
    CHECK(mysql_error("mysql://app:pw@h/shop?a=1&=2") == "MySQL DSN: bad parameter name before '='");
    CHECK(mysql_error("mysql://app:pw@h/shop?socket=") == "MySQL DSN: socket= needs a path");
}

TEST_CASE("a raw '/' in a MySQL database name is rejected") {
    CHECK(mysql_error("mysql://app:pw@h/a/b") == "MySQL DSN: unexpected '/' in the database name (write it as %2F)");
    CHECK(mysql_error("app:pw@tcp(h)/a/b") == "MySQL DSN: unexpected '/' in the database name (write it as %2F)");
}

TEST_CASE("text that is not a MySQL DSN is rejected") {
    const std::string not_dsn =
        "MySQL DSN: not a MySQL DSN; expected user@tcp(host:port)/dbname or "
        "mysql://user@host:port/dbname (a password goes after \"user:\" or in MYSQL_PWD)";
    CHECK(mysql_error("localhost") == not_dsn);
    CHECK(mysql_error("host=h user=u password=pw") == not_dsn);
    CHECK(mysql_error("app:pw@db.example.com") == not_dsn);
    const std::string empty =
        "MySQL DSN: empty; expected user@tcp(host:port)/dbname (a password goes after \"user:\" or in MYSQL_PWD)";
    CHECK(mysql_error("") == empty);
    CHECK(mysql_error("   ") == empty);
}

TEST_CASE("MySQL DSN errors never contain the password") {
    const std::vector<std::string> malformed = {
        "app:" + kSecret + "@tcp(h:abc)/shop",
        "app:" + kSecret + "@tcp(h:0)/shop",
        "app:" + kSecret + "@tcp(h:3306/shop",
        "app:" + kSecret + "@tcp(h:3306)",
        "app:" + kSecret + "@tcp(h:3306)shop",
        "app:" + kSecret + "@udp(h)/shop",
        "app:" + kSecret + "@unix()/shop",
        "app:" + kSecret + "@tcp([::1)/shop",
        "app:" + kSecret + "@tcp(h)/shop?tls",
        "app:" + kSecret + "@tcp(h)/a/b",
        ":" + kSecret + "@tcp(h)/shop",
        "app:" + kSecret,
        "app:" + kSecret + "@db.example.com",
        kSecret,
        "mysql://app:" + kSecret + "@h:abc/shop",
        "mysql://app:" + kSecret + "@h:70000/shop",
        "mysql://app:" + kSecret + "/shop",
        "mysql://app:" + kSecret + "%zz@h/shop",
        "mysql://app:" + kSecret + "@[::1/shop",
        "mysql://app:" + kSecret + "@::1/shop",
        "mysql://app:" + kSecret + "@h/shop?socket=",
        "mysql://:" + kSecret + "@h/shop",
        "http://app:" + kSecret + "@h/shop",
        "postgres://app:" + kSecret + "@h/shop",
        "host=h password=" + kSecret,
    };
    for (const std::string& dsn : malformed) {
        CAPTURE(dsn);
        std::string message = mysql_error(dsn);
        CHECK(message.rfind("MySQL DSN: ", 0) == 0);
        CHECK(message.find(kSecret) == std::string::npos);
    }
}

// ---------------------------------------------------------------- MySQL display

TEST_CASE("MySQL display shows user, address and database but never the password") {
    MysqlDsn tcp = parse_mysql_dsn("app:" + kSecret + "@tcp(db.example.com:3307)/shop?tls=true");
    CHECK(tcp.display() == "app@db.example.com:3307/shop");

    MysqlDsn unix = parse_mysql_dsn("app:" + kSecret + "@unix(/run/mysqld/mysqld.sock)/shop");
    CHECK(unix.display() == "app@unix(/run/mysqld/mysqld.sock)/shop");

    MysqlDsn v6 = parse_mysql_dsn("mysql://app:" + kSecret + "@[::1]:3307/shop");
    CHECK(v6.display() == "app@[::1]:3307/shop");

    MysqlDsn defaults = parse_mysql_dsn("app:" + kSecret + "@/shop");
    CHECK(defaults.display() == "app@127.0.0.1:3306/shop");

    MysqlDsn socket_param = parse_mysql_dsn("mysql://app:" + kSecret + "@/shop?socket=/tmp/m.sock");
    CHECK(socket_param.display() == "app@unix(/tmp/m.sock)/shop");
}

// ---------------------------------------------------------------- PostgreSQL

TEST_CASE("a postgres:// URI becomes libpq keywords") {
    PgDsn d = parse_pg_dsn("postgres://app:secret@db.example.com:5433/shop?sslmode=require");
    CHECK(d.keywords == std::map<std::string, std::string>{{"user", "app"},
                                                           {"password", "secret"},
                                                           {"host", "db.example.com"},
                                                           {"port", "5433"},
                                                           {"dbname", "shop"},
                                                           {"sslmode", "require"}});
}

TEST_CASE("postgresql:// and an upper-case scheme are accepted") {
    PgDsn long_scheme = parse_pg_dsn("postgresql://app@db/shop");
    CHECK(long_scheme.keywords ==
          std::map<std::string, std::string>{{"user", "app"}, {"host", "db"}, {"dbname", "shop"}});
    PgDsn upper = parse_pg_dsn("PostgreSQL://app@db/shop");
    CHECK(upper.get("host") == "db");
    CHECK(upper.get("dbname") == "shop");
}

TEST_CASE("a postgres:// URI is percent-decoded by libpq") {
    PgDsn d = parse_pg_dsn("postgres://app:p%40ss%3Aw%2Frd%25x@db/my%20db");
    CHECK(d.get("password") == "p@ss:w/rd%x");
    CHECK(d.get("dbname") == "my db");
}

TEST_CASE("a postgres:// URI takes IPv6 hosts and socket directories") {
    PgDsn v6 = parse_pg_dsn("postgres://app@[::1]:5433/shop");
    CHECK(v6.get("host") == "::1");
    CHECK(v6.get("port") == "5433");

    PgDsn encoded = parse_pg_dsn("postgresql://app@%2Fvar%2Frun%2Fpostgresql/shop");
    CHECK(encoded.get("host") == "/var/run/postgresql");

    PgDsn query = parse_pg_dsn("postgresql:///shop?host=/tmp&port=5433");
    CHECK(query.keywords ==
          std::map<std::string, std::string>{{"host", "/tmp"}, {"port", "5433"}, {"dbname", "shop"}});
}

TEST_CASE("a libpq key=value string keeps only the keywords it sets") {
    PgDsn d = parse_pg_dsn("host=/var/run/postgresql port=5432 dbname=shop user=app");
    CHECK(d.keywords == std::map<std::string, std::string>{{"host", "/var/run/postgresql"},
                                                           {"port", "5432"},
                                                           {"dbname", "shop"},
                                                           {"user", "app"}});
}

TEST_CASE("a libpq key=value string unquotes and unescapes values") {
    PgDsn d = parse_pg_dsn(R"(dbname = 'my shop' password='it\'s \\ here' host=h\ x)");
    CHECK(d.get("dbname") == "my shop");
    CHECK(d.get("password") == R"(it's \ here)");
    CHECK(d.get("host") == "h x");
}

TEST_CASE("a multi-host libpq string with one port per host is accepted") {
    PgDsn d = parse_pg_dsn("postgres://app@h1:5432,h2:5433/shop");
    CHECK(d.get("host") == "h1,h2");
    CHECK(d.get("port") == "5432,5433");
}

TEST_CASE("PgDsn::get returns the fallback for a missing keyword") {
    PgDsn d = parse_pg_dsn("dbname=shop");
    CHECK(d.get("dbname") == "shop");
    CHECK(d.get("host") == "");
    CHECK(d.get("host", "localhost") == "localhost");
    CHECK(d.keywords.size() == 1);
}

TEST_CASE("a PostgreSQL DSN that is neither a URI nor key=value is rejected") {
    const std::string expected =
        "expected postgres://user@host:port/dbname or key=value pairs like 'host=… dbname=…'";
    CHECK(pg_error("localhost") == "PostgreSQL DSN: not a connection string; " + expected);
    CHECK(pg_error("") == "PostgreSQL DSN: empty; " + expected);
    CHECK(pg_error("mysql://app:pw@h/shop") == "PostgreSQL DSN: 'mysql://' looks like a MySQL DSN; " + expected);
    CHECK(pg_error("mariadb://app:pw@h/shop") == "PostgreSQL DSN: 'mariadb://' looks like a MySQL DSN; " + expected);
    CHECK(pg_error("app:pw@tcp(h:3306)/shop?tls=true") ==
          "PostgreSQL DSN: this looks like a MySQL DSN (user@tcp(…)/dbname); " + expected);
    CHECK(pg_error("http://h/shop") ==
          "PostgreSQL DSN: unknown scheme 'http://' (expected postgres:// or postgresql://)");
}

TEST_CASE("a PostgreSQL DSN that libpq rejects carries libpq's message") {
    CHECK(pg_error("host=h bogus=1") == "PostgreSQL DSN: invalid connection option \"bogus\"");
    CHECK(pg_error("postgres://h/shop?bogus=1") == "PostgreSQL DSN: invalid URI query parameter: \"bogus\"");
    CHECK(pg_error("host='h") == "PostgreSQL DSN: unterminated quoted string in connection info string");
}

TEST_CASE("a PostgreSQL port outside 1..65535 is rejected before connecting") {
    const std::string message = "PostgreSQL DSN: port must be a number in 1..65535 (or a comma-separated list of them)";
    CHECK(pg_error("postgres://app@h:abc/shop") == message);
    CHECK(pg_error("host=h port=0") == message);
    CHECK(pg_error("host=h port=65536") == message);
    CHECK(pg_error("host=h1,h2 port=5432,x") == message);
    CHECK(pg_error("host=h port=65535") == "(no error)");
}

TEST_CASE("PostgreSQL DSN errors never contain the password") {
    const std::vector<std::string> malformed = {
        "postgres://app:p%zz" + kSecret + "@h/shop",
        "postgres://app:" + kSecret + "@[::1/shop",
        "postgres://app:" + kSecret + "@h:abc/shop",
        "postgres://app:" + kSecret + "/shop",
        "postgresql://app@h/shop?password=" + kSecret + "%00",
        "postgres://app:" + kSecret + "@h/shop?bogus=1",
        "postgres://app:" + kSecret + "%00@h/shop",
        "host=h password=" + kSecret + " bogus=1",
        "host=h password='" + kSecret,
        "host=h password=" + kSecret + " port=x",
        "mysql://app:" + kSecret + "@h/shop",
        "app:" + kSecret + "@tcp(h)/shop",
        "http://app:" + kSecret + "@h/shop",
        "app:" + kSecret,
    };
    for (const std::string& dsn : malformed) {
        CAPTURE(dsn);
        std::string message = pg_error(dsn);
        CHECK(message.rfind("PostgreSQL DSN: ", 0) == 0);
        CHECK(message.find(kSecret) == std::string::npos);
    }
}

TEST_CASE("PgDsn::conninfo quotes every value and escapes quotes and backslashes") {
    PgDsn d;
    d.keywords = {{"host", "h"}, {"password", R"(it's a \ test)"}, {"dbname", ""}};
    CHECK(d.conninfo() == R"(dbname='' host='h' password='it\'s a \\ test')");
    CHECK(PgDsn{}.conninfo() == "");
}

TEST_CASE("PgDsn::conninfo survives a round trip through PQconninfoParse") {
    PgDsn original;
    original.keywords = {{"host", "/var/run/postgresql"},
                         {"port", "5433"},
                         {"user", "app user"},
                         {"password", R"(p@ss:w/rd%x 'q' \b\ "d" =)"},
                         {"dbname", "my shop"},
                         {"application_name", ""},
                         {"options", "-c search_path=a,b"}};
    PgDsn reparsed = parse_pg_dsn(original.conninfo());
    CHECK(reparsed.keywords == original.keywords);

    PgDsn from_uri = parse_pg_dsn("postgres://app:p%40ss%27%5C@[::1]:5433/shop?sslmode=verify-full");
    CHECK(parse_pg_dsn(from_uri.conninfo()).keywords == from_uri.keywords);
    CHECK(from_uri.get("password") == R"(p@ss'\)");
}

TEST_CASE("PostgreSQL display shows user, host, port and database but never the password") {
    CHECK(parse_pg_dsn("postgres://app:" + kSecret + "@db.example.com:5433/shop").display() ==
          "app@db.example.com:5433/shop");
    CHECK(parse_pg_dsn("postgres://app:" + kSecret + "@[::1]:5433/shop").display() == "app@[::1]:5433/shop");
    CHECK(parse_pg_dsn("host=/var/run/postgresql dbname=shop password=" + kSecret).display() ==
          "/var/run/postgresql/shop");
    CHECK(parse_pg_dsn("user=app hostaddr=10.0.0.5 dbname=shop").display() == "app@10.0.0.5/shop");
    CHECK(parse_pg_dsn("password=" + kSecret + " sslmode=require").display() == "(libpq defaults)");
    std::string nested = parse_pg_dsn("dbname='postgres://app:" + kSecret + "@h/shop'").display();
    CHECK(nested == "/postgres://app:***@h/shop");
}

// ---------------------------------------------------------------- redact

TEST_CASE("redact hides the password of URI DSNs") {
    CHECK(redact("mysql://app:secret@db:3306/shop") == "mysql://app:***@db:3306/shop");
    CHECK(redact("mariadb://app:secret@db/shop") == "mariadb://app:***@db/shop");
    CHECK(redact("postgres://app:secret@db/shop?sslmode=require") == "postgres://app:***@db/shop?sslmode=require");
    CHECK(redact("postgresql://app:p%40ss%3Aw%2Frd%25x@[::1]:5432/shop") == "postgresql://app:***@[::1]:5432/shop");
    CHECK(redact("mysql://app:p@ss@db/shop") == "mysql://app:***@db/shop");
    CHECK(redact("mysql://app:p/ss@db/shop") == "mysql://app:***@db/shop");
    CHECK(redact("mysql://app:pw@db/shop?note=a@b") == "mysql://app:***@db/shop?note=a@b");
}

TEST_CASE("redact hides the password of Go driver DSNs") {
    CHECK(redact("app:secret@tcp(db:3306)/shop") == "app:***@tcp(db:3306)/shop");
    CHECK(redact("app:p@ss:w/rd%x@tcp(db:3306)/shop?tls=true") == "app:***@tcp(db:3306)/shop?tls=true");
    CHECK(redact("app:secret@unix(/run/mysqld/mysqld.sock)/shop") == "app:***@unix(/run/mysqld/mysqld.sock)/shop");
    CHECK(redact("app:secret@/shop") == "app:***@/shop");
    CHECK(redact("app:secret@tcp/shop") == "app:***@tcp/shop");
    CHECK(redact("app:a@/b@tcp(h)/shop") == "app:***@tcp(h)/shop");
}

TEST_CASE("redact hides conninfo passwords, quoted or not") {
    CHECK(redact("host=h password=secret dbname=shop") == "host=h password=*** dbname=shop");
    CHECK(redact("host=h password='se cr\\'et' dbname=shop") == "host=h password='***' dbname=shop");
    CHECK(redact("host=h PASSWORD = secret") == "host=h PASSWORD = ***");
    CHECK(redact("password=sec\\ ret host=h") == "password=*** host=h");
    CHECK(redact("host=h password='unterminated") == "host=h password='***");
    CHECK(redact("postgres://h/shop?password=secret&sslmode=require") == "postgres://h/shop?password=***&sslmode=require");
    CHECK(redact("PGPASSWORD=secret MYSQL_PWD=other psql") == "PGPASSWORD=*** MYSQL_PWD=*** psql");
}

TEST_CASE("redact hides DSNs quoted inside longer messages") {
    CHECK(redact("cannot connect to app:secret@tcp(db:3306)/shop: connection refused") ==
          "cannot connect to app:***@tcp(db:3306)/shop: connection refused");
    CHECK(redact("bad URI: \"postgres://app:secret@[::1/shop\"") == "bad URI: \"postgres://app:***@[::1/shop\"");
    CHECK(redact("--mysql=app:secret@tcp(h)/a --postgres='postgres://u:other@h/b'") ==
          "--mysql=app:***@tcp(h)/a --postgres='postgres://u:***@h/b'");
    CHECK(redact("conninfo \"host=h password=secret\" failed") == "conninfo \"host=h password=***\" failed");
    CHECK(redact("'password=secret'") == "'password=***'");
    // Inside the value a quote is part of the password, as libpq reads it.
    CHECK(redact("password=se\"cr'et host=h") == "password=*** host=h");
}

TEST_CASE("redact leaves text without a DSN password unchanged") {
    for (const std::string text : {"",
                                   "connection refused",
                                   "mail app@example.com about it",
                                   "https://example.com/path?q=1",
                                   "mysql://app@db:3306/shop",
                                   "app@tcp(db:3306)/shop",
                                   "app@/shop",
                                   "host=h dbname=shop",
                                   "ratio 3:1 @ noon",
                                   "the password is wrong",
                                   "passwords=none"}) {
        CAPTURE(text);
        CHECK(redact(text) == text);
    }
}

TEST_CASE("redact is idempotent") {
    for (const std::string text : {"mysql://app:secret@db/shop", "app:p@ss@tcp(h)/shop", "host=h password='x y'"}) {
        CAPTURE(text);
        CHECK(redact(redact(text)) == redact(text));
    }
}
