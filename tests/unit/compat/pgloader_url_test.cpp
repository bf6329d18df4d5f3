#include <doctest/doctest.h>

#include <string>

#include "compat/pgloader_url.hpp"
#include "util/dsn.hpp"
#include "util/error.hpp"

using m2pg::compat::mysql_url;
using m2pg::compat::pg_url;
using m2pg::util::parse_mysql_dsn;
using m2pg::util::parse_pg_dsn;

namespace {
bool mentions(const std::vector<std::string>& notes, const std::string& text) {
    for (const auto& n : notes)
        if (n.find(text) != std::string::npos) return true;
    return false;
}
}  // namespace

TEST_CASE("every MySQL DSN form becomes pgloader's URL without the password") {
    CHECK(mysql_url(parse_mysql_dsn("app:s3cr3t-pw@tcp(db.example.com:3307)/chat")).url ==
          "mysql://app@db.example.com:3307/chat");
    CHECK(mysql_url(parse_mysql_dsn("mysql://app:p%40ss%3Aw%2Frd@10.0.0.5/chat")).url ==
          "mysql://app@10.0.0.5:3306/chat");
    CHECK(mysql_url(parse_mysql_dsn("mariadb://app:pw@localhost:3310/chat")).url ==
          "mysql://app@localhost:3310/chat");
    // The port ends the socket path in pgloader's grammar, so it is always written.
    CHECK(mysql_url(parse_mysql_dsn("app:pw@unix(/run/mysqld/mysqld.sock)/chat")).url ==
          "mysql://app@unix:/run/mysqld/mysqld.sock:3306/chat");
}

TEST_CASE("MySQL user and database names are written the way pgloader 3.6 reads them, literally") {
    // The URI form decodes %40 and %3A; pgloader wants @ and : doubled instead.
    CHECK(mysql_url(parse_mysql_dsn("mysql://pgl.u%40x%3Ay:pw@127.0.0.1:3306/my%20db")).url ==
          "mysql://pgl.u@@x::y@127.0.0.1:3306/'my db'");
    CHECK_THROWS_WITH_AS(mysql_url(parse_mysql_dsn("mysql://app:pw@127.0.0.1/it%27s")), doctest::Contains("'it's'"),
                         m2pg::UsageError);
    CHECK_THROWS_WITH_AS(mysql_url(parse_mysql_dsn("mysql://9app:pw@127.0.0.1/chat")), doctest::Contains("user '9app'"),
                         m2pg::UsageError);
    CHECK_THROWS_WITH_AS(mysql_url(parse_mysql_dsn("app:pw@tcp([::1]:3306)/chat")), doctest::Contains("no IPv6"),
                         m2pg::UsageError);
    CHECK_THROWS_AS(mysql_url(parse_mysql_dsn("mysql://app:pw@127.0.0.1")), m2pg::UsageError);
}

TEST_CASE("the MySQL tls parameter becomes pgloader's sslmode, saying what pgloader cannot verify") {
    auto verified = mysql_url(parse_mysql_dsn("app:pw@tcp(db:3306)/chat?tls=true&timeout=30s"));
    CHECK(verified.url == "mysql://app@db:3306/chat?sslmode=require");
    CHECK(mentions(verified.notes, "does not verify the MySQL server's certificate"));
    CHECK(mentions(verified.notes, "left out: timeout"));
    CHECK(mysql_url(parse_mysql_dsn("app:pw@tcp(db:3306)/chat?tls=skip-verify")).notes.empty());
    CHECK(mysql_url(parse_mysql_dsn("app:pw@tcp(db:3306)/chat?tls=preferred")).url ==
          "mysql://app@db:3306/chat?sslmode=prefer");
    CHECK(mysql_url(parse_mysql_dsn("app:pw@tcp(db:3306)/chat?tls=false")).url ==
          "mysql://app@db:3306/chat?sslmode=disable");
    CHECK_THROWS_AS(mysql_url(parse_mysql_dsn("app:pw@tcp(db:3306)/chat?tls=custom")), m2pg::UsageError);
}

TEST_CASE("every PostgreSQL DSN form becomes pgloader's URL without the password") {
    CHECK(pg_url(parse_pg_dsn("postgresql://app:s3cr3t@db.example.com:5433/chat")).url ==
          "postgresql://app@db.example.com:5433/chat");
    CHECK(pg_url(parse_pg_dsn("postgres://app:p%40ss@10.0.0.5/chat?sslmode=require")).url ==
          "postgresql://app@10.0.0.5/chat?sslmode=require");
    CHECK(pg_url(parse_pg_dsn("host=db port=5432 user=app password='s3 cr3t' dbname=chat")).url ==
          "postgresql://app@db:5432/chat");
    // A socket directory, like MySQL's socket path, runs until the port.
    CHECK(pg_url(parse_pg_dsn("host=/var/run/postgresql dbname=chat")).url ==
          "postgresql://unix:/var/run/postgresql:5432/chat");
    // What the DSN leaves out, pgloader takes from PGUSER, PGHOST, PGPORT, PGDATABASE.
    CHECK(pg_url(parse_pg_dsn("dbname=chat")).url == "postgresql:///chat");
    CHECK(pg_url(parse_pg_dsn("user=pgl.u@x dbname='my db'")).url == "postgresql://pgl.u@@x@/'my db'");
}

TEST_CASE("PostgreSQL settings pgloader cannot honour are said, or refused") {
    auto full = pg_url(parse_pg_dsn("host=db dbname=chat sslmode=verify-full application_name=x"));
    CHECK(full.url == "postgresql://db/chat?sslmode=require");
    CHECK(mentions(full.notes, "does not verify the PostgreSQL server's certificate"));
    CHECK(mentions(full.notes, "left out: application_name"));
    CHECK_THROWS_WITH_AS(pg_url(parse_pg_dsn("host=a,b dbname=chat")), doctest::Contains("one PostgreSQL host"),
                         m2pg::UsageError);
    CHECK_THROWS_AS(pg_url(parse_pg_dsn("host=::1 dbname=chat")), m2pg::UsageError);
}

TEST_CASE("a port or sslmode that is not one pgloader reads is refused, naming it, not copied into the URL") {
    // PQconninfoParse takes any text for these; a DSN built by hand is checked the same.
    m2pg::util::PgDsn dsn;
    dsn.keywords = {{"host", "db"}, {"dbname", "chat"}};
    for (const char* port : {"5432/other", "0", "65536", "x", "-1", "123456"}) {
        CAPTURE(port);
        dsn.keywords["port"] = port;
        const std::string named = "port '" + std::string(port) + "'";
        CHECK_THROWS_WITH_AS(pg_url(dsn), doctest::Contains(named.c_str()), m2pg::UsageError);
    }
    dsn.keywords["port"] = "65535";
    CHECK(pg_url(dsn).url == "postgresql://db:65535/chat");
    // A socket directory gets the default port; a bad one given with it is refused too.
    dsn.keywords = {{"host", "/var/run/postgresql"}, {"dbname", "chat"}, {"port", "5432:x"}};
    CHECK_THROWS_AS(pg_url(dsn), m2pg::UsageError);

    CHECK_THROWS_WITH_AS(pg_url(parse_pg_dsn("host=db dbname=chat sslmode=required")),
                         doctest::Contains("sslmode 'required'"), m2pg::UsageError);
    CHECK_THROWS_WITH_AS(pg_url(parse_pg_dsn("host=db dbname=chat sslmode='prefer&x=1'")),
                         doctest::Contains("sslmode 'prefer&x=1'"), m2pg::UsageError);
    for (const char* mode : {"disable", "allow", "prefer", "require"})
        CHECK(pg_url(parse_pg_dsn(std::string("host=db dbname=chat sslmode=") + mode)).url ==
              std::string("postgresql://db/chat?sslmode=") + mode);
    CHECK(pg_url(parse_pg_dsn("host=db dbname=chat sslmode=verify-ca")).url == "postgresql://db/chat?sslmode=require");

    m2pg::util::MysqlDsn mysql = parse_mysql_dsn("app:pw@tcp(db:3306)/chat");
    mysql.port = 0;
    CHECK_THROWS_WITH_AS(mysql_url(mysql), doctest::Contains("MySQL port 0"), m2pg::UsageError);
}
