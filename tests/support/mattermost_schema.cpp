#include "support/mattermost_schema.hpp"

#include <algorithm>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>

#include "support/servers.hpp"

namespace m2pg::test::mattermost {

namespace fs = std::filesystem;

namespace {

fs::path existing(const fs::path& path) {
    if (!fs::is_directory(path))
        throw std::runtime_error("Mattermost corpus folder missing: " + path.string() +
                                 " (the corpora live in ../shared/corpora next to the repository)");
    return path;
}

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

Corpus corpus(const fs::path& corpora_root) {
    Corpus c;
    c.core_mysql = existing(corpora_root / "mattermost-v10.12" / "mysql");
    c.core_postgres = existing(corpora_root / "mattermost-v10.12" / "postgres");
    c.calls_mysql = existing(corpora_root / "mattermost-plugins" / "calls" / "mysql");
    c.calls_postgres = existing(corpora_root / "mattermost-plugins" / "calls" / "postgres");
    return c;
}

std::vector<MigrationFile> up_migrations(const fs::path& dir) {
    // morph's models/parse.go: ^([0-9]+)_(.*)\.(down|up)\.(.*)$
    static const std::regex kFileName(R"(^([0-9]+)_(.*)\.up\.sql$)");
    std::vector<MigrationFile> out;
    for (const auto& entry : fs::directory_iterator(dir)) {
        const std::string base = entry.path().filename().string();
        std::smatch m;
        if (std::regex_match(base, m, kFileName)) out.push_back({std::stoull(m[1]), m[2], entry.path()});
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.version < b.version; });
    if (out.empty()) throw std::runtime_error("no NNNNNN_name.up.sql files in " + dir.string());
    return out;
}

std::size_t apply_morph_migrations(MysqlSession& session, const fs::path& dir, const std::string& table) {
    // morph drivers/mysql/mysql.go, createSchemaTableIfNotExists.
    session.run("CREATE TABLE IF NOT EXISTS " + table +
                " (Version bigint(20) NOT NULL, Name varchar(64) NOT NULL, PRIMARY KEY (Version))"
                " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
    std::set<std::uint64_t> applied;
    for (const auto& row : session.run("SELECT Version FROM " + table)) applied.insert(std::stoull(*row[0]));
    std::size_t count = 0;
    for (const auto& file : up_migrations(dir)) {
        if (applied.count(file.version)) continue;
        try {
            session.run(read_text(file.path));
            // Names are file-name parts (letters, digits, '_'), spliced unescaped as morph does.
            session.run("INSERT INTO " + table + " (Version, Name) VALUES (" + std::to_string(file.version) + ", '" +
                        file.name + "')");
        } catch (const std::runtime_error& e) {
            throw std::runtime_error(file.path.string() + ": " + e.what());
        }
        ++count;
    }
    return count;
}

void build_mysql_schema(MysqlSession& session, const Corpus& corpus) {
    apply_morph_migrations(session, corpus.core_mysql, kCoreMigrationsTable);
    apply_morph_migrations(session, corpus.calls_mysql, kCallsMigrationsTable);
}

void clone_mysql_database(MysqlSession& session, const std::string& from, const std::string& to) {
    const auto tables = session.run("SELECT table_name, table_rows FROM information_schema.tables WHERE table_schema = " +
                                    session.quote(from) + " AND table_type = 'BASE TABLE' ORDER BY table_name");
    std::string batch = "USE `" + to + "`; SET SESSION foreign_key_checks = 0;";
    std::string rows;
    for (const auto& row : tables) {
        const std::string& table = *row[0];
        batch += session.run("SHOW CREATE TABLE `" + from + "`.`" + table + "`").at(0).at(1).value() + ";";
        rows += "INSERT INTO `" + table + "` SELECT * FROM `" + from + "`.`" + table + "`;";
    }
    session.run(batch + rows + "SET SESSION foreign_key_checks = 1");
}

void build_postgres_schema(const std::string& pg_dsn, const std::string& m2pg, const Corpus& corpus) {
    auto check = [](const ToolResult& r, const std::string& step) {
        if (r.exit_code != 0)
            throw std::runtime_error(step + " exited " + std::to_string(r.exit_code) + ":\n" + r.out + r.err);
    };
    check(run_program(m2pg, {"schema", pg_dsn, "--run-migrations", "--migrations-dir", corpus.core_postgres.string()}),
          "m2pg schema (Mattermost core)");
    // The plugin records its migrations in its own table (db_migrations_calls), as the
    // mattermost profile says; its migrations are the corpus' copy of the plugin's own.
    check(run_program(m2pg, {"schema", pg_dsn, "--run-migrations", "--profile", "mattermost", "--plugin", "calls",
                             "--migrations-dir", corpus.calls_postgres.string()}),
          "m2pg schema (Calls plugin)");
}

void build_schemas(const Scratch& db, const Corpus& corpus, const std::string& m2pg) {
    MysqlSession session(db.mysql.dsn());
    build_mysql_schema(session, corpus);
    build_postgres_schema(db.pg.dsn_text(), m2pg, corpus);
}

}  // namespace m2pg::test::mattermost
