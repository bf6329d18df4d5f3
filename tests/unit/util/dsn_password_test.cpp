#include "util/dsn_password.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <optional>
#include <string>

#include "util/dsn.hpp"
#include "util/error.hpp"

using m2pg::util::split_mysql_password;
using m2pg::util::split_pg_password;

namespace {

// Sets an environment variable for one test and puts the previous value back afterwards.
class EnvGuard {
public:
    EnvGuard(const char* name, const char* value) : name_(name) {
        if (const char* old = std::getenv(name)) saved_ = old;
        if (value) setenv(name, value, 1);
        else unsetenv(name);
    }
    ~EnvGuard() {
        if (saved_) setenv(name_, saved_->c_str(), 1);
        else unsetenv(name_);
    }
    EnvGuard(const EnvGuard&) = delete;
    EnvGuard& operator=(const EnvGuard&) = delete;

private:
    const char* name_;
    std::optional<std::string> saved_;
};

}  // namespace

TEST_CASE("a Go driver MySQL DSN loses its password, taken literally, and keeps its form") {
    EnvGuard pwd("MYSQL_PWD", nullptr);
    auto s = split_mysql_password("app:p@ss:w/rd%41@tcp(db.example:3307)/chat?tls=true");
    CHECK(s.text == "app@tcp(db.example:3307)/chat?tls=true");
    CHECK(s.password == "p@ss:w/rd%41");
    // What the child makes of it with the password in MYSQL_PWD is the original connection.
    EnvGuard child_pwd("MYSQL_PWD", s.password->c_str());
    auto back = m2pg::util::parse_mysql_dsn(s.text);
    CHECK(back.password == "p@ss:w/rd%41");
    CHECK(back.host == "db.example");
    CHECK(back.port == 3307);
    CHECK(back.params.at("tls") == "true");
}

TEST_CASE("a mysql:// URI loses its password, percent-decoded for the environment") {
    EnvGuard pwd("MYSQL_PWD", nullptr);
    auto s = split_mysql_password("  mysql://app:s%40cret%2F1@127.0.0.1:3306/chat ");
    CHECK(s.text == "mysql://app@127.0.0.1:3306/chat");
    CHECK(s.password == "s@cret/1");
}

TEST_CASE("an empty MySQL password is still a password: the child must not fall back to another") {
    EnvGuard pwd("MYSQL_PWD", "from-the-environment");
    auto s = split_mysql_password("app:@tcp(h:3306)/db");
    CHECK(s.text == "app@tcp(h:3306)/db");
    CHECK(s.password == "");
}

TEST_CASE("a MySQL DSN without a password is unchanged and MYSQL_PWD is not taken as its password") {
    EnvGuard pwd("MYSQL_PWD", "from-the-environment");
    auto go = split_mysql_password("app@tcp(h:3306)/db");
    CHECK(go.text == "app@tcp(h:3306)/db");
    CHECK_FALSE(go.password.has_value());
    auto uri = split_mysql_password("mysql://app@h/db");
    CHECK(uri.text == "mysql://app@h/db");
    CHECK_FALSE(uri.password.has_value());
}

TEST_CASE("a malformed MySQL DSN is a usage error that does not quote the password") {
    try {
        split_mysql_password("app:hunter22@tcp(h:99999)/db");
        FAIL("expected a UsageError");
    } catch (const m2pg::UsageError& e) {
        CHECK(std::string(e.what()).find("hunter22") == std::string::npos);
    }
}

TEST_CASE("a postgresql:// URI loses its user-info password and keeps its form") {
    EnvGuard pwd("PGPASSWORD", nullptr);
    auto s = split_pg_password("postgresql://m2pg:T3st-p%40ss@127.0.0.1:5432/chat?sslmode=disable");
    CHECK(s.text == "postgresql://m2pg@127.0.0.1:5432/chat?sslmode=disable");
    CHECK(s.password == "T3st-p@ss");
    auto back = m2pg::util::parse_pg_dsn(s.text);
    CHECK(back.keywords.count("password") == 0);
    CHECK(back.get("sslmode") == "disable");
}

TEST_CASE("a conninfo password or a URI query password becomes a key=value string without it") {
    auto kv = split_pg_password("host=h dbname=chat password='a b\\'c' user=m2pg");
    CHECK(kv.password == "a b'c");
    CHECK(kv.text.find("a b") == std::string::npos);
    CHECK(kv.text.find("password") == std::string::npos);
    auto back = m2pg::util::parse_pg_dsn(kv.text);
    CHECK(back.get("host") == "h");
    CHECK(back.get("dbname") == "chat");
    CHECK(back.get("user") == "m2pg");

    auto query = split_pg_password("postgresql://m2pg@h/chat?password=s3cret&sslmode=require");
    CHECK(query.password == "s3cret");
    CHECK(query.text.find("s3cret") == std::string::npos);
    CHECK(m2pg::util::parse_pg_dsn(query.text).get("sslmode") == "require");
}

TEST_CASE("a Postgres DSN without a password is unchanged") {
    EnvGuard pwd("PGPASSWORD", "from-the-environment");
    auto s = split_pg_password("postgresql://m2pg@127.0.0.1:5432/chat");
    CHECK(s.text == "postgresql://m2pg@127.0.0.1:5432/chat");
    CHECK_FALSE(s.password.has_value());
    auto kv = split_pg_password("host=h dbname=chat");
    CHECK(kv.text == "host=h dbname=chat");
    CHECK_FALSE(kv.password.has_value());
}
