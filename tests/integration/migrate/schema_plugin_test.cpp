// m2pg schema --run-migrations --plugin NAME: a plugin's own Postgres migrations, recorded
// in the plugin's own migrations table, into a target that already holds the app's rows.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "support/servers.hpp"
#include "temp_dir.hpp"

namespace fs = std::filesystem;
using m2pg::test::run_tool;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string read_text(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A profile with core migrations (posts) and a plugin "widgets" that ships its own
// (widget_items, then widget_log), recorded in db_migrations_widgets.
struct PluginProfile {
    m2pg::test::TempDir dir{"m2pg_plugin_profile"};
    PluginProfile() {
        fs::create_directories(dir.path() / "core");
        fs::create_directories(dir.path() / "widgets");
        fs::create_directories(dir.path() / "widgets-next");
        dir.write("profile.toml",
                  "name = \"app\"\n"
                  "[migrations]\npostgres_dir = \"core\"\ntable = \"db_migrations\"\n"
                  "[plugins.widgets]\ntables = [\"widget_*\"]\nmigrations_table = \"db_migrations_widgets\"\n"
                  "postgres_dir = \"widgets\"\n"
                  "[plugins.gadgets]\ntables = [\"gadget_*\"]\nmigrations_table = \"db_migrations_gadgets\"\n"
                  "[plugins.gadgets.fetch]\nrepository = \"https://example.com/gadgets\"\npath = \"pg\"\n"
                  "[plugins.nowhere]\ntables = [\"nowhere_*\"]\npostgres_dir = \"widgets\"\n");
        dir.write("core/000001_create_posts.up.sql", "CREATE TABLE posts (id int PRIMARY KEY, message text);");
        dir.write("widgets/000001_create_widget_items.up.sql",
                  "CREATE TABLE widget_items (id int PRIMARY KEY, label text);");
        dir.write("widgets-next/000001_create_widget_items.up.sql",
                  "CREATE TABLE widget_items (id int PRIMARY KEY, label text);");
        dir.write("widgets-next/000002_create_widget_log.up.sql", "CREATE TABLE widget_log (id int);");
    }
};

}  // namespace

TEST_CASE("--plugin applies the plugin's own migrations into its own table, next to the app's rows" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::PgScratch pg;
    PluginProfile profile;
    auto core = run_tool("m2pg", {"schema", pg.dsn_text(), "--run-migrations", "--profile", profile.dir.str()});
    REQUIRE(core.exit_code == 0);
    pg.exec("INSERT INTO posts VALUES (1, 'the app already holds rows')");

    // The app's rows do not stop the plugin: the tables-empty pre-check looks at its tables only.
    auto plugin = run_tool("m2pg", {"schema", pg.dsn_text(), "--run-migrations", "--profile", profile.dir.str(),
                                    "--plugin", "widgets"});
    INFO(plugin.err);
    REQUIRE(plugin.exit_code == 0);
    CHECK(contains(plugin.out, "applied 000001_create_widget_items ("));
    CHECK(pg.scalar("SELECT string_agg(version || ' ' || name, ',') FROM db_migrations_widgets") ==
          "1 create_widget_items");
    CHECK(pg.scalar("SELECT string_agg(version || ' ' || name, ',') FROM db_migrations") == "1 create_posts");

    // A plugin table with rows does stop the plugin's next migrations; the app's table is not listed.
    pg.exec("INSERT INTO widget_items VALUES (1, 'kept')");
    auto refused = run_tool("m2pg", {"schema", pg.dsn_text(), "--run-migrations", "--profile", profile.dir.str(),
                                     "--plugin", "widgets", "--migrations-dir", (profile.dir.path() / "widgets-next").string()});
    CHECK(refused.exit_code == 7);
    CHECK(contains(refused.err, "1 table(s) of schema public already hold rows: widget_items\n"));
    CHECK(pg.scalar("SELECT to_regclass('widget_log') IS NULL") == "t");
}

TEST_CASE("--plugin without a profile, of a plugin with nothing to run or nowhere to record it, is a usage error" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::PgScratch pg;
    PluginProfile profile;
    auto no_profile = run_tool("m2pg", {"schema", pg.dsn_text(), "--run-migrations", "--migrations-dir",
                                        profile.dir.str(), "--plugin", "widgets"});
    CHECK(no_profile.exit_code == 2);
    CHECK(contains(no_profile.err, "--plugin needs --profile"));

    auto unknown = run_tool("m2pg", {"schema", pg.dsn_text(), "--run-migrations", "--profile", profile.dir.str(),
                                     "--plugin", "sprockets"});
    CHECK(unknown.exit_code == 2);
    CHECK(contains(unknown.err, "(plugins: gadgets, nowhere, widgets)"));

    auto none = run_tool("m2pg", {"schema", pg.dsn_text(), "--run-migrations", "--profile", profile.dir.str(),
                                  "--plugin", "gadgets"});
    CHECK(none.exit_code == 2);
    CHECK(contains(none.err, "plugin gadgets of profile app ships no Postgres migrations: give the plugin's own with "
                             "--migrations-dir DIR (the plugin keeps them in pg of https://example.com/gadgets)"));

    auto nowhere = run_tool("m2pg", {"schema", pg.dsn_text(), "--run-migrations", "--profile", profile.dir.str(),
                                     "--plugin", "nowhere"});
    CHECK(nowhere.exit_code == 2);
    CHECK(contains(nowhere.err, "names no migrations_table"));
    CHECK(pg.scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == "0");
}

TEST_CASE("check --plugin reports the plugin's applied migrations, and schema --plugin takes only such a report" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::Scratch db;
    PluginProfile profile;
    db.mysql.exec("CREATE TABLE db_migrations (Version bigint PRIMARY KEY, Name varchar(64) NOT NULL);"
                  "INSERT INTO db_migrations VALUES (1, 'create_posts');"
                  "CREATE TABLE posts (id int PRIMARY KEY, message text);"
                  "CREATE TABLE db_migrations_widgets (Version bigint PRIMARY KEY, Name varchar(64) NOT NULL);"
                  "INSERT INTO db_migrations_widgets VALUES (1, 'create_widget_items');"
                  "CREATE TABLE widget_items (id int PRIMARY KEY, label text)");
    m2pg::test::TempDir work("m2pg_plugin_reports");
    const std::string core_report = (work.path() / "core.json").string();
    const std::string plugin_report = (work.path() / "widgets.json").string();
    auto core_check = run_tool("m2pg", {"check", db.mysql.dsn_text(), "--profile", profile.dir.str(), "--output", core_report});
    INFO(core_check.out << core_check.err);
    REQUIRE(core_check.exit_code == 0);
    auto plugin_check = run_tool("m2pg", {"check", db.mysql.dsn_text(), "--profile", profile.dir.str(), "--plugin",
                                          "widgets", "--output", plugin_report});
    INFO(plugin_check.out << plugin_check.err);
    REQUIRE(plugin_check.exit_code == 0);
    CHECK(contains(read_text(plugin_report), "\"applied_migrations_table\": \"db_migrations_widgets\""));
    CHECK(contains(read_text(core_report), "\"applied_migrations_table\": \"db_migrations\""));

    auto core = run_tool("m2pg", {"schema", db.pg.dsn_text(), "--run-migrations", "--profile", profile.dir.str(),
                                  "--applied-migrations", core_report});
    REQUIRE(core.exit_code == 0);
    // The app's list would apply the app's versions from the plugin's folder: refused before any change.
    auto wrong = run_tool("m2pg", {"schema", db.pg.dsn_text(), "--run-migrations", "--profile", profile.dir.str(),
                                   "--plugin", "widgets", "--applied-migrations", core_report});
    CHECK(wrong.exit_code == 2);
    CHECK(contains(wrong.err, core_report + " lists the migrations recorded in db_migrations, and plugin widgets of "
                                            "profile app records its migrations in db_migrations_widgets"));
    CHECK(db.pg.scalar("SELECT to_regclass('widget_items') IS NULL") == "t");
    auto right = run_tool("m2pg", {"schema", db.pg.dsn_text(), "--run-migrations", "--profile", profile.dir.str(),
                                   "--plugin", "widgets", "--applied-migrations", plugin_report});
    INFO(right.out << right.err);
    CHECK(right.exit_code == 0);
    CHECK(db.pg.scalar("SELECT string_agg(version::text, ',') FROM db_migrations_widgets") == "1");
}
