#include "util/mysql_tls.hpp"

#include <doctest/doctest.h>

#include <string>

#include "util/dsn.hpp"
#include "util/dsn_password.hpp"
#include "util/error.hpp"

using m2pg::util::MysqlSslMode;
using m2pg::util::MysqlTls;
using m2pg::util::mysql_tls;
using m2pg::util::parse_mysql_dsn;
using m2pg::util::with_mysql_tls;

namespace {

MysqlTls of(const std::string& dsn) { return mysql_tls(parse_mysql_dsn(dsn)); }

MysqlTls flags(MysqlSslMode mode, std::string ca = {}) {
    MysqlTls tls;
    tls.mode = mode;
    tls.ca = std::move(ca);
    return tls;
}

}  // namespace

TEST_CASE("MySQL ssl modes are read in MySQL's spelling, any case, - or _") {
    CHECK(m2pg::util::parse_ssl_mode("VERIFY_CA", "--mysql-ssl-mode") == MysqlSslMode::VerifyCa);
    CHECK(m2pg::util::parse_ssl_mode("verify-identity", "--mysql-ssl-mode") == MysqlSslMode::VerifyIdentity);
    CHECK(m2pg::util::parse_ssl_mode("Disabled", "--mysql-ssl-mode") == MysqlSslMode::Disabled);
    CHECK_THROWS_WITH_AS(m2pg::util::parse_ssl_mode("on", "--mysql-ssl-mode"),
                         "--mysql-ssl-mode on is not one of DISABLED, PREFERRED, REQUIRED, VERIFY_CA, VERIFY_IDENTITY",
                         m2pg::UsageError);
    CHECK(m2pg::util::ssl_mode_name(MysqlSslMode::VerifyIdentity) == "VERIFY_IDENTITY");
}

TEST_CASE("the Go driver's tls= values map to ssl modes; no parameter means no TLS") {
    CHECK(of("app:pw@tcp(db:3306)/chat?tls=true").mode == MysqlSslMode::VerifyIdentity);
    CHECK(of("app:pw@tcp(db:3306)/chat?tls=skip-verify").mode == MysqlSslMode::Required);
    CHECK(of("app:pw@tcp(db:3306)/chat?tls=preferred").mode == MysqlSslMode::Preferred);
    CHECK(of("app:pw@tcp(db:3306)/chat?tls=false").mode == MysqlSslMode::Disabled);
    CHECK(of("app:pw@tcp(db:3306)/chat").empty());
    CHECK(of("app:pw@tcp(db:3306)/chat").effective_mode() == MysqlSslMode::Disabled);
    CHECK_THROWS_WITH_AS(of("app:pw@tcp(db:3306)/chat?tls=custom"),
                         "DSN parameter tls=custom is not one of true, skip-verify, preferred, false", m2pg::UsageError);
}

TEST_CASE("ssl-mode, ssl-ca (or tls-ca), ssl-cert and ssl-key DSN parameters") {
    const MysqlTls tls = of("mysql://app:pw@db/chat?ssl-mode=verify_ca&ssl-ca=%2Fetc%2Fca.pem&ssl-cert=/c.pem&ssl-key=/k.pem");
    CHECK(tls.mode == MysqlSslMode::VerifyCa);
    CHECK(tls.ca == "/etc/ca.pem");
    CHECK(tls.cert == "/c.pem");
    CHECK(tls.key == "/k.pem");
    CHECK(of("app:pw@tcp(db)/chat?tls-ca=/ca.pem").ca == "/ca.pem");
    // A CA alone asks for verification against it; a certificate alone for TLS.
    CHECK(of("app:pw@tcp(db)/chat?ssl-ca=/ca.pem").effective_mode() == MysqlSslMode::VerifyCa);
    CHECK(of("app:pw@tcp(db)/chat?ssl-cert=/c&ssl-key=/k").effective_mode() == MysqlSslMode::Required);
    CHECK(of("app:pw@tcp(db)/chat?tls=true&ssl-mode=VERIFY_IDENTITY").mode == MysqlSslMode::VerifyIdentity);
}

TEST_CASE("MySQL TLS settings that cannot work are usage errors naming the fix") {
    CHECK_THROWS_WITH_AS(of("app:pw@tcp(db)/chat?tls=false&ssl-mode=REQUIRED"),
                         doctest::Contains("tls=false (DISABLED) and ssl-mode=REQUIRED disagree"), m2pg::UsageError);
    CHECK_THROWS_WITH_AS(of("app:pw@tcp(db)/chat?ssl-mode=VERIFY_CA"), doctest::Contains("--mysql-ssl-ca FILE"),
                         m2pg::UsageError);
    CHECK_THROWS_WITH_AS(of("app:pw@tcp(db)/chat?tls=false&ssl-ca=/ca.pem"), doctest::Contains("DISABLED"),
                         m2pg::UsageError);
    CHECK_THROWS_WITH_AS(of("app:pw@tcp(db)/chat?ssl-mode=REQUIRED&ssl-cert=/c.pem"),
                         doctest::Contains("give both --mysql-ssl-cert and --mysql-ssl-key"), m2pg::UsageError);
    CHECK_THROWS_AS(of("app:pw@tcp(db)/chat?ssl-ca=/a&tls-ca=/b"), m2pg::UsageError);
    CHECK_THROWS_AS(of("app:pw@tcp(db)/chat?ssl-mode=sometimes"), m2pg::UsageError);
}

TEST_CASE("the --mysql-ssl-* flags become DSN parameters, in either DSN form") {
    CHECK(with_mysql_tls("app:pw@tcp(db:3306)/chat", flags(MysqlSslMode::Required)) ==
          "app:pw@tcp(db:3306)/chat?ssl-mode=REQUIRED");
    CHECK(with_mysql_tls("app:pw@tcp(db:3306)/chat?timeout=5s", flags(MysqlSslMode::VerifyCa, "/tmp/my ca+1.pem")) ==
          "app:pw@tcp(db:3306)/chat?timeout=5s&ssl-mode=VERIFY_CA&ssl-ca=/tmp/my%20ca%2B1.pem");
    // A '?' in the password is not the query.
    const std::string with_q = with_mysql_tls("mysql://app:p%3Fw@db/chat", flags(MysqlSslMode::VerifyCa, "/a&b.pem"));
    CHECK(with_q == "mysql://app:p%3Fw@db/chat?ssl-mode=VERIFY_CA&ssl-ca=/a%26b.pem");
    const MysqlTls back = of(with_q);
    CHECK(back.ca == "/a&b.pem");
    CHECK(parse_mysql_dsn(with_q).password == "p?w");
    CHECK(of(with_mysql_tls("app:p?w@tcp(db)/chat", flags(MysqlSslMode::Preferred))).mode == MysqlSslMode::Preferred);
    // Unchanged without flags; the DSN's own settings stay.
    CHECK(with_mysql_tls("app:pw@tcp(db)/chat?tls=true", MysqlTls{}) == "app:pw@tcp(db)/chat?tls=true");
    CHECK(of(with_mysql_tls("app:pw@tcp(db)/chat?tls=true", flags(MysqlSslMode::VerifyIdentity, "/ca.pem"))).ca ==
          "/ca.pem");
}

TEST_CASE("a flag that contradicts the DSN is a usage error naming both") {
    CHECK_THROWS_WITH_AS(with_mysql_tls("app:pw@tcp(db)/chat?tls=false", flags(MysqlSslMode::Required)),
                         "--mysql-ssl-mode REQUIRED conflicts with the MySQL DSN's tls=false (DISABLED): give it once, "
                         "as the flag or in the DSN",
                         m2pg::UsageError);
    CHECK_THROWS_WITH_AS(
        with_mysql_tls("app:pw@tcp(db)/chat?ssl-ca=/a.pem", flags(MysqlSslMode::VerifyCa, "/b.pem")),
        doctest::Contains("--mysql-ssl-ca /b.pem conflicts with the MySQL DSN's ssl-ca=/a.pem"), m2pg::UsageError);
    // The same setting twice is fine.
    CHECK_NOTHROW(with_mysql_tls("app:pw@tcp(db)/chat?tls=skip-verify", flags(MysqlSslMode::Required)));
    // And the combination is checked: VERIFY_CA with no CA anywhere.
    CHECK_THROWS_AS(with_mysql_tls("app:pw@tcp(db)/chat", flags(MysqlSslMode::VerifyCa)), m2pg::UsageError);
}

TEST_CASE("the TLS parameters survive taking the password out for a child's command line") {
    const std::string dsn = with_mysql_tls("app:s3cret@tcp(db)/chat", flags(MysqlSslMode::VerifyCa, "/ca.pem"));
    const auto split = m2pg::util::split_mysql_password(dsn);
    CHECK(split.text == "app@tcp(db)/chat?ssl-mode=VERIFY_CA&ssl-ca=/ca.pem");
    CHECK(split.password == "s3cret");
}
