// The shipped mattermost profile (migrations/mattermost/profile.toml) on the real Mattermost
// MySQL catalog: the core and each plugin are exactly the tables the facts say.
#include <doctest/doctest.h>

#include <set>

#include "corpora/corpus_loader.hpp"
#include "profile/profile.hpp"
#include "profile/scope.hpp"
#include "source/mysql/catalog.hpp"
#include "support/mattermost_plugin_tables.hpp"
#include "support/mattermost_schema.hpp"

namespace {

namespace corpora = m2pg::test::corpora;
namespace mm = m2pg::test::mattermost;

// The 71 tables of Mattermost v10.12's own MySQL migrations (the 72 they create, less
// TrueUpReviewHistory, which 000121 drops).
const std::set<std::string> kCoreTables = {
    "AccessControlPolicies", "AccessControlPolicyHistory", "Audits", "Bots", "ChannelBookmarks",
    "ChannelMemberHistory", "ChannelMembers", "Channels", "ClusterDiscovery", "CommandWebhooks", "Commands",
    "Compliances", "DesktopTokens", "Drafts", "Emoji", "FileInfo", "GroupChannels", "GroupMembers", "GroupTeams",
    "IncomingWebhooks", "Jobs", "Licenses", "LinkMetadata", "NotifyAdmin", "OAuthAccessData", "OAuthApps",
    "OAuthAuthData", "OutgoingOAuthConnections", "OutgoingWebhooks", "PersistentNotifications",
    "PluginKeyValueStore", "PostAcknowledgements", "PostReminders", "Posts", "PostsPriority", "Preferences",
    "ProductNoticeViewState", "PropertyFields", "PropertyGroups", "PropertyValues", "PublicChannels", "Reactions",
    "RecentSearches", "RemoteClusters", "RetentionIdsForDeletion", "RetentionPolicies", "RetentionPoliciesChannels",
    "RetentionPoliciesTeams", "Roles", "ScheduledPosts", "Schemes", "Sessions", "SharedChannelAttachments",
    "SharedChannelRemotes", "SharedChannelUsers", "SharedChannels", "SidebarCategories", "SidebarChannels", "Status",
    "Systems", "TeamMembers", "Teams", "TermsOfService", "ThreadMemberships", "Threads", "Tokens", "UploadSessions",
    "UserAccessTokens", "UserGroups", "UserTermsOfService", "Users"};

std::set<std::string> names(const m2pg::profile::Scope& scope) {
    std::set<std::string> out;
    for (const auto& t : scope.tables) out.insert(t.source->name);
    return out;
}

std::set<std::string> replaced(const m2pg::profile::Scope& scope) {
    std::set<std::string> out;
    for (const auto& t : scope.tables)
        if (t.replace) out.insert(t.source->name);
    return out;
}

std::set<std::string> with_prefix(const m2pg::model::Catalog& catalog, const std::string& prefix) {
    std::set<std::string> out;
    for (const auto& t : catalog.tables)
        if (t.name.rfind(prefix, 0) == 0) out.insert(t.name);
    return out;
}

std::string left_out_reason(const m2pg::profile::Scope& scope, const std::string& table) {
    for (const auto& l : scope.left_out)
        if (l.table == table) return l.reason;
    return "";
}

}  // namespace

TEST_CASE("the mattermost profile: its facts as the loader reads them") {
    const auto p = m2pg::profile::load_profile("mattermost");
    CHECK(p.name == "mattermost");
    CHECK(p.postgres_migrations.empty());  // Mattermost's own: --migrations-dir or --app-version
    CHECK(p.migrations_table == "db_migrations");
    REQUIRE(p.fetch);
    CHECK(p.fetch->repository == "https://github.com/mattermost/mattermost");
    CHECK(p.fetch->path == "server/channels/db/migrations/postgres");
    CHECK(p.fetch->paths_before.at("8.0") == "db/migrations/postgres");
    REQUIRE(p.artifacts.size() == 4);
    std::set<std::string> artifacts;
    for (const auto& a : p.artifacts) artifacts.insert(a.table + (a.column.empty() ? "" : "." + a.column));
    CHECK(artifacts == std::set<std::string>{"schema_migrations", "Threads.TeamId", "SharedChannelRemotes.Description",
                                             "SharedChannelRemotes.NextSyncAt"});
    REQUIRE(p.fulltext.size() == 2);
    CHECK(p.fulltext[0].name == "idx_posts_message_txt");
    CHECK(p.fulltext[1].name == "idx_fileinfo_content_txt");
    for (const auto& f : p.fulltext) CHECK(f.config == "english");
    const auto& calls = m2pg::profile::find_plugin(p, "calls");
    CHECK(calls.migrations_table == "db_migrations_calls");
    REQUIRE(calls.fetch);
    CHECK(calls.fetch->path == "server/db/migrations/postgres");
    CHECK(p.next_step.find("SqlSettings.DriverName") != std::string::npos);
    CHECK(p.next_step.find("{postgres_dsn}") != std::string::npos);
    CHECK(p.casts.at("IR_Incident.ChecklistsJSON") == "json");
}

TEST_CASE("the mattermost profile on the real Mattermost catalog: the core is the app's 71 tables, each plugin its own" *
          doctest::skip(corpora::skip_corpora())) {
    m2pg::test::MysqlScratch db;
    m2pg::test::MysqlSession session(db.dsn());
    mm::build_mysql_schema(session, mm::corpus(M2PG_CORPORA_DIR));
    mm::create_boards_tables(session);
    mm::create_playbooks_tables(session);
    // What real installs hold besides: morph's lock, golang-migrate's leftover, the database config store.
    db.exec("CREATE TABLE db_lock (Id varchar(64) NOT NULL, ExpireAt bigint(20) NOT NULL, PRIMARY KEY (Id))");
    db.exec("CREATE TABLE schema_migrations (version bigint(20) NOT NULL, dirty tinyint(1) NOT NULL, "
            "PRIMARY KEY (version))");
    db.exec("CREATE TABLE Configurations (Id varchar(26) NOT NULL, Value mediumtext NOT NULL, CreateAt bigint(20), "
            "Active tinyint(1) DEFAULT NULL, PRIMARY KEY (Id), UNIQUE KEY (Active))");
    db.exec("CREATE TABLE ConfigurationFiles (Name varchar(64) NOT NULL, Data mediumtext NOT NULL, CreateAt "
            "bigint(20) NOT NULL, UpdateAt bigint(20) NOT NULL, PRIMARY KEY (Name))");
    db.exec("CREATE TABLE db_config_migrations (Version bigint(20) NOT NULL, Name varchar(64) NOT NULL, "
            "PRIMARY KEY (Version))");

    const auto catalog = m2pg::source::mysql::read_catalog(db.dsn());
    const auto profile = m2pg::profile::load_profile("mattermost");
    using m2pg::profile::resolve_scope;

    const auto core = resolve_scope(catalog, &profile, {});
    CHECK(names(core) == kCoreTables);
    CHECK(replaced(core) == std::set<std::string>{"Systems"});
    CHECK(left_out_reason(core, "db_migrations") == "the app's migrations table");
    CHECK(left_out_reason(core, "db_lock") == "skip_tables");
    CHECK(left_out_reason(core, "schema_migrations") == "skip_tables");
    CHECK(left_out_reason(core, "Configurations").rfind("optional_tables", 0) == 0);
    CHECK(left_out_reason(core, "calls") == "plugin calls");
    CHECK(left_out_reason(core, "db_migrations_calls") == "plugin calls");
    CHECK(left_out_reason(core, "focalboard_blocks") == "plugin boards");
    CHECK(left_out_reason(core, "IR_Incident") == "plugin playbooks");
    CHECK(core.tables.size() + core.left_out.size() == catalog.tables.size());

    // The database config store moves only when asked.
    const auto asked = resolve_scope(catalog, &profile, {{"Configurations", "ConfigurationFiles"}, {}, ""});
    CHECK(names(asked) == std::set<std::string>{"ConfigurationFiles", "Configurations"});

    const auto calls = resolve_scope(catalog, &profile, {{}, {}, "calls"});
    CHECK(names(calls) ==
          std::set<std::string>{"calls", "calls_channels", "calls_jobs", "calls_sessions", "db_migrations_calls"});
    CHECK(replaced(calls) == std::set<std::string>{"calls_channels", "db_migrations_calls"});

    const auto boards = resolve_scope(catalog, &profile, {{}, {}, "boards"});
    CHECK(boards.tables.size() == 18);
    CHECK(names(boards) == with_prefix(catalog, "focalboard_"));
    CHECK(replaced(boards) == std::set<std::string>{"focalboard_schema_migrations"});

    const auto playbooks = resolve_scope(catalog, &profile, {{}, {}, "playbooks"});
    CHECK(playbooks.tables.size() == 15);
    CHECK(names(playbooks) == with_prefix(catalog, "IR_"));

    // Every table is in exactly one of: the core, a plugin, or left out by name.
    CHECK(core.tables.size() + calls.tables.size() + boards.tables.size() + playbooks.tables.size() + 6 ==
          catalog.tables.size());
}
