// The umbrella: `m2pg SUB args...` runs `m2pg-SUB args...` found next to this binary
// (then on PATH), the way git runs its sub-commands.
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "run/locate.hpp"

namespace {

constexpr const char* kUsage =
    "m2pg - move a MySQL/MariaDB database to PostgreSQL, losing nothing\n"
    "\n"
    "usage: m2pg <command> [args...]     (m2pg <command> --help for each)\n"
    "\n"
    "steps, in order:\n"
    "  check   MYSQL_DSN [--profile P] [--fix-artifacts --fix-unicode --fix-varchar --apply] [--output FILE]\n"
    "          readiness report and lossless fixes (every changed row archived; --restore-archive undoes)\n"
    "  schema  PG_DSN --run-migrations --profile P [--applied-migrations FILE]   the app's migrations\n"
    "          PG_DSN --from-mysql MYSQL_DSN                                     or generated from MySQL\n"
    "          generate --from-mysql MYSQL_DSN [--out DIR]                       print / write the DDL\n"
    "  copy    --mysql DSN --postgres DSN [--jobs N] [--resume] [--dry-run] [--yes]   stream every row\n"
    "  index   PG_DSN [--profile P] [--from-mysql DSN] [--create-indexes]   full-text and deferred indexes\n"
    "  verify  --mysql DSN --postgres DSN [--jobs N] [--json]   row counts and checksums, differing keys\n"
    "\n"
    "all five:\n"
    "  run     --mysql DSN --postgres DSN [--profile P] [--fix-unicode ...] [--from-step S] [--yes]\n"
    "          steps 1-5 in order, stopping at the first failure; run it again to resume\n"
    "\n"
    "for pgloader users:\n"
    "  pgloader --mysql DSN --postgres DSN [--profile P] > migration.load   a pgloader command file\n"
    "          with m2pg's type map as CAST rules and no password in it\n"
    "\n"
    "DSNs: MySQL as user:pass@tcp(host:3306)/db or mysql://user:pass@host:3306/db;\n"
    "      Postgres as postgresql://user:pass@host:5432/db or 'host=... dbname=...'.\n"
    "      Leave the password out and set MYSQL_PWD / PGPASSWORD (or ~/.pgpass) instead.\n"
    "exit codes: 0 ok, 1 problems found, 2 usage, 3 MySQL failed, 4 PostgreSQL failed,\n"
    "            5 data could not be converted, 7 state conflict, 8 internal error.\n";

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0 ||
        std::strcmp(argv[1], "help") == 0) {
        std::fputs(kUsage, argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    if (std::strcmp(argv[1], "--version") == 0) {
        std::printf("m2pg %s\n", M2PG_VERSION);
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
