#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "profile/profile.hpp"
#include "util/error.hpp"

namespace fs = std::filesystem;

namespace {
fs::path write_profile(const std::string& text) {
    fs::path dir = fs::temp_directory_path() / ("m2pg_profile_" + std::to_string(::getpid()) + "_" +
                                                std::to_string(std::rand()));
    fs::create_directories(dir);
    std::ofstream(dir / "profile.toml") << text;
    return dir;
}
}  // namespace

TEST_CASE("the shipped chat profile loads with its migrations, artifacts, full-text indexes and plugins") {
    auto p = m2pg::profile::load_profile("chat");
    CHECK(p.name == "chat");
    CHECK(p.postgres_migrations.filename() == "postgres");
    CHECK(p.mysql_migrations.filename() == "mysql");
    CHECK(fs::is_directory(p.mysql_migrations));
    CHECK(p.migrations_table == "db_migrations");
    CHECK(m2pg::profile::version_for_app(p, "2.0") == 5);
    REQUIRE(p.artifacts.size() == 2);
    CHECK(p.artifacts[0].kind == m2pg::profile::ArtifactKind::Table);
    CHECK(p.artifacts[1].column == "RemoteId");
    REQUIRE(p.fulltext.size() == 4);
    CHECK(p.fulltext[0].columns == std::vector<std::string>{"message"});
    CHECK(p.fulltext[0].config == "english");
    CHECK(m2pg::profile::find_plugin(p, "calls").tables == std::vector<std::string>{"calls_*"});
    CHECK(m2pg::profile::matches_any(p.skip_tables, "SCHEMA_MIGRATIONS"));
    CHECK_FALSE(m2pg::profile::matches_any(p.skip_tables, "Posts"));
    CHECK(p.casts.at("LegacyImports.YearSeen") == "integer");
}

TEST_CASE("an unknown profile, app version or plugin is a usage error listing the known ones") {
    try {
        m2pg::profile::load_profile("no-such-profile");
        FAIL("loaded a missing profile");
    } catch (const m2pg::UsageError& e) {
        CHECK(std::string(e.what()).find("chat") != std::string::npos);
    }
    auto p = m2pg::profile::load_profile("chat");
    CHECK_THROWS_WITH_AS(m2pg::profile::version_for_app(p, "9.9"),
                         doctest::Contains("known: 1.0, 1.1, 2.0, 2.1"), m2pg::UsageError);
    CHECK_THROWS_WITH_AS(m2pg::profile::find_plugin(p, "jira"), doctest::Contains("boards, calls, playbooks"),
                         m2pg::UsageError);
}

TEST_CASE("[empty_json] columns lists the text columns where '' is written as {}") {
    auto dir = write_profile("name = \"x\"\n[empty_json]\ncolumns = [\"focalboard_*.fields\", \"T.c\"]\n");
    auto p = m2pg::profile::load_profile(dir.string());
    CHECK(p.empty_json_columns == std::vector<std::string>{"focalboard_*.fields", "T.c"});
    CHECK(m2pg::profile::load_profile("chat").empty_json_columns.empty());
    fs::remove_all(dir);
}

TEST_CASE("a malformed profile names the file and the problem") {
    auto dir = write_profile("name = \"x\"\n[[artifacts]]\nkind = \"trigger\"\ntable = \"t\"\n");
    CHECK_THROWS_WITH_AS(m2pg::profile::load_profile(dir.string()), doctest::Contains("artifact kind 'trigger'"),
                         m2pg::UsageError);
    auto broken = write_profile("name = \n");
    CHECK_THROWS_WITH_AS(m2pg::profile::load_profile(broken.string()), doctest::Contains("profile.toml"),
                         m2pg::UsageError);
    auto no_column = write_profile("[[artifacts]]\nkind = \"column\"\ntable = \"t\"\n");
    CHECK_THROWS_WITH_AS(m2pg::profile::load_profile(no_column.string()), doctest::Contains("has no column"),
                         m2pg::UsageError);
    fs::remove_all(dir);
    fs::remove_all(broken);
    fs::remove_all(no_column);
}

TEST_CASE("fetch sources, a plugin's own migrations folder and the next step are read, and a tag needs {version}") {
    auto dir = write_profile(
        "next_step = \"\"\"\nSet DriverName, DSN {postgres_dsn}.\"\"\"\n"
        "[migrations]\n[migrations.fetch]\nrepository = \"file:///srv/app.git\"\npath = \"db/pg\"\n"
        "paths_before = { \"2.0\" = \"old/pg\" }\n"
        "[plugins.calls]\ntables = [\"calls\"]\npostgres_dir = \"calls-pg\"\n"
        "[plugins.calls.fetch]\nrepository = \"https://example.com/calls\"\ntag = \"release-{version}\"\npath = \"pg\"\n");
    const auto p = m2pg::profile::load_profile(dir.string());
    REQUIRE(p.fetch);
    CHECK(p.fetch->repository == "file:///srv/app.git");
    CHECK(p.fetch->tag == "v{version}");  // the default
    CHECK(p.fetch->path == "db/pg");
    CHECK(p.fetch->paths_before.at("2.0") == "old/pg");
    CHECK(p.next_step == "Set DriverName, DSN {postgres_dsn}.");
    const auto& calls = m2pg::profile::find_plugin(p, "calls");
    CHECK(calls.postgres_migrations == fs::weakly_canonical(dir / "calls-pg"));
    REQUIRE(calls.fetch);
    CHECK(calls.fetch->tag == "release-{version}");
    CHECK_FALSE(m2pg::profile::load_profile("chat").fetch);

    auto no_version = write_profile("[migrations]\n[migrations.fetch]\nrepository = \"r\"\npath = \"p\"\ntag = \"v1\"\n");
    CHECK_THROWS_WITH_AS(m2pg::profile::load_profile(no_version.string()), doctest::Contains("has no {version}"),
                         m2pg::UsageError);
    auto no_path = write_profile("[migrations]\n[migrations.fetch]\nrepository = \"r\"\n");
    CHECK_THROWS_WITH_AS(m2pg::profile::load_profile(no_path.string()), doctest::Contains("profile.toml"),
                         m2pg::UsageError);
    fs::remove_all(dir);
    fs::remove_all(no_version);
    fs::remove_all(no_path);
}

TEST_CASE("a key the loader does not read is an error naming it, its table and the file") {
    // The mistake that did nothing: next_step written below [migrations] belongs to that table.
    auto misplaced = write_profile("name = \"x\"\n[migrations]\ntable = \"db_migrations\"\nnext_step = \"switch\"\n");
    const std::string file = (misplaced / "profile.toml").string();
    CHECK_THROWS_WITH_AS(m2pg::profile::load_profile(misplaced.string()),
                         doctest::Contains(("profile " + file + ": unknown key 'next_step' in [migrations] (its keys: "
                                            "postgres_dir, mysql_dir, table, version_column, name_column, fetch); "
                                            "next_step is a top-level key: put it above the first [table] header")
                                               .c_str()),
                         m2pg::UsageError);
    auto misspelt = write_profile("name = \"x\"\nskip_table = [\"db_lock\"]\n");
    CHECK_THROWS_WITH_AS(m2pg::profile::load_profile(misspelt.string()),
                         doctest::Contains("unknown key 'skip_table' in the top level"), m2pg::UsageError);
    // Every table of the format is held to its keys.
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"[migrations]\n[migrations.fetch]\nrepository = \"r\"\npath = \"p\"\nbranch = \"main\"\n",
         "unknown key 'branch' in [migrations.fetch]"},
        {"[[artifacts]]\nkind = \"table\"\ntable = \"a\"\n[[artifacts]]\nkind = \"table\"\ntable = \"b\"\nwhy = \"old\"\n",
         "unknown key 'why' in [[artifacts]] number 2"},
        {"[[fulltext]]\ntable = \"posts\"\nname = \"i\"\ncolumns = [\"m\"]\nlanguage = \"english\"\n",
         "unknown key 'language' in [[fulltext]] number 1"},
        {"[plugins.calls]\ntables = [\"calls\"]\nmigration_table = \"db_migrations_calls\"\n",
         "unknown key 'migration_table' in [plugins.calls]"},
        {"[plugins.calls]\ntables = [\"calls\"]\n[plugins.calls.fetch]\nrepository = \"r\"\npath = \"p\"\nref = \"x\"\n",
         "unknown key 'ref' in [plugins.calls.fetch]"},
        {"[empty_json]\ncolumn = [\"T.c\"]\n", "unknown key 'column' in [empty_json]"},
    };
    for (const auto& [text, message] : cases) {
        CAPTURE(text);
        CHECK_THROWS_WITH_AS(m2pg::profile::load_profile(write_profile(text).string()), doctest::Contains(message.c_str()),
                             m2pg::UsageError);
    }
    // Tables whose keys are the user's own (releases, columns, plugin names, releases of a path) take any.
    auto free = write_profile("[app_versions]\n\"9.9\" = 3\n[casts]\n\"T.c\" = \"json\"\n[plugins.anything]\ntables = "
                              "[\"a_*\"]\n[migrations]\n[migrations.fetch]\nrepository = \"r\"\npath = \"p\"\n"
                              "paths_before = { \"8.0\" = \"q\" }\n");
    CHECK_NOTHROW(m2pg::profile::load_profile(free.string()));
}
