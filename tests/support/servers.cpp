#include "support/servers.hpp"

#include <libpq-fe.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <memory>
#include <random>
#include <stdexcept>
#include <thread>

// The test support talks to the servers through the plain client APIs so that tests of
// lib/ connection code do not depend on the code under test to set themselves up.
namespace m2pg::test {

namespace {

std::string env_or_throw(const char* name) {
    const char* v = std::getenv(name);
    if (!v || !*v)
        throw std::runtime_error(std::string(name) +
                                 " is not set: start the test servers with "
                                 "scripts/servers.sh start && eval \"$(scripts/servers.sh env)\" "
                                 "(or set M2PG_TEST_SKIP_SERVERS=1 for a unit-only run)");
    return v;
}

std::string percent_encode(const std::string& s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

std::string unique_name(const std::string& prefix) {
    static std::atomic<int> counter{0};
    std::random_device rd;
    return prefix + "_" + std::to_string(getpid()) + "_" + std::to_string(counter++) + "_" +
           std::to_string(rd() % 100000);
}

MysqlSession mysql_open(const std::string& database) {
    auto dsn = mysql_dsn();
    dsn.database = database;
    return MysqlSession(dsn);
}

std::vector<Row> mysql_run(MysqlSession& m, const std::string& sql) {
    try {
        return m.run(sql);
    } catch (const std::runtime_error& e) {
        throw std::runtime_error(std::string("test support: ") + e.what() + " in: " + sql);
    }
}

struct PgFinish {
    void operator()(PGconn* c) const noexcept { PQfinish(c); }
};
struct PgClear {
    void operator()(PGresult* r) const noexcept { PQclear(r); }
};
using Pg = std::unique_ptr<PGconn, PgFinish>;

Pg pg_open(const std::string& database) {
    auto dsn = pg_dsn();
    dsn.keywords["dbname"] = database;
    Pg c(PQconnectdb(dsn.conninfo().c_str()));
    if (PQstatus(c.get()) != CONNECTION_OK)
        throw std::runtime_error(std::string("test support: PostgreSQL connect: ") + PQerrorMessage(c.get()));
    PQsetNoticeProcessor(c.get(), [](void*, const char*) {}, nullptr);
    return c;
}

std::vector<Row> pg_run(PGconn* c, const std::string& sql) {
    std::vector<Row> rows;
    if (!PQsendQuery(c, sql.c_str()))
        throw std::runtime_error(std::string("test support: PostgreSQL: ") + PQerrorMessage(c));
    std::string error;
    while (PGresult* raw = PQgetResult(c)) {
        std::unique_ptr<PGresult, PgClear> r(raw);
        auto st = PQresultStatus(r.get());
        if (st == PGRES_TUPLES_OK) {
            for (int i = 0; i < PQntuples(r.get()); ++i) {
                Row row;
                for (int j = 0; j < PQnfields(r.get()); ++j)
                    row.push_back(PQgetisnull(r.get(), i, j)
                                      ? std::nullopt
                                      : std::optional<std::string>(std::string(
                                            PQgetvalue(r.get(), i, j), PQgetlength(r.get(), i, j))));
                rows.push_back(std::move(row));
            }
        } else if (st != PGRES_COMMAND_OK && error.empty()) {
            error = PQresultErrorMessage(r.get());
        }
    }
    if (!error.empty()) throw std::runtime_error("test support: PostgreSQL: " + error + " in: " + sql);
    return rows;
}

std::optional<std::string> first(const std::vector<Row>& rows) {
    if (rows.empty() || rows[0].empty()) return std::nullopt;
    return rows[0][0];
}

}  // namespace

bool skip_servers() {
    const char* v = std::getenv("M2PG_TEST_SKIP_SERVERS");
    return v && std::string(v) == "1";
}

util::MysqlDsn mysql_dsn() {
    util::MysqlDsn d;
    d.user = "m2pg";
    d.password = env_or_throw("M2PG_TEST_PASSWORD");
    d.host = env_or_throw("M2PG_TEST_MYSQL_HOST");
    d.port = static_cast<unsigned>(std::stoul(env_or_throw("M2PG_TEST_MYSQL_PORT")));
    d.database = "m2pg_test";
    return d;
}

util::MysqlDsn mysql_socket_dsn() {
    auto d = mysql_dsn();
    d.socket = env_or_throw("M2PG_TEST_MYSQL_SOCKET");
    return d;
}

util::PgDsn pg_dsn() {
    util::PgDsn d;
    d.keywords["host"] = env_or_throw("M2PG_TEST_PG_HOST");
    d.keywords["port"] = env_or_throw("M2PG_TEST_PG_PORT");
    d.keywords["user"] = "m2pg";
    d.keywords["password"] = env_or_throw("M2PG_TEST_PASSWORD");
    d.keywords["dbname"] = "m2pg_test";
    return d;
}

std::string mysql_dsn_text() { return env_or_throw("M2PG_TEST_MYSQL_DSN"); }
std::string pg_dsn_text() { return env_or_throw("M2PG_TEST_PG_DSN"); }

MysqlScratch::MysqlScratch() : name_(unique_name("m2pg_t")) {
    auto m = mysql_open("");
    mysql_run(m, "CREATE DATABASE `" + name_ + "` CHARACTER SET utf8mb4");
}

MysqlScratch::~MysqlScratch() {
    try {
        auto m = mysql_open("");
        mysql_run(m, "DROP DATABASE IF EXISTS `" + name_ + "`");
    } catch (const std::exception&) {
        // A scratch database left behind dies with the throwaway server; a destructor must not throw.
    }
}

util::MysqlDsn MysqlScratch::dsn() const {
    auto d = mysql_dsn();
    d.database = name_;
    return d;
}

std::string MysqlScratch::dsn_text() const {
    auto d = mysql_dsn();
    return "mysql://" + d.user + ":" + percent_encode(*d.password) + "@" + d.host + ":" +
           std::to_string(d.port) + "/" + name_;
}

void MysqlScratch::exec(const std::string& sql) const { query(sql); }

std::vector<Row> MysqlScratch::query(const std::string& sql) const {
    auto m = mysql_open(name_);
    return mysql_run(m, sql);
}

std::optional<std::string> MysqlScratch::scalar(const std::string& sql) const { return first(query(sql)); }

PgScratch::PgScratch() : name_(unique_name("m2pg_t")) {
    auto c = pg_open("m2pg_test");
    pg_run(c.get(), "CREATE DATABASE \"" + name_ + "\"");
}

void PgScratch::recreate(const std::string& name) {
    auto c = pg_open("m2pg_test");
    pg_run(c.get(), "DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
    pg_run(c.get(), "CREATE DATABASE \"" + name + "\"");
}

PgScratch::~PgScratch() {
    try {
        auto c = pg_open("m2pg_test");
        pg_run(c.get(), "DROP DATABASE IF EXISTS \"" + name_ + "\" WITH (FORCE)");
    } catch (const std::exception&) {
        // Same as MysqlScratch: never throw from a destructor.
    }
}

util::PgDsn PgScratch::dsn() const {
    auto d = pg_dsn();
    d.keywords["dbname"] = name_;
    return d;
}

std::string PgScratch::dsn_text() const {
    auto d = pg_dsn();
    return "postgresql://m2pg:" + percent_encode(d.keywords["password"]) + "@" + d.keywords["host"] + ":" +
           d.keywords["port"] + "/" + name_;
}

void PgScratch::exec(const std::string& sql) const { query(sql); }

std::vector<Row> PgScratch::query(const std::string& sql) const {
    auto c = pg_open(name_);
    return pg_run(c.get(), sql);
}

std::optional<std::string> PgScratch::scalar(const std::string& sql) const { return first(query(sql)); }

namespace {
// Reads a whole pipe on its own thread so a chatty child cannot fill one pipe and block.
void drain(int fd, std::string& into) {
    std::array<char, 65536> buf{};
    ssize_t n;
    while ((n = ::read(fd, buf.data(), buf.size())) > 0) into.append(buf.data(), static_cast<size_t>(n));
    ::close(fd);
}
}  // namespace

std::string read_fixture(const std::string& name) {
    std::string path = std::string(M2PG_TEST_FIXTURES_DIR) + "/" + name;
    FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) throw std::runtime_error("test fixture not found: " + path);
    std::string text;
    std::array<char, 65536> buf{};
    size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), f)) > 0) text.append(buf.data(), n);
    std::fclose(f);
    return text;
}

ToolResult run_tool(const std::string& tool, const std::vector<std::string>& args,
                    const std::vector<std::pair<std::string, std::string>>& env) {
    return run_program(std::string(M2PG_TOOLS_DIR) + "/" + tool, args, env);
}

ToolResult run_program(const std::string& path, const std::vector<std::string>& args,
                       const std::vector<std::pair<std::string, std::string>>& env) {
    int out_pipe[2], err_pipe[2];
    if (pipe(out_pipe) != 0 || pipe(err_pipe) != 0) throw std::runtime_error("pipe failed");
    pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        int devnull = ::open("/dev/null", O_RDONLY);
        dup2(devnull, 0);
        dup2(out_pipe[1], 1);
        dup2(err_pipe[1], 2);
        ::close(out_pipe[0]);
        ::close(err_pipe[0]);
        for (const auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);
        std::vector<char*> argv;
        argv.push_back(const_cast<char*>(path.c_str()));
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        execv(path.c_str(), argv.data());
        _exit(127);
    }
    ::close(out_pipe[1]);
    ::close(err_pipe[1]);
    ToolResult result;
    std::thread err_reader(drain, err_pipe[0], std::ref(result.err));
    drain(out_pipe[0], result.out);
    err_reader.join();
    int status = 0;
    waitpid(pid, &status, 0);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return result;
}

}  // namespace m2pg::test
