#include "common/synopsis.hpp"

#include <stdexcept>
#include <string>

namespace m2pg::tools {

const std::vector<Synopsis>& synopses() {
    static const std::vector<Synopsis> table = {
        {"check",
         "readiness report of a MySQL/MariaDB database, and lossless fixes",
         {"MYSQL_DSN [--profile NAME] [--target PG_DSN | --migrations-dir DIR] [--output FILE [--force]]",
          "MYSQL_DSN [--profile NAME] [--target PG_DSN | --migrations-dir DIR] [--fix-artifacts] [--fix-unicode] "
          "[--fix-varchar [--truncate]] [--apply]",
          "MYSQL_DSN --restore-archive"}},
        {"schema",
         "the PostgreSQL schema: the app's migrations, or generated from MySQL",
         {"PG_DSN --run-migrations [--profile NAME | --migrations-dir DIR] [--applied-migrations FILE]",
          "PG_DSN --from-mysql DSN [--phases LIST]",
          "generate --from-mysql DSN | --from-report FILE [--out DIR]"}},
        {"copy",
         "stream every row from MySQL into PostgreSQL, exactly",
         {"--mysql DSN --postgres DSN [--profile NAME] [--jobs N] [--create-tables] [--with-indexes] [--resume] [--dry-run] [--yes]"}},
        {"index",
         "full-text and every deferred index, key, sequence and ANALYZE after the copy",
         {"PG_DSN [--profile NAME] [--from-mysql DSN | --from-report FILE] [--create-indexes]"}},
        {"verify",
         "row counts and checksums of every table on both sides, naming the rows that differ",
         {"--mysql DSN --postgres DSN [--profile NAME] [--jobs N] [--json]"}},
        {"run",
         "the whole migration: check, schema, copy, index and verify in order, resumable",
         {"--mysql DSN --postgres DSN [--profile NAME [--plugin NAME]] [--fix-artifacts] [--fix-unicode] [--fix-varchar "
          "[--truncate]] [--jobs N] [--work-dir DIR] [--from-step STEP] [--yes]"}},
        {"pgloader",
         "a pgloader command file with m2pg's type map, for those who prefer pgloader",
         {"--mysql DSN --postgres DSN [--profile NAME] [--output FILE]"}},
    };
    return table;
}

const Synopsis& synopsis_of(std::string_view tool) {
    for (const auto& s : synopses())
        if (s.tool == tool) return s;
    throw std::logic_error("tool '" + std::string(tool) + "' has no synopsis in tools/common/synopsis.cpp");
}

}  // namespace m2pg::tools
