// m2pg schema --app-version X with the mattermost profile: the app's Postgres migrations of
// release X fetched like migration-assist does (shallow sparse git clone of tag vX), from a
// local git repository standing in for github.com/mattermost/mattermost, into a cache.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "support/servers.hpp"
#include "temp_dir.hpp"
#include "util/command.hpp"

namespace fs = std::filesystem;
using m2pg::test::run_tool;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

void git(const fs::path& repo, std::vector<std::string> args) {
    args.insert(args.begin(), {"git", "-C", repo.string(), "-c", "user.name=m2pg", "-c", "user.email=m2pg@example.com"});
    const auto r = m2pg::util::run_command(args);
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
}

// An app repository with two releases: v7.10.0 keeps its migrations in db/migrations/postgres,
// v10.12.0 in server/channels/db/migrations/postgres (Mattermost moved them in 8.0).
struct AppRepository {
    m2pg::test::TempDir dir{"m2pg_app_repo"};
    fs::path repo = dir.path() / "mattermost";
    fs::path cache = dir.path() / "cache";

    AppRepository() {
        fs::create_directories(repo / "db/migrations/postgres");
        git(repo, {"init", "--quiet"});
        write("db/migrations/postgres/000001_create_teams.up.sql", "CREATE TABLE teams (id varchar(26) PRIMARY KEY);");
        write("db/migrations/postgres/000001_create_teams.down.sql", "DROP TABLE teams;");
        write("README.md", "not a migration");
        git(repo, {"add", "-A"});
        git(repo, {"commit", "--quiet", "-m", "7.10"});
        git(repo, {"tag", "v7.10.0"});
        fs::create_directories(repo / "server/channels/db/migrations/postgres");
        fs::rename(repo / "db/migrations/postgres/000001_create_teams.up.sql",
                   repo / "server/channels/db/migrations/postgres/000001_create_teams.up.sql");
        write("server/channels/db/migrations/postgres/000002_create_posts.up.sql",
              "CREATE TABLE posts (id varchar(26) PRIMARY KEY, message text);");
        git(repo, {"add", "-A"});
        git(repo, {"commit", "--quiet", "-m", "10.12"});
        git(repo, {"tag", "v10.12.0"});
    }
    void write(const std::string& name, const std::string& text) const { dir.write("mattermost/" + name, text); }
    std::string url() const { return "file://" + repo.string(); }
    std::vector<std::pair<std::string, std::string>> env() const {
        return {{"M2PG_APP_REPOSITORY", url()}, {"M2PG_CACHE_DIR", cache.string()}};
    }
};

std::vector<std::string> schema_args(const std::string& dsn, std::vector<std::string> more) {
    std::vector<std::string> args = {"schema", dsn, "--run-migrations", "--profile", "mattermost"};
    args.insert(args.end(), more.begin(), more.end());
    return args;
}

}  // namespace

TEST_CASE("--app-version fetches the release's Postgres migrations from the app's repository into a cache" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::PgScratch pg;
    AppRepository app;

    auto fetched = run_tool("m2pg", schema_args(pg.dsn_text(), {"--app-version", "10.12"}), app.env());
    INFO(fetched.err);
    REQUIRE(fetched.exit_code == 0);
    CHECK(contains(fetched.err, "fetching server/channels/db/migrations/postgres of v10.12.0 from " + app.url()));
    CHECK(contains(fetched.out, "applied 000002_create_posts ("));
    CHECK(pg.scalar("SELECT string_agg(version || ' ' || name, ',' ORDER BY version) FROM db_migrations") ==
          "1 create_teams,2 create_posts");
    // Only the migrations folder is kept, whole.
    const fs::path cached = app.cache / "migrations";
    std::size_t files = 0;
    for (const auto& entry : fs::recursive_directory_iterator(cached))
        if (entry.is_regular_file()) {
            ++files;
            CHECK(entry.path().filename().string().find(".up.sql") != std::string::npos);
        }
    CHECK(files == 2);

    // A second run reads the cache: the repository may be gone (air-gapped after one fetch).
    fs::remove_all(app.repo);
    m2pg::test::PgScratch again;
    auto from_cache =
        run_tool("m2pg", schema_args(again.dsn_text(), {"--mattermost-version", "v10.12.0"}), app.env());
    INFO(from_cache.err);
    CHECK(from_cache.exit_code == 0);
    CHECK(contains(from_cache.err, "using the migrations of v10.12.0 cached in "));
    CHECK(again.scalar("SELECT count(*) FROM db_migrations") == "2");
}

TEST_CASE("--app-version before 8.0 takes db/migrations/postgres, and --app-repository wins over the environment" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::PgScratch pg;
    AppRepository app;
    auto old = run_tool("m2pg",
                        schema_args(pg.dsn_text(), {"--app-version", "7.10", "--app-repository", app.url()}),
                        {{"M2PG_APP_REPOSITORY", "file:///nonexistent/repository"}, {"M2PG_CACHE_DIR", app.cache.string()}});
    INFO(old.err);
    REQUIRE(old.exit_code == 0);
    CHECK(contains(old.err, "fetching db/migrations/postgres of v7.10.0"));
    CHECK(pg.scalar("SELECT string_agg(version || ' ' || name, ',') FROM db_migrations") == "1 create_teams");
}

TEST_CASE("--app-version without network, or of a release the repository lacks, says to use --migrations-dir" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::PgScratch pg;
    AppRepository app;

    // Port 9 of the loopback refuses at once: what an air-gapped host sees.
    auto offline = run_tool("m2pg", schema_args(pg.dsn_text(), {"--app-version", "10.12"}),
                            {{"M2PG_APP_REPOSITORY", "https://127.0.0.1:9/mattermost/mattermost"},
                             {"M2PG_CACHE_DIR", app.cache.string()}});
    CHECK(offline.exit_code == 2);
    CHECK(contains(offline.err, "could not clone tag v10.12.0 of https://127.0.0.1:9/mattermost/mattermost"));
    CHECK(contains(offline.err, "without network access, fetch them elsewhere (the folder "
                                "server/channels/db/migrations/postgres of tag v10.12.0 of "
                                "https://127.0.0.1:9/mattermost/mattermost) and give them with --migrations-dir DIR"));

    auto no_tag = run_tool("m2pg", schema_args(pg.dsn_text(), {"--app-version", "9.9"}), app.env());
    CHECK(no_tag.exit_code == 2);
    CHECK(contains(no_tag.err, "could not clone tag v9.9.0"));
    CHECK(contains(no_tag.err, "--migrations-dir DIR"));
    // Nothing half-fetched is left in the cache, and the target is untouched.
    if (fs::exists(app.cache))
        for (const auto& entry : fs::recursive_directory_iterator(app.cache)) {
            const std::string name = entry.path().filename().string();
            CHECK_MESSAGE((name != "v9.9.0" && name.rfind(".fetch-", 0) != 0), entry.path());
        }
    CHECK(pg.scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == "0");

    auto both = run_tool("m2pg", schema_args(pg.dsn_text(), {"--app-version", "10.12", "--migrations-dir", "/tmp"}),
                         app.env());
    CHECK(both.exit_code == 2);
    CHECK(contains(both.err, "give one"));

    auto none = run_tool("m2pg", schema_args(pg.dsn_text(), {}), app.env());
    CHECK(none.exit_code == 2);
    CHECK(contains(none.err, "give the app's own with --migrations-dir DIR, or --app-version X to fetch those of "
                             "release X"));
}

TEST_CASE("m2pg check --app-version compares the data with the release's migrations, fetched once like schema's" *
          doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::MysqlScratch mysql;
    AppRepository app;
    mysql.exec("CREATE TABLE Posts (Id VARCHAR(40) PRIMARY KEY, Message TEXT)");
    mysql.exec("INSERT INTO Posts VALUES ('an-id-longer-than-twenty-six-characters', 'hello'), ('short', 'x')");
    const std::vector<std::string> args = {"check", mysql.dsn_text(), "--profile", "mattermost", "--app-version", "10.12"};

    auto r = run_tool("m2pg", args, app.env());
    INFO(r.err);
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, "fetching server/channels/db/migrations/postgres of v10.12.0"));
    CHECK(contains(r.err, "[value_too_long] Posts.Id"));
    CHECK(contains(r.err, "varchar(26)"));
    // The second run reads the cache: the repository is gone.
    fs::remove_all(app.repo);
    r = run_tool("m2pg", args, app.env());
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, "[value_too_long] Posts.Id"));
    CHECK_FALSE(contains(r.err, "fetching"));
}
