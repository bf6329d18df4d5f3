// m2pg schema --run-migrations end to end: the tool, the chat profile, the pre-checks,
// air-gapped mode and generated migrations.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include <unistd.h>

#include "support/servers.hpp"
#include "target/postgres/connection.hpp"
#include "temp_dir.hpp"

namespace fs = std::filesystem;
using m2pg::test::run_tool;

namespace {

const fs::path kChat = fs::path(M2PG_SOURCE_DIR) / "migrations" / "chat";

std::string unique(const std::string& prefix) {
    static std::atomic<int> counter{0};
    return prefix + "_" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
}

// Runs admin statements on the test server's own database (roles are cluster-wide).
void admin(const std::string& sql) {
    m2pg::target::postgres::PgConnection session(m2pg::test::pg_dsn());
    session.execute(sql);
}

// A login role without any privilege beyond PUBLIC's; dropped by the destructor, so
// declare it before the databases it may own or be granted things in.
class PgRole {
public:
    PgRole() : name_(unique("m2pg_role")) { admin("CREATE ROLE " + name_ + " LOGIN PASSWORD '" + kPassword + "'"); }
    ~PgRole() {
        try {
            admin("DROP ROLE IF EXISTS " + name_);
        } catch (const std::exception&) {
            // Never throw from a destructor; a leftover role only costs a name.
        }
    }
    PgRole(const PgRole&) = delete;
    PgRole& operator=(const PgRole&) = delete;

    const std::string& name() const { return name_; }
    // A libpq conninfo for this role on `database`.
    std::string dsn(const std::string& database) const {
        auto d = m2pg::test::pg_dsn();
        d.keywords["user"] = name_;
        d.keywords["password"] = kPassword;
        d.keywords["dbname"] = database;
        return d.conninfo();
    }

private:
    static constexpr const char* kPassword = "R0le-secret";
    std::string name_;
};

// A database owned by `owner`, dropped by the destructor.
class OwnedDatabase {
public:
    explicit OwnedDatabase(const PgRole& owner) : name_(unique("m2pg_owned")) {
        admin("CREATE DATABASE " + name_ + " OWNER " + owner.name());
    }
    ~OwnedDatabase() {
        try {
            admin("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
        } catch (const std::exception&) {
            // Never throw from a destructor.
        }
    }
    OwnedDatabase(const OwnedDatabase&) = delete;
    OwnedDatabase& operator=(const OwnedDatabase&) = delete;
    const std::string& name() const { return name_; }

private:
    std::string name_;
};

// The chat app's MySQL side as scripts/load-sample.sh builds it: each MySQL migration
// applied and recorded in db_migrations (morph's layout). Sample rows are not needed here.
void load_chat_mysql(const m2pg::test::MysqlScratch& mysql) {
    mysql.exec("CREATE TABLE db_migrations (Version bigint NOT NULL PRIMARY KEY, Name varchar(64) NOT NULL)");
    std::vector<fs::path> ups;
    for (const auto& entry : fs::directory_iterator(kChat / "mysql"))
        if (entry.path().string().find(".up.sql") != std::string::npos) ups.push_back(entry.path());
    std::sort(ups.begin(), ups.end());
    for (const auto& up : ups) {
        std::ifstream in(up);
        std::string sql((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        mysql.exec(sql);
        const std::string file = up.filename().string();
        const std::string version = std::to_string(std::stoll(file.substr(0, file.find('_'))));
        const std::string name = file.substr(file.find('_') + 1, file.find(".up.sql") - file.find('_') - 1);
        mysql.exec("INSERT INTO db_migrations VALUES (" + version + ", '" + name + "')");
    }
}

std::vector<std::string> mysql_versions(const m2pg::test::MysqlScratch& mysql) {
    std::vector<std::string> out;
    for (const auto& row : mysql.query("SELECT Version FROM db_migrations ORDER BY Version")) out.push_back(*row[0]);
    return out;
}

std::vector<std::string> pg_versions(const m2pg::test::PgScratch& pg) {
    std::vector<std::string> out;
    for (const auto& row : pg.query("SELECT version FROM db_migrations ORDER BY version")) out.push_back(*row[0]);
    return out;
}

std::string json_list(const std::vector<std::string>& versions) {
    std::string out;
    for (const auto& v : versions) out += (out.empty() ? "" : ", ") + v;
    return "[" + out + "]";
}

std::vector<std::string> run_args(const std::string& dsn, std::vector<std::string> more) {
    std::vector<std::string> args = {dsn, "--run-migrations"};
    args.insert(args.end(), more.begin(), more.end());
    return args;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("m2pg schema --run-migrations --profile chat creates the chat tables, prints each migration, and re-runs "
          "as a no-op" * doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::PgScratch pg;

    auto first = run_tool("m2pg", {"schema", pg.dsn_text(), "--run-migrations", "--profile", "chat"});
    INFO(first.err);
    REQUIRE(first.exit_code == 0);
    CHECK(contains(first.out, "applied 000001_create_users ("));
    CHECK(contains(first.out, "applied 000006_create_leftovers ("));
    CHECK(contains(first.out, "m2pg schema: applied 6 migration(s) (000001..000006) to "));
    CHECK(contains(first.out, "now at version 6"));
    CHECK(pg_versions(pg) == std::vector<std::string>{"1", "2", "3", "4", "5", "6"});
    CHECK(pg.scalar("SELECT name FROM db_migrations WHERE version = 3") == "create_posts");

    auto second = run_tool("m2pg-schema", {pg.dsn_text(), "--run-migrations", "--profile", "chat"});
    CHECK(second.exit_code == 0);
    CHECK(contains(second.out, "nothing to apply"));
    CHECK(contains(second.out, "is at version 6 (6 migrations applied)"));
    CHECK_FALSE(contains(second.out, "applied 0000"));
}

TEST_CASE("the chat profile's Postgres schema has the MySQL tables and columns lower-cased, minus the artifacts" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    load_chat_mysql(db.mysql);
    auto run = run_tool("m2pg-schema", run_args(db.pg.dsn_text(), {"--profile", "chat"}));
    INFO(run.err);
    REQUIRE(run.exit_code == 0);

    std::set<std::string> mysql_columns;
    for (const auto& row : db.mysql.query(
             "SELECT LOWER(CONCAT(TABLE_NAME, '.', COLUMN_NAME)) FROM information_schema.COLUMNS "
             "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME NOT IN ('db_migrations', 'schema_migrations')"))
        mysql_columns.insert(*row[0]);
    mysql_columns.erase("users.remoteid");
    std::set<std::string> pg_columns;
    for (const auto& row : db.pg.query("SELECT table_name || '.' || column_name FROM information_schema.columns "
                                       "WHERE table_schema = 'public' AND table_name NOT LIKE 'db_migrations%'"))
        pg_columns.insert(*row[0]);
    CHECK(pg_columns == mysql_columns);
    CHECK(pg_columns.size() == 115);  // 12 tables

    // The types of the app's own Postgres schema, and values from the chat sample that only they hold.
    auto type_of = [&](const std::string& table, const std::string& column) {
        return db.pg.scalar("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = '" + table +
                            "'::regclass AND attname = '" + column + "'");
    };
    CHECK(type_of("users", "emailverified") == "boolean");
    CHECK(type_of("users", "props") == "jsonb");
    CHECK(type_of("channels", "totalmsgcount") == "numeric(20,0)");
    CHECK(type_of("channels", "type") == "channel_type");
    CHECK(type_of("calls_sessions", "duration") == "interval");
    CHECK(type_of("legacyimports", "flags") == "text[]");
    CHECK(type_of("legacyimports", "yearseen") == "integer");
    CHECK(type_of("focalboard_blocks", "insert_at") == "timestamp(6) with time zone");
    db.pg.exec("INSERT INTO legacyimports (importid, sourcename, importedat, flags) "
               "VALUES (18446744073709551615, 'max unsigned', NULL, '{archived,pinned}')");
    db.pg.exec("INSERT INTO calls_sessions VALUES ('c', 'c', 'u', 1, true, 0, '838:59:59'), "
               "('d', 'c', 'u', 1, false, 0, '-12:30:00')");
    db.pg.exec("INSERT INTO audits VALUES ('a', 1, 'u', 'x', 'y', '127.0.0.1', 's'), ('a', 1, 'u', 'x', 'y', '127.0.0.1', 's')");
    CHECK(db.pg.scalar("SELECT count(*) FROM audits") == "2");
    // Full-text indexes come from the profile in the index step, not from the migrations.
    CHECK(db.pg.scalar("SELECT count(*) FROM pg_indexes WHERE schemaname = 'public' AND indexdef LIKE '%gin%'") == "0");
}

TEST_CASE("--app-version applies up to the release's last migration and an unknown release is a usage error" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::PgScratch pg;
    auto run = run_tool("m2pg-schema", run_args(pg.dsn_text(), {"--profile", "chat", "--app-version", "1.1"}));
    INFO(run.err);
    CHECK(run.exit_code == 0);
    CHECK(pg_versions(pg) == std::vector<std::string>{"1", "2", "3", "4"});
    CHECK(pg.scalar("SELECT to_regclass('focalboard_blocks') IS NULL") == "t");

    auto unknown = run_tool("m2pg-schema", run_args(pg.dsn_text(), {"--profile", "chat", "--app-version", "9.9"}));
    CHECK(unknown.exit_code == 2);
    CHECK(contains(unknown.err, "1.0, 1.1, 2.0, 2.1"));
}

TEST_CASE("--dry-run prints the plan and changes nothing" * doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::PgScratch pg;
    auto run = run_tool("m2pg-schema", run_args(pg.dsn_text(), {"--profile", "chat", "--target-version", "2", "--dry-run"}));
    INFO(run.err);
    CHECK(run.exit_code == 0);
    CHECK(run.out.find("would apply 000001_create_users\nwould apply 000002_create_teams_channels\n") == 0);
    CHECK(contains(run.out, "dry run: would apply 2 migration(s) (000001..000002)"));
    CHECK(contains(run.out, "from version 0 to 2; nothing changed"));
    CHECK(pg.scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == "0");
}

TEST_CASE("a failing migration through the tool exits 4 naming the file and line" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::PgScratch pg;
    m2pg::test::TempDir dir;
    dir.write("000001_ok.up.sql", "CREATE TABLE t (a int);\n");
    auto bad = dir.write("000002_bad.up.sql", "INSERT INTO t VALUES (1);\nINSERT INTO t VALUES ('x');\n");
    auto run = run_tool("m2pg-schema", run_args(pg.dsn_text(), {"--migrations-dir", dir.str()}));
    CHECK(run.exit_code == 4);
    CHECK(contains(run.err, bad.string() + " line 2: PostgreSQL: invalid input syntax for type integer"));
    CHECK(contains(run.err, "the target stays at version 1"));
    CHECK(contains(run.out, "applied 000001_ok ("));
    CHECK(pg_versions(pg) == std::vector<std::string>{"1"});
    CHECK(pg.scalar("SELECT count(*) FROM t") == "0");
}

TEST_CASE("--applied-migrations with migration-assist's mysql.output applies exactly the MySQL side's migrations" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    load_chat_mysql(db.mysql);
    // The MySQL side runs app release 1.1: migrations 5 and 6 never ran there.
    db.mysql.exec("DELETE FROM db_migrations WHERE Version > 4");
    const auto versions = mysql_versions(db.mysql);
    REQUIRE(versions == std::vector<std::string>{"1", "2", "3", "4"});
    m2pg::test::TempDir dir;
    auto report = dir.write("mysql.output", "{\n    \"applied_migrations\": " + json_list(versions) + "\n}");

    auto run = run_tool("m2pg-schema", run_args(db.pg.dsn_text(), {"--profile", "chat", "--applied-migrations",
                                                                   report.string()}));
    INFO(run.err);
    CHECK(run.exit_code == 0);
    CHECK(pg_versions(db.pg) == versions);
    CHECK(db.pg.scalar("SELECT to_regclass('fileinfo') IS NOT NULL") == "t");
    CHECK(db.pg.scalar("SELECT to_regclass('focalboard_blocks') IS NULL") == "t");
}

TEST_CASE("--applied-migrations with an m2pg report applies exactly the listed migrations" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    load_chat_mysql(db.mysql);
    const auto versions = mysql_versions(db.mysql);
    REQUIRE(versions.size() == 6);
    m2pg::test::TempDir dir;
    auto report = dir.write("report.json", R"({"format": "m2pg-report", "version": 1, "server": {"flavor": "mariadb"},
        "tables": [], "findings": [], "applied_migrations": )" + json_list(versions) + "}");

    auto run = run_tool("m2pg-schema", run_args(db.pg.dsn_text(), {"--profile", "chat", "--applied-migrations",
                                                                   report.string()}));
    INFO(run.err);
    CHECK(run.exit_code == 0);
    CHECK(pg_versions(db.pg) == versions);
    CHECK(db.pg.scalar("SELECT to_regclass('legacyimports') IS NOT NULL") == "t");
}

TEST_CASE("--applied-migrations naming versions the directory lacks fails naming them and --migrations-dir" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::PgScratch pg;
    m2pg::test::TempDir dir;
    auto report = dir.write("mysql.output", R"({"applied_migrations": [1, 2, 3, 4, 5, 6, 131, 132, 133, 134, 135]})");

    auto run = run_tool("m2pg-schema", run_args(pg.dsn_text(), {"--profile", "chat", "--applied-migrations",
                                                                report.string()}));
    CHECK(run.exit_code == 2);
    CHECK(contains(run.err, "missing 000131..000135"));
    CHECK(contains(run.err, "--migrations-dir"));
    CHECK(pg.scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == "0");
}

TEST_CASE("the schema-owner check fails for a role without CREATE on the schema and prints the GRANT to run" *
          doctest::skip(m2pg::test::skip_servers())) {
    PgRole role;
    m2pg::test::PgScratch pg;
    m2pg::test::TempDir dir;
    dir.write("000001_t.up.sql", "CREATE TABLE t (a int);\n");
    const auto args = run_args(role.dsn(pg.name()), {"--migrations-dir", dir.str()});

    auto refused = run_tool("m2pg-schema", args);
    CHECK(refused.exit_code == 7);
    CHECK(contains(refused.err, "schema-owner check: role " + role.name() + " cannot create tables in schema public"));
    CHECK(contains(refused.err, "GRANT USAGE, CREATE ON SCHEMA public TO " + role.name() + ";"));
    CHECK(contains(refused.err, "ALTER SCHEMA public OWNER TO " + role.name() + ";"));

    // Switched off, the check no longer stops the run; the server then does.
    auto unchecked = run_tool("m2pg-schema", run_args(role.dsn(pg.name()), {"--migrations-dir", dir.str(),
                                                                            "--check-schema-owner=false"}));
    CHECK(unchecked.exit_code == 4);
    CHECK(contains(unchecked.err, "permission denied for schema public"));

    pg.exec("GRANT CREATE ON SCHEMA public TO " + role.name());
    auto granted = run_tool("m2pg-schema", args);
    INFO(granted.err);
    CHECK(granted.exit_code == 0);
    CHECK(pg.scalar("SELECT tableowner FROM pg_tables WHERE tablename = 't'") == role.name());
}

TEST_CASE("a plain database owner passes the schema-owner check although PostgreSQL 15's public belongs to "
          "pg_database_owner" * doctest::skip(m2pg::test::skip_servers())) {
    PgRole role;
    OwnedDatabase database(role);
    m2pg::target::postgres::PgConnection as_role(m2pg::util::parse_pg_dsn(role.dsn(database.name())));
    CHECK(as_role.scalar("SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'public'") ==
          "pg_database_owner");
    CHECK(as_role.scalar("SELECT rolsuper FROM pg_roles WHERE rolname = current_user") == "f");

    auto run = run_tool("m2pg-schema", run_args(role.dsn(database.name()), {"--profile", "chat"}));
    INFO(run.err);
    CHECK(run.exit_code == 0);
    CHECK(as_role.scalar("SELECT count(*) FROM db_migrations") == "6");
}

TEST_CASE("a role whose search_path resolves to no schema is refused by schema with the ALTER ROLE to run, and "
          "verify reports it" * doctest::skip(m2pg::test::skip_servers())) {
    PgRole role;
    OwnedDatabase database(role);
    m2pg::test::MysqlScratch mysql;
    // What migration-assist's users met after the load: CURRENT_SCHEMA() is NULL for the app's role.
    admin("ALTER ROLE " + role.name() + " IN DATABASE " + database.name() + " SET search_path TO \"$user\"");
    const auto args = run_args(role.dsn(database.name()), {"--profile", "chat"});

    auto refused = run_tool("m2pg-schema", args);
    CHECK(refused.exit_code == 7);
    CHECK(contains(refused.err, "search-path check: role " + role.name() + "'s search_path is '\"$user\"' in database " +
                                    database.name() + ", so its unqualified names resolve to no schema "
                                    "(CURRENT_SCHEMA() is NULL), not public"));
    const std::string fix =
        "ALTER ROLE " + role.name() + " IN DATABASE " + database.name() + " SET search_path TO public;";
    CHECK(contains(refused.err, fix));
    CHECK(contains(refused.err, "--check-search-path=false"));

    // Made by another way despite the role's setting, the schema is there; verify still says what the app will meet.
    auto unchecked = run_tool("m2pg-schema", run_args(role.dsn(database.name()), {"--profile", "chat",
                                                                                  "--check-search-path=false"}));
    INFO(unchecked.err);
    REQUIRE(unchecked.exit_code == 0);
    auto verified = run_tool("m2pg", {"verify", "--mysql", mysql.dsn_text(), "--postgres", role.dsn(database.name())});
    CHECK(verified.exit_code == 1);
    CHECK(contains(verified.out + verified.err, "search-path check: role " + role.name()));

    admin(fix);
    auto fixed = run_tool("m2pg", {"verify", "--mysql", mysql.dsn_text(), "--postgres", role.dsn(database.name())});
    INFO(fixed.out << fixed.err);
    CHECK(fixed.exit_code == 0);
}

TEST_CASE("the tables-empty check fails listing the tables that hold rows, and can be switched off" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::PgScratch pg;
    pg.exec("CREATE TABLE leftover (a int); INSERT INTO leftover VALUES (1);"
            "CREATE TABLE \"Mixed\" (a int); INSERT INTO \"Mixed\" VALUES (1); CREATE TABLE empty_one (a int)");

    auto refused = run_tool("m2pg-schema", run_args(pg.dsn_text(), {"--profile", "chat"}));
    CHECK(refused.exit_code == 7);
    CHECK(contains(refused.err, "tables-empty check: 2 table(s) of schema public already hold rows: Mixed, leftover"));
    CHECK(contains(refused.err, "--check-tables-empty=false"));
    CHECK(pg.scalar("SELECT to_regclass('db_migrations') IS NULL") == "t");

    auto allowed = run_tool("m2pg-schema", run_args(pg.dsn_text(), {"--profile", "chat", "--check-tables-empty=false"}));
    INFO(allowed.err);
    CHECK(allowed.exit_code == 0);
    CHECK(pg_versions(pg).size() == 6);
}

TEST_CASE("the tables-empty check passes on empty tables and ignores the migration tables" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::PgScratch pg;
    auto first = run_tool("m2pg-schema", run_args(pg.dsn_text(), {"--profile", "chat", "--target-version", "2"}));
    REQUIRE(first.exit_code == 0);
    // The version tables now hold rows, and the app's tables none: the check still passes.
    auto second = run_tool("m2pg-schema", run_args(pg.dsn_text(), {"--profile", "chat"}));
    INFO(second.err);
    CHECK(second.exit_code == 0);
    CHECK(pg_versions(pg).size() == 6);
}

TEST_CASE("migrations generated from the every-type MySQL schema create the bare tables at version 1, the rest "
          "after" * doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    db.mysql.exec("CREATE TABLE parent (id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, name VARCHAR(50))");
    db.mysql.exec(m2pg::test::read_fixture("every_type.sql"));
    m2pg::test::TempDir dir;

    auto generated = run_tool("m2pg-schema", {"generate", "--from-mysql", db.mysql.dsn_text(), "--out", dir.str()});
    INFO(generated.err);
    REQUIRE(generated.exit_code == 0);
    CHECK(fs::exists(dir.path() / "000001_tables.up.sql"));

    auto tables = run_tool("m2pg-schema", run_args(db.pg.dsn_text(), {"--migrations-dir", dir.str(), "--target-version", "1"}));
    INFO(tables.err);
    REQUIRE(tables.exit_code == 0);
    CHECK(contains(tables.out, "applied 000001_tables ("));
    CHECK(pg_versions(db.pg) == std::vector<std::string>{"1"});
    CHECK(db.pg.scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename IN ('parent', "
                       "'every_type')") == "2");
    // Bare tables: primary keys only, no secondary index, no foreign key yet.
    CHECK(db.pg.scalar("SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid WHERE c.relname = "
                       "'every_type' AND NOT i.indisprimary") == "0");
    CHECK(db.pg.scalar("SELECT count(*) FROM pg_constraint WHERE contype = 'f'") == "0");

    auto rest = run_tool("m2pg-schema", run_args(db.pg.dsn_text(), {"--migrations-dir", dir.str()}));
    INFO(rest.err);
    CHECK(rest.exit_code == 0);
    CHECK(pg_versions(db.pg) == std::vector<std::string>{"1", "2", "3", "4"});
    CHECK(db.pg.scalar("SELECT count(*) FROM pg_constraint WHERE contype = 'f'") == "1");
    CHECK(db.pg.scalar("SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid WHERE c.relname = "
                       "'every_type' AND NOT i.indisprimary")
              .value_or("0") != "0");
}

TEST_CASE("--run-migrations without a profile or directory, or with --from-mysql, is a usage error" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::PgScratch pg;
    auto none = run_tool("m2pg-schema", {pg.dsn_text(), "--run-migrations"});
    CHECK(none.exit_code == 2);
    CHECK(contains(none.err, "needs --profile NAME or --migrations-dir DIR"));
    auto both = run_tool("m2pg-schema", {pg.dsn_text(), "--run-migrations", "--profile", "chat", "--from-mysql",
                                         "u@tcp(h:1)/d"});
    CHECK(both.exit_code == 2);
    auto bad_bool = run_tool("m2pg-schema", {pg.dsn_text(), "--run-migrations", "--profile", "chat",
                                             "--check-tables-empty=maybe"});
    CHECK(bad_bool.exit_code == 2);
}
