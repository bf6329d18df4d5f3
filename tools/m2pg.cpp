// The umbrella: `m2pg SUB args...` runs `m2pg-SUB args...` found next to this binary
// (then on PATH), the way git runs its sub-commands.
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "common/synopsis.hpp"
#include "common/version.hpp"
#include "run/locate.hpp"

namespace {

// The commands' summaries come from common/synopsis.cpp, like each tool's own --help; the
// man page m2pg(1) is made from this text (packaging/man/make-man.sh).
std::string usage() {
    std::string text =
        "Usage: m2pg COMMAND [ARGS...]\n"
        "m2pg - move a MySQL/MariaDB database to PostgreSQL, losing nothing\n"
        "\n"
        "Each command is its own program, m2pg-COMMAND: 'm2pg COMMAND --help' (or man m2pg-COMMAND)\n"
        "shows its synopsis and every flag.\n"
        "\n"
        "Commands, in the order of a migration:\n";
    for (const auto& s : m2pg::tools::synopses()) {
        std::string name(s.tool);
        name.resize(10, ' ');
        text += "  " + name + std::string(s.summary) + "\n";
    }
    text +=
        "\n"
        "Connection strings:\n"
        "  MySQL     user:pass@tcp(host:3306)/db or mysql://user:pass@host:3306/db\n"
        "  Postgres  postgresql://user:pass@host:5432/db or 'host=... dbname=...'\n"
        "  Leave the password out and set MYSQL_PWD / PGPASSWORD (or ~/.pgpass) instead.\n"
        "\n"
        "Exit codes, the same for every command:\n"
        "  0  success\n"
        "  1  ran, and found problems\n"
        "  2  usage: flags, DSN, config or profile\n"
        "  3  the MySQL side failed (connection, query)\n"
        "  4  the PostgreSQL side failed\n"
        "  5  data could not be converted exactly\n"
        "  7  state conflict (lock held, target not empty)\n"
        "  8  internal error (a bug)\n"
        "\n"
        "Options:\n"
        "  -h,--help     print this help and exit\n"
        "  --version     print the version and the git commit, and exit\n";
    return text;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0 ||
        std::strcmp(argv[1], "help") == 0) {
        std::fputs(usage().c_str(), argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    if (std::strcmp(argv[1], "--version") == 0) {
        std::printf("%s\n", m2pg::tools::version_text().c_str());
        return 0;
    }
    std::string sub = std::string("m2pg-") + argv[1];
    if (sub.find('/') != std::string::npos) {
        std::fprintf(stderr, "m2pg: '%s' is not a command\n", argv[1]);
        return 2;
    }
    std::vector<char*> args;
    args.push_back(sub.data());
    for (int i = 2; i < argc; ++i) args.push_back(argv[i]);
    args.push_back(nullptr);

    if (auto program = m2pg::run::find_tool(sub)) execv(program->c_str(), args.data());
    std::fprintf(stderr, "m2pg: '%s' is not a command (no %s next to m2pg or on PATH); see m2pg --help\n",
                 argv[1], sub.c_str());
    return 2;
}
