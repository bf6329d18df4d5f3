#include "run/steps.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "util/error.hpp"

using m2pg::run::build_steps;
using m2pg::run::RunOptions;
using m2pg::run::Step;
using m2pg::run::StepFacts;
using m2pg::run::StepName;
using Args = std::vector<std::string>;

namespace {

RunOptions options_without_passwords() {
    RunOptions o;
    o.mysql = "app@tcp(db:3306)/chat";
    o.postgres = "postgresql://app@pg:5432/chat";
    o.work_dir = "work";
    return o;
}

bool has(const std::vector<std::string>& args, const std::string& word) {
    return std::find(args.begin(), args.end(), word) != args.end();
}

const Step& step(const std::vector<Step>& steps, StepName name) { return steps.at(static_cast<std::size_t>(name)); }

}  // namespace

TEST_CASE("without a profile the schema and the indexes come from the MySQL catalog") {
    auto steps = build_steps(options_without_passwords(), {});
    REQUIRE(steps.size() == 5);
    CHECK(step(steps, StepName::Check).args ==
          Args{"app@tcp(db:3306)/chat", "--output", "work/check-report.json", "--force"});
    CHECK_FALSE(step(steps, StepName::Check).writes);
    CHECK(step(steps, StepName::Schema).args ==
          Args{"postgresql://app@pg:5432/chat", "--from-mysql", "app@tcp(db:3306)/chat"});
    CHECK(step(steps, StepName::Copy).args ==
          Args{"--mysql", "app@tcp(db:3306)/chat", "--postgres", "postgresql://app@pg:5432/chat", "--yes", "--with-indexes"});
    CHECK(step(steps, StepName::Index).args ==
          Args{"postgresql://app@pg:5432/chat", "--from-mysql", "app@tcp(db:3306)/chat", "--create-indexes"});
    CHECK(step(steps, StepName::Verify).args ==
          Args{"--mysql", "app@tcp(db:3306)/chat", "--postgres", "postgresql://app@pg:5432/chat"});
    CHECK_FALSE(step(steps, StepName::Verify).writes);
    for (const auto& s : steps) CHECK(s.env.empty());
}

TEST_CASE("with a profile schema runs the app's migrations from check's report and every step gets the profile") {
    auto o = options_without_passwords();
    o.profile = "chat";
    o.jobs = 8;
    auto steps = build_steps(o, {});
    CHECK(step(steps, StepName::Check).args ==
          Args{"app@tcp(db:3306)/chat", "--profile", "chat", "--output", "work/check-report.json", "--force"});
    CHECK(step(steps, StepName::Schema).args == Args{"postgresql://app@pg:5432/chat", "--run-migrations", "--profile",
                                                     "chat", "--applied-migrations", "work/check-report.json"});
    CHECK(step(steps, StepName::Copy).args == Args{"--mysql", "app@tcp(db:3306)/chat", "--postgres",
                                                   "postgresql://app@pg:5432/chat", "--profile", "chat", "--yes",
                                                   "--with-indexes", "--jobs", "8"});
    // The app's migrations own its indexes and keys: no MySQL catalog for the index step.
    CHECK(step(steps, StepName::Index).args ==
          Args{"postgresql://app@pg:5432/chat", "--profile", "chat", "--create-indexes"});
    CHECK(step(steps, StepName::Verify).args == Args{"--mysql", "app@tcp(db:3306)/chat", "--postgres",
                                                     "postgresql://app@pg:5432/chat", "--profile", "chat"});
}

TEST_CASE("fix flags go to check with --apply, and make check a step that writes") {
    auto o = options_without_passwords();
    o.profile = "chat";
    o.fix_artifacts = true;
    o.fix_unicode = true;
    o.fix_varchar = true;
    o.truncate = true;
    auto check = step(build_steps(o, {}), StepName::Check);
    CHECK(check.args == Args{"app@tcp(db:3306)/chat", "--profile", "chat", "--output", "work/check-report.json",
                             "--force", "--fix-artifacts", "--fix-unicode", "--fix-varchar", "--truncate", "--apply"});
    CHECK(check.writes);

    auto only_unicode = options_without_passwords();
    only_unicode.fix_unicode = true;
    auto args = step(build_steps(only_unicode, {}), StepName::Check).args;
    CHECK(has(args, "--fix-unicode"));
    CHECK(has(args, "--apply"));
    CHECK_FALSE(has(args, "--fix-varchar"));
    CHECK_FALSE(has(args, "--fix-artifacts"));
}

TEST_CASE("copy gets --resume only when an earlier copy into the target stopped part-way") {
    auto o = options_without_passwords();
    CHECK_FALSE(has(step(build_steps(o, StepFacts{false}), StepName::Copy).args, "--resume"));
    CHECK(has(step(build_steps(o, StepFacts{true}), StepName::Copy).args, "--resume"));
    // Nothing else depends on it.
    CHECK_FALSE(has(step(build_steps(o, StepFacts{true}), StepName::Verify).args, "--resume"));
}

TEST_CASE("passwords leave the DSNs for the environment of exactly the steps that connect with them") {
    auto o = options_without_passwords();
    o.mysql = "app:my-s3cret@tcp(db:3306)/chat";
    o.postgres = "postgresql://app:pg%40s3cret@pg:5432/chat";
    auto steps = build_steps(o, {});
    for (const auto& s : steps) {
        for (const auto& arg : s.args) {
            CHECK(arg.find("my-s3cret") == std::string::npos);
            CHECK(arg.find("s3cret") == std::string::npos);
        }
        CHECK(m2pg::run::command_text("/bin/" + m2pg::run::tool_name(s.name), s).find("s3cret") == std::string::npos);
    }
    using Env = m2pg::run::Environment;
    CHECK(step(steps, StepName::Check).env == Env{{"MYSQL_PWD", "my-s3cret"}});
    CHECK(step(steps, StepName::Schema).env == Env{{"MYSQL_PWD", "my-s3cret"}, {"PGPASSWORD", "pg@s3cret"}});
    CHECK(step(steps, StepName::Copy).env == Env{{"MYSQL_PWD", "my-s3cret"}, {"PGPASSWORD", "pg@s3cret"}});
    // Without a profile index reads the MySQL catalog as well.
    CHECK(step(steps, StepName::Index).env == Env{{"MYSQL_PWD", "my-s3cret"}, {"PGPASSWORD", "pg@s3cret"}});
    CHECK(step(steps, StepName::Verify).env == Env{{"MYSQL_PWD", "my-s3cret"}, {"PGPASSWORD", "pg@s3cret"}});
    CHECK(step(steps, StepName::Copy).args.at(1) == "app@tcp(db:3306)/chat");
    CHECK(step(steps, StepName::Copy).args.at(3) == "postgresql://app@pg:5432/chat");

    // With a profile, schema and index never connect to MySQL: they do not get its password.
    o.profile = "chat";
    auto with_profile = build_steps(o, {});
    CHECK(step(with_profile, StepName::Schema).env == Env{{"PGPASSWORD", "pg@s3cret"}});
    CHECK(step(with_profile, StepName::Index).env == Env{{"PGPASSWORD", "pg@s3cret"}});
}

TEST_CASE("options no step could run with are refused before anything runs") {
    auto o = options_without_passwords();
    o.truncate = true;
    CHECK_THROWS_AS(build_steps(o, {}), m2pg::UsageError);
    o = options_without_passwords();
    o.fix_artifacts = true;  // the profile lists the artifacts
    CHECK_THROWS_WITH_AS(build_steps(o, {}), doctest::Contains("--fix-artifacts needs --profile"), m2pg::UsageError);
    o = options_without_passwords();
    o.mysql = "app@tcp(db:3306)/";
    CHECK_THROWS_WITH_AS(build_steps(o, {}), doctest::Contains("names no database"), m2pg::UsageError);
    o = options_without_passwords();
    o.postgres = "app@tcp(db:3306)/chat";
    CHECK_THROWS_AS(build_steps(o, {}), m2pg::UsageError);
    o = options_without_passwords();
    o.jobs = 0;
    CHECK_THROWS_AS(build_steps(o, {}), m2pg::UsageError);
}

TEST_CASE("step names parse and number in pipeline order, and name their tools") {
    CHECK(m2pg::run::tool_name(StepName::Check) == "m2pg-check");
    CHECK(m2pg::run::tool_name(StepName::Verify) == "m2pg-verify");
    CHECK(m2pg::run::parse_step_name("copy") == StepName::Copy);
    CHECK(m2pg::run::step_number(StepName::Check) == 1);
    CHECK(m2pg::run::step_number(StepName::Verify) == 5);
    CHECK_THROWS_WITH_AS(m2pg::run::parse_step_name("load"), doctest::Contains("expected check, schema"),
                         m2pg::UsageError);
}

TEST_CASE("commands are shown as a shell would read them, with passwords as ***") {
    using m2pg::run::shell_quote;
    CHECK(shell_quote("--yes") == "--yes");
    CHECK(shell_quote("app@tcp(db:3306)/chat") == "'app@tcp(db:3306)/chat'");
    CHECK(shell_quote("host=h dbname='x'") == "'host=h dbname='\\''x'\\'''");
    CHECK(shell_quote("") == "''");
    Step s{StepName::Check, {"a b", "--force"}, {{"MYSQL_PWD", "hunter22"}}, false, ""};
    CHECK(m2pg::run::command_text("/opt/m2pg/m2pg-check", s) == "MYSQL_PWD=*** /opt/m2pg/m2pg-check 'a b' --force");
}

TEST_CASE("--migrations-dir and --app-version go to schema with the profile, and need one") {
    auto o = options_without_passwords();
    o.profile = "mattermost";
    o.migrations_dir = "/srv/mattermost/postgres";
    o.app_version = "10.12";
    CHECK(step(build_steps(o, {}), StepName::Schema).args ==
          Args{"postgresql://app@pg:5432/chat", "--run-migrations", "--profile", "mattermost", "--applied-migrations",
               "work/check-report.json", "--migrations-dir", "/srv/mattermost/postgres", "--app-version", "10.12"});
    // check compares the data with the columns those migrations make.
    CHECK(step(build_steps(o, {}), StepName::Check).args ==
          Args{"app@tcp(db:3306)/chat", "--profile", "mattermost", "--migrations-dir", "/srv/mattermost/postgres",
               "--output", "work/check-report.json", "--force"});
    // Without a folder, check compares with the release's migrations, fetched as schema fetches them.
    auto fetched = o;
    fetched.migrations_dir.clear();
    CHECK(step(build_steps(fetched, {}), StepName::Check).args ==
          Args{"app@tcp(db:3306)/chat", "--profile", "mattermost", "--app-version", "10.12", "--output",
               "work/check-report.json", "--force"});
    o.profile.clear();
    CHECK_THROWS_WITH_AS(build_steps(o, {}), doctest::Contains("--migrations-dir needs --profile"), m2pg::UsageError);
    o.migrations_dir.clear();
    CHECK_THROWS_WITH_AS(build_steps(o, {}), doctest::Contains("--app-version needs --profile"), m2pg::UsageError);
}

TEST_CASE("--plugin NAME: every step gets it; a plugin with migrations gets them from check's report of its own") {
    auto o = options_without_passwords();
    o.profile = "mattermost";
    o.plugin = "calls";
    o.migrations_dir = "/srv/calls/postgres";
    StepFacts facts;
    facts.plugin_migrations = true;
    auto steps = build_steps(o, facts);
    CHECK(step(steps, StepName::Check).args ==
          Args{"app@tcp(db:3306)/chat", "--profile", "mattermost", "--plugin", "calls", "--migrations-dir",
               "/srv/calls/postgres", "--output", "work/check-report.json", "--force"});
    CHECK(step(steps, StepName::Schema).args ==
          Args{"postgresql://app@pg:5432/chat", "--run-migrations", "--profile", "mattermost", "--plugin", "calls",
               "--applied-migrations", "work/check-report.json", "--migrations-dir", "/srv/calls/postgres"});
    CHECK(step(steps, StepName::Schema).nothing_to_do.empty());
    CHECK(step(steps, StepName::Copy).args == Args{"--mysql", "app@tcp(db:3306)/chat", "--postgres",
                                                   "postgresql://app@pg:5432/chat", "--profile", "mattermost",
                                                   "--plugin", "calls", "--yes", "--with-indexes"});
    CHECK(step(steps, StepName::Index).args == Args{"postgresql://app@pg:5432/chat", "--profile", "mattermost",
                                                    "--plugin", "calls", "--create-indexes"});
    CHECK(step(steps, StepName::Verify).args == Args{"--mysql", "app@tcp(db:3306)/chat", "--postgres",
                                                     "postgresql://app@pg:5432/chat", "--profile", "mattermost",
                                                     "--plugin", "calls"});
}

TEST_CASE("--plugin NAME without migrations: no schema step, copy creates the tables, index takes MySQL's keys") {
    auto o = options_without_passwords();
    o.profile = "mattermost";
    o.plugin = "playbooks";
    auto steps = build_steps(o, {});
    const Step& schema = step(steps, StepName::Schema);
    CHECK(schema.nothing_to_do.find("plugin playbooks ships no Postgres migrations") != std::string::npos);
    CHECK_FALSE(schema.writes);
    CHECK(step(steps, StepName::Copy).args == Args{"--mysql", "app@tcp(db:3306)/chat", "--postgres",
                                                   "postgresql://app@pg:5432/chat", "--profile", "mattermost",
                                                   "--plugin", "playbooks", "--create-tables", "--yes",
                                                   "--with-indexes"});
    CHECK(step(steps, StepName::Index).args ==
          Args{"postgresql://app@pg:5432/chat", "--profile", "mattermost", "--plugin", "playbooks", "--from-mysql",
               "app@tcp(db:3306)/chat", "--create-indexes"});
    o.profile.clear();
    CHECK_THROWS_WITH_AS(build_steps(o, {}), doctest::Contains("--plugin needs --profile"), m2pg::UsageError);
}

TEST_CASE("a plugin has migrations when the profile ships them, --migrations-dir gives them or --app-version fetches them") {
    m2pg::profile::Profile p;
    p.name = "app";
    p.plugins["shipped"].postgres_migrations = "/usr/share/m2pg/migrations/app/shipped";
    p.plugins["fetched"].fetch = m2pg::profile::FetchSource{"https://example.com/fetched", "v{version}", "pg", {}};
    p.plugins["none"];
    auto o = options_without_passwords();
    o.plugin = "shipped";
    CHECK(m2pg::run::plugin_has_migrations(p, o));
    o.plugin = "fetched";
    CHECK_FALSE(m2pg::run::plugin_has_migrations(p, o));
    o.app_version = "1.2";
    CHECK(m2pg::run::plugin_has_migrations(p, o));
    o.plugin = "none";
    CHECK_THROWS_WITH_AS(m2pg::run::plugin_has_migrations(p, o), doctest::Contains("says nowhere to fetch"),
                         m2pg::UsageError);
    o.app_version.clear();
    CHECK_FALSE(m2pg::run::plugin_has_migrations(p, o));
    o.migrations_dir = "/srv/none/postgres";
    CHECK(m2pg::run::plugin_has_migrations(p, o));
    o.plugin = "other";
    CHECK_THROWS_WITH_AS(m2pg::run::plugin_has_migrations(p, o), doctest::Contains("has no plugin 'other'"),
                         m2pg::UsageError);
}

TEST_CASE("each plugin's run keeps its own work directory by default") {
    CHECK(m2pg::run::default_work_dir("") == "m2pg-run");
    CHECK(m2pg::run::default_work_dir("calls") == "m2pg-run-calls");
}

TEST_CASE("--plugin NAME --app-version X: check and schema both take the plugin release's migrations") {
    auto o = options_without_passwords();
    o.profile = "mattermost";
    o.plugin = "calls";
    o.app_version = "1.7.0";
    StepFacts facts;
    facts.plugin_migrations = true;
    const auto steps = build_steps(o, facts);
    CHECK(step(steps, StepName::Check).args ==
          Args{"app@tcp(db:3306)/chat", "--profile", "mattermost", "--plugin", "calls", "--app-version", "1.7.0",
               "--output", "work/check-report.json", "--force"});
    CHECK(step(steps, StepName::Schema).args ==
          Args{"postgresql://app@pg:5432/chat", "--run-migrations", "--profile", "mattermost", "--plugin", "calls",
               "--applied-migrations", "work/check-report.json", "--app-version", "1.7.0"});
}
