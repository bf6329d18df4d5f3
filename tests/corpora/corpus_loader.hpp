#pragma once
// Shared support for the corpora tests: third-party MySQL dumps in ../shared/corpora (never
// copied into the repo) loaded through the `mariadb` command-line client, the way their
// authors load them, into a scratch database; then checked against their rowcounts.tsv and
// pushed through the catalog reader and the DDL generator into a scratch Postgres database.
//
// Header-only because the corpora CMake glob only compiles tests/corpora/*_test.cpp.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include "migrate/apply_plan.hpp"
#include "schema/create.hpp"
#include "source/mysql/catalog.hpp"
#include "target/postgres/identifier.hpp"
#include "support/servers.hpp"
#include "target/postgres/connection.hpp"

// So a failing CHECK on a scalar() shows the value instead of {?}.
namespace doctest {
template <>
struct StringMaker<std::optional<std::string>> {
    static String convert(const std::optional<std::string>& value) {
        return value ? String(("'" + *value + "'").c_str()) : String("NULL");
    }
};
}  // namespace doctest

namespace m2pg::test::corpora {

// M2PG_TEST_SKIP_CORPORA=1 skips these tests (a checkout without ../shared); so does
// M2PG_TEST_SKIP_SERVERS=1, since every corpus test needs both servers.
inline bool skip_corpora() {
    const char* v = std::getenv("M2PG_TEST_SKIP_CORPORA");
    return (v && std::string(v) == "1") || skip_servers();
}

inline const std::vector<schema::DdlPhase>& all_phases() {
    static const std::vector<schema::DdlPhase> phases = {schema::DdlPhase::Tables, schema::DdlPhase::Indexes,
                                                         schema::DdlPhase::ForeignKeys, schema::DdlPhase::Fulltext};
    return phases;
}

// Absolute path of a corpus file or directory. A missing one is an error that says why
// (not a silent pass): the corpora live next to the repo, not in it.
inline std::filesystem::path corpus_path(const std::string& relative) {
    std::filesystem::path path = std::filesystem::path(M2PG_CORPORA_DIR) / relative;
    if (!std::filesystem::exists(path))
        throw std::runtime_error("corpus file missing: " + path.string() +
                                 " (the corpora tests read third-party dumps from ../shared/corpora next to "
                                 "the repository; set M2PG_TEST_SKIP_CORPORA=1 to skip them)");
    return path;
}

// "a, b, c": containers compared as text so a failing CHECK prints both sides.
template <class Container>
std::string join(const Container& items) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) out += ", ";
        if constexpr (std::is_same_v<std::decay_t<decltype(item)>, std::string>) out += item;
        else out += item.first + "=" + item.second;
    }
    return out;
}

// ---- running programs -------------------------------------------------------------------

struct ProcessResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

// Runs argv[0] (looked up in PATH) with `input` on stdin and extra environment variables
// (how the password reaches the client: never on its command line, where ps shows it).
inline ProcessResult run_process(const std::vector<std::string>& argv, const std::string& input,
                                 const std::vector<std::pair<std::string, std::string>>& env = {}) {
    int in_pipe[2], out_pipe[2], err_pipe[2];
    if (pipe(in_pipe) != 0 || pipe(out_pipe) != 0 || pipe(err_pipe) != 0) throw std::runtime_error("pipe failed");
    pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        dup2(in_pipe[0], 0);
        dup2(out_pipe[1], 1);
        dup2(err_pipe[1], 2);
        for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) ::close(fd);
        for (const auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        execvp(args[0], args.data());
        _exit(127);
    }
    ::close(in_pipe[0]);
    ::close(out_pipe[1]);
    ::close(err_pipe[1]);
    ProcessResult result;
    auto drain = [](int fd, std::string& into) {
        std::array<char, 65536> buf{};
        ssize_t n;
        while ((n = ::read(fd, buf.data(), buf.size())) > 0) into.append(buf.data(), static_cast<size_t>(n));
        ::close(fd);
    };
    std::thread out_reader(drain, out_pipe[0], std::ref(result.out));
    std::thread err_reader(drain, err_pipe[0], std::ref(result.err));
    // A child that exits early closes its stdin; ignore EPIPE instead of dying of SIGPIPE.
    signal(SIGPIPE, SIG_IGN);
    std::size_t written = 0;
    while (written < input.size()) {
        ssize_t n = ::write(in_pipe[1], input.data() + written, input.size() - written);
        if (n <= 0) break;
        written += static_cast<std::size_t>(n);
    }
    ::close(in_pipe[1]);
    out_reader.join();
    err_reader.join();
    int status = 0;
    waitpid(pid, &status, 0);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return result;
}

// ---- reading and filtering dumps -------------------------------------------------------

inline std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// A corpus file's text; .xz files are decompressed with xz -dc.
inline std::string read_corpus(const std::string& relative) {
    auto path = corpus_path(relative);
    if (path.extension() != ".xz") return read_file(path);
    auto r = run_process({"xz", "-dc", path.string()}, "");
    if (r.exit_code != 0) throw std::runtime_error("xz -dc " + path.string() + " failed: " + r.err);
    return r.out;
}

// Removes every line that starts with a match of `pattern` (ECMAScript, case-insensitive;
// anchored at the line start so a multi-megabyte INSERT line is not scanned): the
// `CREATE DATABASE x; USE x;` lines of a dump, so each test loads into its own database.
inline std::string drop_lines(const std::string& text, const std::string& pattern) {
    const std::regex re(pattern, std::regex::icase);
    std::string out;
    out.reserve(text.size());
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        std::size_t next = end == std::string::npos ? text.size() : end + 1;
        std::string line = text.substr(pos, next - pos);
        if (!std::regex_search(line, re, std::regex_constants::match_continuous)) out += line;
        pos = next;
    }
    return out;
}

inline std::string replace_all(std::string text, const std::string& from, const std::string& to) {
    std::size_t pos = 0;
    while ((pos = text.find(from, pos)) != std::string::npos) {
        text.replace(pos, from.size(), to);
        pos += to.size();
    }
    return text;
}

// Feeds SQL to the mariadb command-line client connected to `database`: the client
// understands DELIMITER and dump conventions that a plain multi-statement query does not.
// Throws with the client's error (it stops at the first failing statement).
inline void load_sql(const std::string& database, const std::string& sql) {
    auto dsn = mysql_dsn();
    std::vector<std::string> argv = {"mariadb", "--no-defaults", "--batch", "--default-character-set=utf8mb4",
                                     "--user=" + dsn.user};
    if (const char* socket = std::getenv("M2PG_TEST_MYSQL_SOCKET"); socket && *socket) {
        argv.push_back(std::string("--socket=") + socket);
    } else {
        argv.push_back("--protocol=TCP");
        argv.push_back("--host=" + dsn.host);
        argv.push_back("--port=" + std::to_string(dsn.port));
    }
    argv.push_back("--database=" + database);
    auto r = run_process(argv, sql, {{"MYSQL_PWD", dsn.password.value_or("")}});
    if (r.exit_code != 0)
        throw std::runtime_error("mariadb client failed loading into " + database + " (exit " +
                                 std::to_string(r.exit_code) + "): " + r.err);
}

// ---- rowcounts.tsv ---------------------------------------------------------------------

struct RowCount {
    std::string table;
    std::string type;  // TABLE or VIEW
    long long rows = 0;
};

// The entries of rowcounts.tsv: the whole file, or the part after the "# section ..." line
// (section = its first word) when a file describes several databases.
inline std::vector<RowCount> read_rowcounts(const std::string& relative, const std::string& section = {}) {
    std::istringstream in(read_corpus(relative));
    std::vector<RowCount> out;
    std::string line;
    bool in_section = section.empty();
    bool seen_section = section.empty();
    while (std::getline(in, line)) {
        if (line.rfind("# ", 0) == 0) {
            std::string name = line.substr(2, line.find(' ', 2) == std::string::npos ? std::string::npos
                                                                                       : line.find(' ', 2) - 2);
            in_section = section.empty() || name == section;
            seen_section = seen_section || in_section;
            continue;
        }
        if (!in_section || line.empty() || line.rfind("table\t", 0) == 0) continue;
        std::istringstream fields(line);
        RowCount rc;
        std::string rows;
        std::getline(fields, rc.table, '\t');
        std::getline(fields, rc.type, '\t');
        std::getline(fields, rows, '\t');
        rc.rows = std::stoll(rows);
        out.push_back(rc);
    }
    if (!seen_section) throw std::runtime_error(relative + " has no section '# " + section + "'");
    return out;
}

inline std::string backtick(const std::string& name) { return "`" + replace_all(name, "`", "``") + "`"; }

// Asserts that the loaded database holds exactly the tables and views of rowcounts.tsv
// with exactly those row counts.
inline void check_row_counts(const MysqlScratch& db, const std::vector<RowCount>& expected) {
    REQUIRE_FALSE(expected.empty());
    std::set<std::string> expected_tables, expected_views, actual_tables, actual_views;
    for (const auto& rc : expected) (rc.type == "VIEW" ? expected_views : expected_tables).insert(rc.table);
    for (const auto& row : db.query("SELECT table_name, table_type FROM information_schema.tables "
                                    "WHERE table_schema = DATABASE()"))
        (*row[1] == "VIEW" ? actual_views : actual_tables).insert(*row[0]);
    CHECK(join(actual_tables) == join(expected_tables));
    CHECK(join(actual_views) == join(expected_views));

    std::string sql;
    for (const auto& rc : expected) {
        if (!sql.empty()) sql += " UNION ALL ";
        sql += "SELECT '" + replace_all(rc.table, "'", "''") + "', COUNT(*) FROM " + backtick(rc.table);
    }
    std::map<std::string, long long> actual;
    for (const auto& row : db.query(sql)) actual[*row[0]] = std::stoll(*row[1]);
    for (const auto& rc : expected) {
        CAPTURE(rc.table);
        CHECK(actual[rc.table] == rc.rows);
    }
}

// ---- DDL on Postgres ---------------------------------------------------------------------

// Generates the Postgres DDL of the loaded database, applies every phase to `pg` (which
// throws on the first statement Postgres rejects), and asserts every MySQL base table
// arrived with the same number of columns as information_schema lists for it.
inline schema::GeneratedSchema apply_all_phases(const MysqlScratch& mysql, const PgScratch& pg,
                                                const schema::DdlOptions& options) {
    auto generated = schema::generate_from_catalog(source::mysql::read_catalog(mysql.dsn()), options);
    target::postgres::PgConnection connection(pg.dsn());
    migrate::apply_plan(connection, generated.plan, all_phases());

    std::map<std::string, long long> mysql_columns;
    for (const auto& row : mysql.query("SELECT c.table_name, COUNT(*) FROM information_schema.columns c "
                                       "JOIN information_schema.tables t ON t.table_schema = c.table_schema "
                                       "AND t.table_name = c.table_name WHERE t.table_type = 'BASE TABLE' "
                                       "AND c.table_schema = DATABASE() GROUP BY c.table_name"))
        mysql_columns[*row[0]] = std::stoll(*row[1]);
    std::map<std::string, long long> pg_columns;
    for (const auto& row : pg.query("SELECT c.relname, COUNT(a.attnum) FROM pg_class c "
                                    "JOIN pg_namespace n ON n.oid = c.relnamespace "
                                    "LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 "
                                    "AND NOT a.attisdropped WHERE n.nspname = '" + options.target_schema +
                                    "' AND c.relkind IN ('r', 'p') GROUP BY c.relname"))
        pg_columns[*row[0]] = std::stoll(*row[1]);

    CHECK(generated.catalog.tables.size() == mysql_columns.size());
    CHECK(pg_columns.size() == mysql_columns.size());
    for (const auto& [table, count] : mysql_columns) {
        auto pg_name = target::postgres::target_name(table, options.identifier_case);
        CAPTURE(table);
        CAPTURE(pg_name);
        REQUIRE(pg_columns.count(pg_name) == 1);
        CHECK(pg_columns[pg_name] == count);
    }
    return generated;
}

// With the default options. (An overload rather than a default argument: g++ 12 -O2
// warns maybe-uninitialized about a defaulted DdlOptions temporary.)
inline schema::GeneratedSchema apply_all_phases(const MysqlScratch& mysql, const PgScratch& pg) {
    const schema::DdlOptions defaults;
    return apply_all_phases(mysql, pg, defaults);
}

// column name → format_type() of each column of schema.table in Postgres.
inline std::map<std::string, std::string> pg_column_types(const PgScratch& pg, const std::string& table,
                                                          const std::string& schema_name = "public") {
    std::map<std::string, std::string> out;
    for (const auto& row : pg.query(
             "SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a "
             "JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
             "WHERE n.nspname = '" + schema_name + "' AND c.relname = '" + replace_all(table, "'", "''") +
             "' AND a.attnum > 0 AND NOT a.attisdropped"))
        out[*row[0]] = *row[1];
    return out;
}

// How many validated constraints of kind `contype` ('p', 'f', 'c', 'u') the public schema has.
inline std::string count_constraints(const PgScratch& pg, char contype) {
    return pg.scalar("SELECT COUNT(*) FROM pg_constraint WHERE connamespace = 'public'::regnamespace "
                     "AND convalidated AND contype = '" + std::string(1, contype) + "'")
        .value_or("?");
}

// The plan's notes about table.column (MySQL names), joined by " | ".
inline std::string notes_for(const schema::DdlPlan& plan, const std::string& table, const std::string& column) {
    std::string out;
    for (const auto& n : plan.notes) {
        if (n.table != table || n.column != column) continue;
        if (!out.empty()) out += " | ";
        out += n.message;
    }
    return out;
}

inline bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

}  // namespace m2pg::test::corpora
