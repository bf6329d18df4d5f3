#include <doctest/doctest.h>

#include <algorithm>

#include "support/servers.hpp"

// What an admin sees when a DSN is wrong: one line naming the problem, no password,
// and a non-zero exit code that says which side failed.
namespace {

constexpr const char* kSecret = "S3cret-Never-Shown";

int line_count(const std::string& s) { return static_cast<int>(std::count(s.begin(), s.end(), '\n')); }

m2pg::test::ToolResult schema_to(const std::string& mysql_dsn, const std::string& pg_dsn) {
    return m2pg::test::run_tool("m2pg", {"schema", pg_dsn, "--from-mysql", mysql_dsn});
}

}  // namespace

TEST_CASE("a wrong MySQL password gives one line naming user and server, exit 3" *
          doctest::skip(m2pg::test::skip_servers())) {
    auto d = m2pg::test::mysql_dsn();
    auto r = schema_to("m2pg:" + std::string(kSecret) + "@tcp(127.0.0.1:" + std::to_string(d.port) + ")/m2pg_test",
                       m2pg::test::pg_dsn_text());
    CHECK(r.exit_code == 3);
    CHECK(line_count(r.err) == 1);
    CHECK(r.err.find("m2pg@127.0.0.1:" + std::to_string(d.port)) != std::string::npos);
    CHECK(r.err.find("wrong user or password") != std::string::npos);
    CHECK(r.err.find(kSecret) == std::string::npos);
    CHECK(r.out.find(kSecret) == std::string::npos);
}

TEST_CASE("a wrong PostgreSQL password gives one line, exit 4" * doctest::skip(m2pg::test::skip_servers())) {
    auto pg = m2pg::test::pg_dsn();
    auto r = schema_to(m2pg::test::mysql_dsn_text(), "postgresql://m2pg:" + std::string(kSecret) + "@127.0.0.1:" +
                                                         pg.get("port") + "/m2pg_test");
    CHECK(r.exit_code == 4);
    CHECK(line_count(r.err) == 1);
    CHECK(r.err.find("wrong user or password") != std::string::npos);
    CHECK(r.err.find(kSecret) == std::string::npos);
}

TEST_CASE("an unreachable MySQL host gives one line asking whether the server runs, exit 3" *
          doctest::skip(m2pg::test::skip_servers())) {
    auto r = schema_to("m2pg:" + std::string(kSecret) + "@tcp(127.0.0.1:1)/m2pg_test", m2pg::test::pg_dsn_text());
    CHECK(r.exit_code == 3);
    CHECK(line_count(r.err) == 1);
    CHECK(r.err.find("127.0.0.1:1") != std::string::npos);
    CHECK(r.err.find("is the server running and reachable?") != std::string::npos);
    CHECK(r.err.find(kSecret) == std::string::npos);
}

TEST_CASE("an unreachable PostgreSQL host gives one line, exit 4" * doctest::skip(m2pg::test::skip_servers())) {
    auto r = schema_to(m2pg::test::mysql_dsn_text(), "postgresql://m2pg:" + std::string(kSecret) + "@127.0.0.1:1/db");
    CHECK(r.exit_code == 4);
    CHECK(line_count(r.err) == 1);
    CHECK(r.err.find("is the server running and reachable?") != std::string::npos);
    CHECK(r.err.find(kSecret) == std::string::npos);
}

TEST_CASE("malformed DSNs give one usage line naming what is wrong, exit 2") {
    struct Case {
        std::string mysql;
        std::string pg;
        std::string expected;
    };
    const std::vector<Case> cases = {
        {"m2pg:" + std::string(kSecret) + "@tcp(127.0.0.1:33x6)/db", "postgresql://u@h/db", "port"},
        {"m2pg:" + std::string(kSecret) + "@tcp(127.0.0.1:3306/db", "postgresql://u@h/db", ")"},
        {"http://m2pg:" + std::string(kSecret) + "@host/db", "postgresql://u@h/db", "scheme"},
        {"mysql://m2pg:" + std::string(kSecret) + "@127.0.0.1:3306/db", "localhost", "PostgreSQL"},
        {"mysql://m2pg:" + std::string(kSecret) + "@127.0.0.1:3306/db",
         "mysql://m2pg:" + std::string(kSecret) + "@h/db", "MySQL DSN"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.mysql);
        CAPTURE(c.pg);
        auto r = schema_to(c.mysql, c.pg);
        CAPTURE(r.err);
        CHECK(r.exit_code == 2);
        CHECK(line_count(r.err) <= 2);  // the message, then "run 'm2pg schema --help'" for flag errors
        CHECK(r.err.find(c.expected) != std::string::npos);
        CHECK(r.err.find(kSecret) == std::string::npos);
    }

    // The hint's examples survive the password redaction of every message (no "user:***@").
    auto hint = schema_to("localhost", "postgresql://u@h/db");
    CHECK(hint.exit_code == 2);
    CHECK(hint.err.find("expected user@tcp(host:port)/dbname or mysql://user@host:port/dbname") != std::string::npos);
    CHECK(hint.err.find("***") == std::string::npos);
}
