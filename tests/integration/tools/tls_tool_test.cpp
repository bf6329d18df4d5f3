// TLS and authentication as an admin meets them, through the built tools: MariaDB users that
// REQUIRE SSL or are IDENTIFIED VIA ed25519, a Postgres user allowed only over TLS (pg_hba
// hostssl, hostnossl reject), the servers' certificates signed by the test CA (scripts/servers.sh).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "support/servers.hpp"
#include "support/temp_dir.hpp"
#include "support/tls.hpp"

namespace {

using m2pg::test::as_user;
using m2pg::test::run_tool;
using m2pg::test::ToolResult;

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

void seed(const m2pg::test::Scratch& db) {
    db.mysql.exec("CREATE TABLE t (id INT PRIMARY KEY, s TEXT); INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, NULL)");
}

ToolResult copy(const std::string& mysql, const std::string& pg, const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"copy", "--mysql", mysql, "--postgres", pg, "--create-tables", "--yes"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_tool("m2pg", args);
}

std::string tls_mysql(const m2pg::test::Scratch& db) { return as_user(db.mysql.dsn_text(), "m2pg_tls"); }

}  // namespace

TEST_CASE("TLS: m2pg copy as a REQUIRE SSL user with --mysql-ssl-mode REQUIRED, VERIFY_CA and with DSN tls=true" *
          doctest::skip(m2pg::test::skip_servers())) {
    const std::string ca = m2pg::test::test_ca();
    const std::vector<std::pair<std::string, std::vector<std::string>>> ways = {
        {"", {"--mysql-ssl-mode", "REQUIRED"}},
        {"", {"--mysql-ssl-mode", "VERIFY_CA", "--mysql-ssl-ca", ca}},
        {"?tls=true&ssl-ca=" + ca, {}},
    };
    for (const auto& [params, flags] : ways) {
        m2pg::test::Scratch db;
        seed(db);
        const ToolResult r = copy(tls_mysql(db) + params, db.pg.dsn_text(), flags);
        CAPTURE(params);
        CAPTURE(r.err);
        CHECK(r.exit_code == 0);
        CHECK(has(r.out, "m2pg copy: copied 3 rows in 1 tables"));
        CHECK(db.pg.scalar("SELECT string_agg(coalesce(s, '-'), ',' ORDER BY id) FROM t") == "a,b,-");
    }
}

TEST_CASE("TLS: m2pg copy as a REQUIRE SSL user fails clearly with DISABLED, a CA that did not sign the server's "
          "certificate, or a flag that contradicts the DSN" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    seed(db);
    const ToolResult disabled = copy(tls_mysql(db), db.pg.dsn_text(), {"--mysql-ssl-mode", "DISABLED"});
    CHECK(disabled.exit_code == 3);
    CHECK(has(disabled.err, "Access denied for user 'm2pg_tls'"));
    CHECK(has(disabled.err, "the account requires TLS (REQUIRE SSL): try --mysql-ssl-mode REQUIRED"));

    m2pg::test::TempDir dir("m2pg_tls_tool");
    const std::string other = m2pg::test::fresh_ca(dir);
    const ToolResult wrong_ca =
        copy(tls_mysql(db), db.pg.dsn_text(), {"--mysql-ssl-mode", "VERIFY_CA", "--mysql-ssl-ca", other});
    CHECK(wrong_ca.exit_code == 3);
    CHECK(has(wrong_ca.err, "the server's certificate was not accepted under ssl-mode VERIFY_CA, checked against the CA " +
                                other));

    const ToolResult conflict = copy(tls_mysql(db) + "?tls=false", db.pg.dsn_text(), {"--mysql-ssl-mode", "REQUIRED"});
    CHECK(conflict.exit_code == 2);
    CHECK(has(conflict.err, "--mysql-ssl-mode REQUIRED conflicts with the MySQL DSN's tls=false"));
    const ToolResult bad_mode = copy(tls_mysql(db), db.pg.dsn_text(), {"--mysql-ssl-mode", "SOMETIMES"});
    CHECK(bad_mode.exit_code == 2);
    CHECK(db.pg.scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == "0");
}

TEST_CASE("TLS: a hostssl-only Postgres user works with sslmode=verify-ca/verify-full and the test CA, and is "
          "refused with sslmode=disable" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    seed(db);
    const std::string pg = as_user(db.pg.dsn_text(), "m2pg_tls");
    const std::string ca = m2pg::test::test_ca();

    const ToolResult refused = copy(db.mysql.dsn_text(), pg + "?sslmode=disable");
    CHECK(refused.exit_code == 4);
    CHECK(has(refused.err, "pg_hba.conf rejects connection for host \"127.0.0.1\", user \"m2pg_tls\""));
    CHECK(has(refused.err, "no encryption"));

    const ToolResult copied = copy(db.mysql.dsn_text(), pg + "?sslmode=verify-ca&sslrootcert=" + ca);
    CAPTURE(copied.err);
    CHECK(copied.exit_code == 0);
    CHECK(db.pg.scalar("SELECT count(*) FROM t") == "3");
    // Both sides over TLS, every certificate checked, through verify.
    const ToolResult verified = run_tool("m2pg", {"verify", "--mysql", tls_mysql(db), "--postgres",
                                                  "host=127.0.0.1 port=" + db.pg.dsn().get("port") + " user=m2pg_tls dbname=" +
                                                      db.pg.name() + " sslmode=verify-full sslrootcert=" + ca,
                                                  "--mysql-ssl-mode", "VERIFY_IDENTITY", "--mysql-ssl-ca", ca},
                                         {{"PGPASSWORD", std::getenv("M2PG_TEST_PASSWORD")}});
    CAPTURE(verified.err);
    CHECK(verified.exit_code == 0);
}

TEST_CASE("TLS: m2pg run passes the --mysql-ssl-* flags to every step in the MySQL DSN, never a password" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    seed(db);
    m2pg::test::TempDir work("m2pg_tls_run");
    const std::string ca = m2pg::test::test_ca();
    const ToolResult r = run_tool("m2pg-run", {"--mysql", tls_mysql(db), "--postgres",
                                               as_user(db.pg.dsn_text(), "m2pg_tls") + "?sslmode=verify-ca&sslrootcert=" + ca,
                                               "--mysql-ssl-mode", "VERIFY_CA", "--mysql-ssl-ca", ca, "--work-dir",
                                               work.str(), "--yes"});
    CAPTURE(r.out);
    CAPTURE(r.err);
    CHECK(r.exit_code == 0);
    CHECK(db.pg.scalar("SELECT count(*) FROM t") == "3");
    CHECK(has(r.out, "ssl-mode=VERIFY_CA&ssl-ca=" + ca));
    CHECK_FALSE(has(r.out + r.err, std::getenv("M2PG_TEST_PASSWORD")));
}

TEST_CASE("auth: m2pg copy connects as a MariaDB user IDENTIFIED VIA ed25519" *
          doctest::skip(m2pg::test::skip_servers())) {
    std::string why_not;
    if (!m2pg::test::ensure_ed25519_user(why_not)) {
        MESSAGE("skipped: the server cannot load auth_ed25519: " << why_not);
        return;
    }
    m2pg::test::Scratch db;
    seed(db);
    const ToolResult r = copy(as_user(db.mysql.dsn_text(), "m2pg_ed25519"), db.pg.dsn_text());
    CAPTURE(r.err);
    CHECK(r.exit_code == 0);
    CHECK(db.pg.scalar("SELECT count(*) FROM t") == "3");
}
