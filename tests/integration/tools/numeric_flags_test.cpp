// Every numeric flag of every tool has a range, shown in --help, and a value outside it is a
// usage error (exit 2, naming the flag) before anything connects: --batch-bytes 1 used to
// slice bytea values into zero-byte pieces forever. The flags are read from each tool's
// --help, so a numeric flag added without a range fails here.
#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "support/servers.hpp"

namespace fs = std::filesystem;

namespace {

// DSNs nobody listens on: a flag that passes parsing fails to connect (exit 3 or 4), not 2.
const std::string kMysql = "mysql://u@127.0.0.1:1/x";
const std::string kPostgres = "postgresql://u@127.0.0.1:1/x";

// What each tool needs besides the flag under test to get past parsing.
const std::map<std::string, std::vector<std::string>> kRequired = {
    {"check", {kMysql}},
    {"schema", {kPostgres}},
    {"index", {kPostgres}},
    {"copy", {"--mysql", kMysql, "--postgres", kPostgres}},
    {"verify", {"--mysql", kMysql, "--postgres", kPostgres}},
    {"run", {"--mysql", kMysql, "--postgres", kPostgres}},
    {"pgloader", {"--mysql", kMysql, "--postgres", kPostgres}},
};

struct NumericFlag {
    std::string name;  // --jobs
    std::string type;  // INT, UINT, FLOAT
    std::string low, high;  // from "in [low - high]"; empty when --help shows no range
};

std::vector<NumericFlag> numeric_flags(const std::string& help) {
    static const std::regex line(R"(^\s+(?:-[a-zA-Z],)?(--[a-z][a-z0-9-]*)(?:,-[a-zA-Z])?\s+(INT|UINT|FLOAT|NUMBER)\b(.*)$)");
    static const std::regex range(R"(in \[(-?[0-9.e+]+) - (-?[0-9.e+]+)\])");
    std::vector<NumericFlag> out;
    std::istringstream in(help);
    for (std::string text; std::getline(in, text);) {
        std::smatch m;
        if (!std::regex_match(text, m, line)) continue;
        NumericFlag f{m[1], m[2], "", ""};
        std::smatch r;
        const std::string rest = m[3];
        if (std::regex_search(rest, r, range)) {
            f.low = r[1];
            f.high = r[2];
        }
        out.push_back(f);
    }
    return out;
}

// One past the bound, as the text a user would type.
std::string beyond(const std::string& bound, int direction, const std::string& type) {
    if (type == "FLOAT") return std::to_string(std::stod(bound) + direction);
    if (direction > 0 && bound == "9223372036854775807") return "9223372036854775808";
    return std::to_string(std::stoll(bound) + direction);
}

}  // namespace

TEST_CASE("tools: every numeric flag has a range and a value outside it exits 2 naming the flag") {
    int checked = 0;
    for (const auto& entry : fs::directory_iterator(M2PG_TOOLS_DIR)) {
        const std::string file = entry.path().filename().string();
        if (file.rfind("m2pg-", 0) != 0 || !entry.is_regular_file()) continue;
        const std::string tool = file.substr(5);
        const auto help = m2pg::test::run_tool(file, {"--help"});
        REQUIRE(help.exit_code == 0);
        for (const auto& flag : numeric_flags(help.out)) {
            CAPTURE(file);
            CAPTURE(flag.name);
            REQUIRE_MESSAGE(!flag.low.empty(), "a numeric flag without a range in --help: add ->check(CLI::Range(...))");
            auto required = kRequired.find(tool);
            REQUIRE_MESSAGE(required != kRequired.end(), "numeric_flags_test does not know " << file << "'s required arguments");
            for (const std::string& value : {beyond(flag.low, -1, flag.type), beyond(flag.high, +1, flag.type),
                                             std::string("abc")}) {
                CAPTURE(value);
                auto args = required->second;
                args.push_back(flag.name);
                args.push_back(value);
                const auto r = m2pg::test::run_tool(file, args);
                CHECK(r.exit_code == 2);
                CHECK(r.err.find("m2pg " + tool + ": error:") != std::string::npos);
                CHECK(r.err.find(flag.name) != std::string::npos);
                ++checked;
            }
        }
    }
    CHECK(checked >= 30);  // copy, index, verify, run, check and schema have ten numeric flags
}

TEST_CASE("tools: copy --batch-bytes 0 and 1 are usage errors, not an endless loop") {
    for (const std::string value : {"0", "1", "1023"}) {
        CAPTURE(value);
        const auto r = m2pg::test::run_tool(
            "m2pg-copy", {"--mysql", kMysql, "--postgres", kPostgres, "--batch-bytes", value, "--dry-run"});
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("--batch-bytes") != std::string::npos);
    }
    const auto ok = m2pg::test::run_tool(
        "m2pg-copy", {"--mysql", kMysql, "--postgres", kPostgres, "--batch-bytes", "1024", "--dry-run"});
    CHECK(ok.exit_code == 3);  // parsed; then the MySQL server at port 1 is not there
}
