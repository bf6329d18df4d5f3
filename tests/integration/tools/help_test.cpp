// Every tool answers --help and --version, and its synopsis (tools/common/synopsis.cpp, shown
// by --help and so by the man pages) is what README.md and docs/ quote: a renamed or removed
// flag, or a synopsis edited on one side only, fails here.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support/servers.hpp"

namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

std::string squeeze(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (std::isspace(static_cast<unsigned char>(c))) {
            if (!out.empty() && out.back() != ' ') out += ' ';
        } else {
            out += c;
        }
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

std::set<std::string> flags_in(const std::string& text) {
    static const std::regex flag(R"((^|[^a-zA-Z0-9-])(--[a-z][a-z0-9-]*[a-z0-9]))");
    std::set<std::string> flags;
    for (std::sregex_iterator it(text.begin(), text.end(), flag), end; it != end; ++it) flags.insert((*it)[2]);
    return flags;
}

// The tools, as the executables next to m2pg: m2pg-check -> "check".
std::vector<std::string> tool_names() {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(M2PG_TOOLS_DIR)) {
        const std::string file = entry.path().filename().string();
        if (starts_with(file, "m2pg-") && entry.is_regular_file()) names.push_back(file.substr(5));
    }
    std::sort(names.begin(), names.end());
    return names;
}

struct Help {
    std::vector<std::string> forms;  // "m2pg check MYSQL_DSN ..." from the Usage: and or: lines
    std::set<std::string> flags;     // every flag in its option lists, subcommands' included
};

Help help_of(const std::string& tool) {
    Help help;
    std::vector<std::string> subcommands;
    std::vector<std::vector<std::string>> runs = {{"--help"}};
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const auto r = m2pg::test::run_tool("m2pg-" + tool, runs[i]);
        REQUIRE_MESSAGE(r.exit_code == 0, "m2pg-" << tool << " --help: " << r.err);
        bool in_subcommands = false;
        for (const auto& line : lines_of(r.out)) {
            if (i == 0 && (starts_with(line, "Usage: ") || starts_with(line, "  or:  ")))
                help.forms.push_back(squeeze(line.substr(7)));
            if (starts_with(line, "  -")) {
                const auto names = line.substr(0, line.find("  ", 2));
                for (const auto& f : flags_in(names)) help.flags.insert(f);
            }
            if (line == "Subcommands:") in_subcommands = true;
            else if (in_subcommands && starts_with(line, "  ") && i == 0)
                runs.push_back({squeeze(line).substr(0, squeeze(line).find(' ')), "--help"});
        }
    }
    return help;
}

// Commands quoted in Markdown: `m2pg TOOL ...` code spans, and indented code lines that start
// with m2pg TOOL, with their indented continuation lines ([--flag ...]).
std::vector<std::string> quoted_commands(const std::string& markdown) {
    std::vector<std::string> commands;
    static const std::regex span("`([^`]*)`");
    for (std::sregex_iterator it(markdown.begin(), markdown.end(), span), end; it != end; ++it) {
        const std::string code = (*it)[1];
        if (starts_with(code, "m2pg ")) commands.push_back(squeeze(code));
    }
    const auto lines = lines_of(markdown);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (!starts_with(lines[i], "    ") || !starts_with(squeeze(lines[i]), "m2pg ")) continue;
        std::string command = lines[i];
        while (i + 1 < lines.size() && starts_with(lines[i + 1], "     ") &&
               (starts_with(squeeze(lines[i + 1]), "[") || starts_with(squeeze(lines[i + 1]), "--")))
            command += " " + lines[++i];
        commands.push_back(squeeze(command));
    }
    return commands;
}

std::string tool_of(const std::string& command) {
    const std::string rest = command.substr(5);
    return rest.substr(0, rest.find(' '));
}

std::vector<fs::path> markdown_files() {
    std::vector<fs::path> files = {fs::path(M2PG_SOURCE_DIR) / "README.md"};
    for (const auto& entry : fs::directory_iterator(fs::path(M2PG_SOURCE_DIR) / "docs"))
        if (entry.path().extension() == ".md") files.push_back(entry.path());
    return files;
}

}  // namespace

TEST_CASE("every tool's --help exits 0 and prints its synopsis, directly and through m2pg") {
    // Regression: `m2pg index --help` said "This should be caught in your main function" and exited 2.
    const auto tools = tool_names();
    REQUIRE(tools.size() >= 7);
    for (const auto& tool : tools) {
        CAPTURE(tool);
        const auto direct = m2pg::test::run_tool("m2pg-" + tool, {"--help"});
        CHECK(direct.exit_code == 0);
        CHECK(direct.err.empty());
        CHECK(starts_with(direct.out, "Usage: m2pg " + tool + " "));
        CHECK(direct.out.find("\n  --version ") != std::string::npos);
        const auto dispatched = m2pg::test::run_tool("m2pg", {tool, "--help"});
        CHECK(dispatched.exit_code == 0);
        CHECK(dispatched.out == direct.out);
    }
    const auto umbrella = m2pg::test::run_tool("m2pg", {"--help"});
    CHECK(umbrella.exit_code == 0);
    CHECK(starts_with(umbrella.out, "Usage: m2pg COMMAND"));
}

TEST_CASE("a bad flag exits 2 with the tool's name and a pointer to --help") {
    const auto r = m2pg::test::run_tool("m2pg-index", {"--no-such-flag", "x"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("m2pg index: error: ") == 0);
    CHECK(r.err.find("run 'm2pg index --help' for usage") != std::string::npos);
}

TEST_CASE("m2pg --version and every tool's --version print the version and the git commit") {
    const std::regex version(R"(m2pg \d+\.\d+\.\d+ \(git ([0-9a-f]{7,}(-dirty)?|unknown)\)\n)");
    const auto umbrella = m2pg::test::run_tool("m2pg", {"--version"});
    CHECK(umbrella.exit_code == 0);
    CHECK_MESSAGE(std::regex_match(umbrella.out, version), umbrella.out);
    for (const auto& tool : tool_names()) {
        CAPTURE(tool);
        const auto r = m2pg::test::run_tool("m2pg-" + tool, {"--version"});
        CHECK(r.exit_code == 0);
        CHECK(r.out == umbrella.out);
    }
}

TEST_CASE("every flag a synopsis names is one of its tool's flags") {
    for (const auto& tool : tool_names()) {
        const auto help = help_of(tool);
        CAPTURE(tool);
        CHECK_FALSE(help.forms.empty());
        for (const auto& form : help.forms) {
            CAPTURE(form);
            CHECK(starts_with(form, "m2pg " + tool + " "));
            for (const auto& flag : flags_in(form)) {
                CAPTURE(flag);
                CHECK(help.flags.count(flag) == 1);
            }
        }
    }
}

TEST_CASE("m2pg --help lists every tool with the summary its own --help gives") {
    const auto umbrella = m2pg::test::run_tool("m2pg", {"--help"});
    for (const auto& tool : tool_names()) {
        const auto own = m2pg::test::run_tool("m2pg-" + tool, {"--help"});
        std::string summary;
        for (const auto& line : lines_of(own.out))
            if (starts_with(line, "m2pg " + tool + " - ")) summary = line.substr(tool.size() + 8);
        CAPTURE(tool);
        REQUIRE_FALSE(summary.empty());
        std::string name = tool;
        name.resize(10, ' ');
        CHECK(umbrella.out.find("\n  " + name + summary + "\n") != std::string::npos);
    }
}

TEST_CASE("README.md quotes each tool's first synopsis form, and each docs page every form of its tool") {
    const auto readme = quoted_commands(read_file(fs::path(M2PG_SOURCE_DIR) / "README.md"));
    const std::set<std::string> in_readme(readme.begin(), readme.end());
    for (const auto& tool : tool_names()) {
        const auto help = help_of(tool);
        CAPTURE(tool);
        CHECK_MESSAGE(in_readme.count(help.forms.front()) == 1, "README.md lacks `" << help.forms.front() << "`");
        const fs::path page = fs::path(M2PG_SOURCE_DIR) / "docs" / (tool + ".md");
        if (!fs::exists(page)) continue;
        const auto quoted = quoted_commands(read_file(page));
        const std::set<std::string> in_page(quoted.begin(), quoted.end());
        for (const auto& form : help.forms)
            CHECK_MESSAGE(in_page.count(form) == 1, page.filename().string() << " lacks `" << form << "`");
    }
}

TEST_CASE("every m2pg command quoted in README.md and docs/ uses only flags its tool has") {
    std::map<std::string, std::set<std::string>> flags;
    for (const auto& tool : tool_names()) flags[tool] = help_of(tool).flags;
    std::size_t checked = 0;
    for (const auto& file : markdown_files()) {
        for (const auto& command : quoted_commands(read_file(file))) {
            const auto tool = tool_of(command);
            if (!flags.count(tool)) continue;
            CAPTURE(file.filename().string());
            CAPTURE(command);
            for (const auto& flag : flags_in(command)) {
                CAPTURE(flag);
                CHECK(flags[tool].count(flag) == 1);
            }
            ++checked;
        }
    }
    CHECK(checked > 20);
}
