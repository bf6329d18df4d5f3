// The DSNs' password appears nowhere m2pg writes: not on stdout or stderr, not in the work
// directory (state, check's report), not in the metrics file, not in the target's m2pg
// tables, and not on any child's command line (/proc/PID/cmdline, what `ps` shows), for a
// run that fails and one that succeeds.
#include <doctest/doctest.h>

#include <dirent.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "support/background.hpp"
#include "support/servers.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using namespace m2pg::test;

namespace {

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// The password as typed and as the URIs carry it (percent-encoded).
std::vector<std::string> secrets(const Scratch& db) {
    const std::string password = std::getenv("M2PG_TEST_PASSWORD");
    const std::string uri = db.pg.dsn_text();
    const auto at = uri.find("m2pg:") + 5;
    return {password, uri.substr(at, uri.rfind('@') - at)};
}

void check_clean(const std::string& where, const std::string& text, const std::vector<std::string>& secrets) {
    for (const auto& s : secrets) {
        CAPTURE(where);
        CHECK_MESSAGE(text.find(s) == std::string::npos, where << " holds the password");
    }
}

// Every descendant of `root` now, by /proc/*/stat's parent pid.
std::set<int> descendants(int root) {
    std::map<int, int> parent;
    for (const auto& e : fs::directory_iterator("/proc")) {
        const std::string name = e.path().filename().string();
        if (name.find_first_not_of("0123456789") != std::string::npos) continue;
        std::ifstream stat(e.path() / "stat");
        std::string text;
        std::getline(stat, text);
        const auto close = text.rfind(')');
        if (close == std::string::npos) continue;
        std::istringstream rest(text.substr(close + 2));
        char state;
        int ppid = 0;
        rest >> state >> ppid;
        parent[std::stoi(name)] = ppid;
    }
    std::set<int> out;
    for (bool grew = true; grew;) {
        grew = false;
        for (const auto& [pid, ppid] : parent)
            if ((ppid == root || out.count(ppid)) && out.insert(pid).second) grew = true;
    }
    return out;
}

// Runs m2pg run in the background, reading every descendant's command line while it runs.
ToolResult run_watching_children(const std::vector<std::string>& args, std::string& cmdlines, int& children_seen) {
    BackgroundTool run("m2pg-run", args);
    std::set<int> seen;
    while (run.running()) {
        for (int pid : descendants(run.pid())) {
            std::string cmdline = slurp(fs::path("/proc") / std::to_string(pid) / "cmdline");
            if (cmdline.empty()) continue;
            if (seen.insert(pid).second) ++children_seen;
            cmdlines += cmdline + "\n";
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return run.wait();
}

std::string everything_under(const fs::path& dir) {
    std::string out;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file()) out += e.path().string() + "\n" + slurp(e.path()) + "\n";
    return out;
}

std::string state_tables(const Scratch& db) {
    std::string out;
    for (const auto& t : db.pg.query("SELECT tablename FROM pg_tables WHERE schemaname = 'm2pg_state'"))
        for (const auto& row : db.pg.query("SELECT t::text FROM m2pg_state." + *t[0] + " t")) out += row[0].value_or("") + "\n";
    return out;
}

}  // namespace

TEST_CASE("no password in any output, file, state table or child command line of a failing and a succeeding m2pg run" *
          doctest::skip(skip_servers())) {
    Scratch db;
    db.mysql.exec("CREATE TABLE t (id INT PRIMARY KEY, v TEXT); INSERT INTO t VALUES (1, 'a'), (2, 'b')");
    const auto hidden = secrets(db);
    TempDir work;
    const std::vector<std::string> args = {"--mysql", db.mysql.dsn_text(), "--postgres", db.pg.dsn_text(),
                                           "--work-dir", work.str(), "--yes"};

    // Failing at step 2: a table in the way of the generated schema.
    db.pg.exec("CREATE TABLE t (id int)");
    std::string cmdlines;
    int children = 0;
    auto failed = run_watching_children(args, cmdlines, children);
    CHECK(failed.exit_code != 0);
    check_clean("stdout of the failing run", failed.out, hidden);
    check_clean("stderr of the failing run", failed.err, hidden);

    // A wrong password fails at once; its message does not echo it either.
    std::string wrong_uri = db.mysql.dsn_text();
    wrong_uri.replace(wrong_uri.find(hidden[1]), hidden[1].size(), "Wr0ng-s3cret-x");
    TempDir other_work;
    auto wrong = run_tool("m2pg-run", {"--mysql", wrong_uri, "--postgres", db.pg.dsn_text(), "--work-dir",
                                       other_work.str(), "--yes"});
    CHECK(wrong.exit_code == 3);
    check_clean("stderr of a run with a wrong password", wrong.err, {"Wr0ng-s3cret-x"});

    db.pg.exec("DROP TABLE t");
    auto ok = run_watching_children(args, cmdlines, children);
    CAPTURE(ok.out);
    CAPTURE(ok.err);
    CHECK(ok.exit_code == 0);
    check_clean("stdout of the succeeding run", ok.out, hidden);
    check_clean("stderr of the succeeding run", ok.err, hidden);
    CHECK(children >= 5);  // every step's command line was read
    check_clean("the children's command lines", cmdlines, hidden);
    check_clean("the work directory", everything_under(work.path()), hidden);
    check_clean("the target's m2pg_state tables", state_tables(db), hidden);

    // copy's metrics file, written while copying.
    const auto metrics = work.path() / "metrics.prom";
    db.pg.exec("TRUNCATE t");
    auto copy = run_tool("m2pg-copy", {"--mysql", db.mysql.dsn_text(), "--postgres", db.pg.dsn_text(), "--yes",
                                       "--resume", "--metrics-file", metrics.string()});
    CHECK(copy.exit_code == 0);
    REQUIRE(fs::exists(metrics));
    check_clean("the metrics file", slurp(metrics), hidden);
    check_clean("copy's output", copy.out + copy.err, hidden);
}
