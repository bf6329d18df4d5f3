// Integrations and the rest of the app's features: webhooks, slash commands, OAuth, custom
// emoji, plugin key-values, uploads, shared channels, data retention, properties and
// access-control policies.
#include <string>

#include "support/mattermost_world.hpp"

namespace m2pg::test::mattermost {

void seed_apps(World& w) {
    Rng rng = w.stream(5);
    const std::string& admin = w.users[0];
    const std::string& team = w.teams[0];
    const std::string& channel = w.channels[0].id;

    Inserter incoming(w.session, "IncomingWebhooks",
                      {"Id", "CreateAt", "UpdateAt", "DeleteAt", "UserId", "ChannelId", "TeamId", "DisplayName",
                       "Description", "Username", "IconURL", "ChannelLocked"});
    Inserter outgoing(w.session, "OutgoingWebhooks",
                      {"Id", "Token", "CreateAt", "UpdateAt", "DeleteAt", "CreatorId", "ChannelId", "TeamId",
                       "TriggerWords", "CallbackURLs", "DisplayName", "ContentType", "TriggerWhen", "Username",
                       "IconURL", "Description"});
    Inserter commands(w.session, "Commands",
                      {"Id", "Token", "CreateAt", "UpdateAt", "DeleteAt", "CreatorId", "TeamId", "Trigger", "Method",
                       "Username", "IconURL", "AutoComplete", "AutoCompleteDesc", "AutoCompleteHint", "DisplayName",
                       "Description", "URL", "PluginId"});
    Inserter command_hooks(w.session, "CommandWebhooks",
                           {"Id", "CreateAt", "CommandId", "UserId", "ChannelId", "RootId", "UseCount"});
    for (int i = 0; i < 3; ++i) {
        const std::int64_t at = w.tick(rng);
        incoming.text(new_id(rng)).number(at).number(at).number(0).text(admin).text(channel).text(team)
            .text(i == 1 ? "Jenkins — Bauserver" : "GitLab").text("Build results, one post per pipeline 🚦")
            .text(i == 1 ? "jenkins" : "").text("https://ci.example.com/static/icon.png").boolean(i == 2);
        incoming.end_row();
        outgoing.text(new_id(rng)).text(new_id(rng)).number(at).number(at).number(0).text(admin).text(channel)
            .text(team).text("deploy,rollback,откат").text("https://bot.example.com/hooks/" + new_id(rng))
            .text("Deploy bot").text("application/json").number(i % 2).text("").text("").text("Answers deploy questions");
        outgoing.end_row();
        const std::string command = new_id(rng);
        commands.text(command).text(new_id(rng)).number(at).number(at).number(0).text(admin).text(team)
            .text(i == 0 ? "jira" : i == 1 ? "weather" : "oncall").text(i == 1 ? "G" : "P").text("")
            .text("https://apps.example.com/icon.svg").boolean(true).text("Create and search issues")
            .text("[create|search] text").text("Jira").text("").text("https://apps.example.com/slash/" + std::to_string(i))
            .text(i == 2 ? "com.mattermost.plugin-incident-management" : "");
        commands.end_row();
        command_hooks.text(new_id(rng)).number(at).text(command).text(admin).text(channel).text("").number(i);
        command_hooks.end_row();
    }
    w.finish("IncomingWebhooks", incoming);
    w.finish("OutgoingWebhooks", outgoing);
    w.finish("Commands", commands);
    w.finish("CommandWebhooks", command_hooks);

    Inserter apps(w.session, "OAuthApps", {"Id", "CreatorId", "CreateAt", "UpdateAt", "ClientSecret", "Name",
                                           "Description", "CallbackUrls", "Homepage", "IsTrusted", "IconURL",
                                           "MattermostAppID"});
    Inserter access(w.session, "OAuthAccessData",
                    {"Token", "RefreshToken", "RedirectUri", "ClientId", "UserId", "ExpiresAt", "Scope"});
    Inserter auth(w.session, "OAuthAuthData",
                  {"ClientId", "UserId", "Code", "ExpiresIn", "CreateAt", "RedirectUri", "State", "Scope"});
    for (int i = 0; i < 2; ++i) {
        const std::string app = new_id(rng);
        const std::int64_t at = w.tick(rng);
        apps.text(app).text(admin).number(at).number(at).text(new_id(rng)).text(i ? "Grafana" : "Zoom Integration")
            .text("Single sign-on for the dashboards").text("https://grafana.example.com/login/generic_oauth")
            .text("https://grafana.example.com").boolean(i == 1).text("").text("");
        apps.end_row();
        access.text(new_id(rng)).text(new_id(rng)).text("https://grafana.example.com/login/generic_oauth").text(app)
            .text(w.users[static_cast<std::size_t>(i + 1)]).number(at + 3600000).text("user");
        access.end_row();
        auth.text(app).text(w.users[static_cast<std::size_t>(i + 1)]).text(new_id(rng) + new_id(rng)).number(300)
            .number(at).text("https://grafana.example.com/login/generic_oauth").text(new_id(rng)).text("user");
        auth.end_row();
    }
    w.finish("OAuthApps", apps);
    w.finish("OAuthAccessData", access);
    w.finish("OAuthAuthData", auth);

    Inserter connections(w.session, "OutgoingOAuthConnections",
                         {"Id", "Name", "CreatorId", "CreateAt", "UpdateAt", "ClientId", "ClientSecret",
                          "CredentialsUsername", "CredentialsPassword", "OAuthTokenURL", "GrantType", "Audiences"});
    for (const std::string grant : {"client_credentials", "password"}) {
        const std::int64_t at = w.tick(rng);
        const bool password = grant == "password";
        connections.text(new_id(rng)).text(password ? "Legacy ERP" : "ServiceNow").text(admin).number(at).number(at)
            .text(new_id(rng)).text(new_id(rng)).text(password ? "svc-mattermost" : "")
            .text(password ? "not-a-real-password" : "").text("https://auth.example.com/oauth2/token").text(grant)
            .text("https://erp.example.com,https://api.example.com");
        connections.end_row();
    }
    w.finish("OutgoingOAuthConnections", connections);

    Inserter emoji(w.session, "Emoji", {"Id", "CreateAt", "UpdateAt", "DeleteAt", "CreatorId", "Name"});
    for (const std::string name : {"party_parrot", "shipit", "this-is-fine", "lgtm"}) {
        const std::int64_t at = w.tick(rng);
        emoji.text(new_id(rng)).number(at).number(at).number(0).text(admin).text(name);
        emoji.end_row();
    }
    w.finish("Emoji", emoji);

    // PValue is a blob: plugins store JSON, text or binary there.
    Inserter kv(w.session, "PluginKeyValueStore", {"PluginId", "PKey", "PValue", "ExpireAt"});
    kv.text("com.mattermost.nps").text("ServerUpgrade-10.12.0").text(R"({"server_version":"10.12.0","upgrade_at":1700000000000})").number(0);
    kv.end_row();
    kv.text("playbooks").text("mmi_botid").text(w.users[w.users.size() - 3]).number(0);
    kv.end_row();
    kv.text("com.mattermost.calls").text(channel).text(R"({"enabled":true})").number(0);
    kv.end_row();
    kv.text("com.mattermost.plugin-jira").text("user_" + admin).sql("x'1f8b0800000000000003cb48cdc9c90700865a6a9f05000000'").number(0);
    kv.end_row();
    kv.text("com.github.matterpoll.matterpoll").text("poll_" + new_id(rng)).text(R"({"question":"Mittagessen? 🍜","answer_options":[{"answer":"Pizza","voter":[]},{"answer":"寿司","voter":[]}]})").number(w.now_ms + 86400000);
    kv.end_row();
    w.finish("PluginKeyValueStore", kv);

    Inserter uploads(w.session, "UploadSessions", {"Id", "Type", "CreateAt", "UserId", "ChannelId", "Filename",
                                                   "Path", "FileSize", "FileOffset", "RemoteId", "ReqFileId"});
    for (int i = 0; i < 3; ++i) {
        const std::string id = new_id(rng);
        uploads.text(id).text(i == 2 ? "import" : "attachment").number(w.tick(rng)).text(w.users[1]).text(i == 2 ? "" : channel)
            .text(i == 1 ? "Präsentation Q3 — 最終版.pptx" : "backup.zip").text("data/uploads/" + id + ".tmp")
            .number(104857600).number(i * 1048576).text("").text("");
        uploads.end_row();
    }
    w.finish("UploadSessions", uploads);

    w.remote_cluster = new_id(rng);
    Inserter remotes(w.session, "RemoteClusters",
                     {"RemoteId", "RemoteTeamId", "Name", "DisplayName", "SiteURL", "CreateAt", "LastPingAt", "Token",
                      "RemoteToken", "Topics", "CreatorId", "PluginID", "Options", "DefaultTeamId", "DeleteAt"});
    remotes.text(w.remote_cluster).text(new_id(rng)).text("partner-org").text("Partner Org GmbH")
        .text("https://chat.partner.example.org").number(w.tick(rng)).number(w.now_ms).text(new_id(rng))
        .text(new_id(rng)).text(" share incident ").text(admin).text("").number(0).text(team).number(0);
    remotes.end_row();
    w.finish("RemoteClusters", remotes);

    const std::string& shared = w.channels[1].id;
    Inserter shared_channels(w.session, "SharedChannels",
                             {"ChannelId", "TeamId", "Home", "ReadOnly", "ShareName", "ShareDisplayName",
                              "SharePurpose", "ShareHeader", "CreatorId", "CreateAt", "UpdateAt", "RemoteId"});
    shared_channels.text(shared).text(team).boolean(true).boolean(false).text(w.channels[1].name)
        .text("Off-Topic (shared)").text("Shared with the partner").text("Be nice 🤝").text(admin).number(w.tick(rng))
        .number(w.now_ms).text("");
    shared_channels.end_row();
    w.finish("SharedChannels", shared_channels);
    Inserter shared_remotes(w.session, "SharedChannelRemotes",
                            {"Id", "ChannelId", "CreatorId", "CreateAt", "UpdateAt", "IsInviteAccepted",
                             "IsInviteConfirmed", "RemoteId", "LastPostUpdateAt", "LastPostId", "LastPostCreateAt",
                             "LastPostCreateID", "DeleteAt"});
    shared_remotes.text(new_id(rng)).text(shared).text(admin).number(w.tick(rng)).number(w.now_ms).boolean(true)
        .boolean(true).text(w.remote_cluster).number(w.now_ms).text(w.some_posts.front()).number(w.now_ms)
        .text(w.some_posts.front()).number(0);
    shared_remotes.end_row();
    w.finish("SharedChannelRemotes", shared_remotes);
    Inserter shared_users(w.session, "SharedChannelUsers",
                          {"Id", "UserId", "RemoteId", "CreateAt", "LastSyncAt", "ChannelId"});
    shared_users.text(new_id(rng)).text(w.users[2]).text(w.remote_cluster).number(w.tick(rng)).number(w.now_ms)
        .text(shared);
    shared_users.end_row();
    w.finish("SharedChannelUsers", shared_users);
    Inserter shared_files(w.session, "SharedChannelAttachments", {"Id", "FileId", "RemoteId", "CreateAt", "LastSyncAt"});
    shared_files.text(new_id(rng)).text(w.some_files.empty() ? new_id(rng) : w.some_files.front()).text(w.remote_cluster)
        .number(w.tick(rng)).number(w.now_ms);
    shared_files.end_row();
    w.finish("SharedChannelAttachments", shared_files);

    const std::string policy = new_id(rng);
    Inserter policies(w.session, "RetentionPolicies", {"Id", "DisplayName", "PostDuration"});
    policies.text(policy).text("Legal hold: 7 Jahre").number(2555);
    policies.end_row();
    w.finish("RetentionPolicies", policies);
    Inserter policy_channels(w.session, "RetentionPoliciesChannels", {"PolicyId", "ChannelId"});
    policy_channels.text(policy).text(w.channels[2].id);
    policy_channels.end_row();
    w.finish("RetentionPoliciesChannels", policy_channels);
    Inserter policy_teams(w.session, "RetentionPoliciesTeams", {"PolicyId", "TeamId"});
    policy_teams.text(policy).text(w.teams.back());
    policy_teams.end_row();
    w.finish("RetentionPoliciesTeams", policy_teams);

    // The ids a retention run has yet to delete: a JSON array of 26-character ids.
    Inserter retention(w.session, "RetentionIdsForDeletion", {"Id", "TableName", "Ids"});
    for (const std::string table : {"Posts", "Reactions", "FileInfo"}) {
        std::string ids = "[";
        for (std::size_t i = 0; i < 3 && i < w.some_posts.size(); ++i)
            ids += std::string(i ? "," : "") + "\"" + w.some_posts[w.some_posts.size() - 1 - i] + "\"";
        retention.text(new_id(rng)).text(table).text(ids + "]");
        retention.end_row();
    }
    w.finish("RetentionIdsForDeletion", retention);

    const std::string group = new_id(rng);
    Inserter groups(w.session, "PropertyGroups", {"ID", "Name"});
    groups.text(group).text("custom_profile_attributes");
    groups.end_row();
    w.finish("PropertyGroups", groups);
    Inserter fields(w.session, "PropertyFields", {"ID", "GroupID", "Name", "Type", "Attrs", "TargetID", "TargetType",
                                                  "CreateAt", "UpdateAt", "DeleteAt"});
    Inserter values(w.session, "PropertyValues", {"ID", "TargetID", "TargetType", "GroupID", "FieldID", "Value",
                                                  "CreateAt", "UpdateAt", "DeleteAt"});
    const std::vector<std::pair<std::string, std::string>> field_defs = {
        {"Department", "text"}, {"Office", "select"}, {"Skills", "multiselect"}, {"Start date", "date"}, {"Manager", "user"}};
    for (const auto& [name, type] : field_defs) {
        const std::string field = new_id(rng);
        const std::int64_t at = w.tick(rng);
        fields.text(field).text(group).text(name).text(type)
            .text(type == "select" ? R"({"options":[{"id":"o1","name":"Berlin"},{"id":"o2","name":"東京"}],"sort_order":1})"
                                   : R"({"sort_order":0,"visibility":"when_set"})")
            .text("").text("").number(at).number(at).number(0);
        fields.end_row();
        for (std::size_t u = 0; u < 4; ++u) {
            values.text(new_id(rng)).text(w.users[u]).text("user").text(group).text(field)
                .text(type == "user" ? "\"" + w.users[u + 1] + "\"" : type == "multiselect" ? R"(["go","sql"])" : R"("Forschung & Entwicklung")")
                .number(at).number(at).number(0);
            values.end_row();
        }
    }
    w.finish("PropertyFields", fields);
    w.finish("PropertyValues", values);

    Inserter acl(w.session, "AccessControlPolicies",
                 {"ID", "Name", "Type", "Active", "CreateAt", "Revision", "Version", "Data", "Props"});
    Inserter acl_history(w.session, "AccessControlPolicyHistory",
                         {"ID", "Name", "Type", "CreateAt", "Revision", "Version", "Data", "Props"});
    const std::string acl_id = new_id(rng);
    const std::string rules = R"({"imports":[],"rules":[{"actions":["*"],"expression":"user.attributes.Department == \"Engineering\""}]})";
    acl.text(acl_id).text("Engineering only").text("parent").boolean(true).number(w.tick(rng)).number(2).text("v0.1")
        .text(rules).text("{}");
    acl.end_row();
    acl_history.text(acl_id).text("Engineering only").text("parent").number(w.now_ms - 1000).number(1).text("v0.1")
        .text(rules).text("{}");
    acl_history.end_row();
    w.finish("AccessControlPolicies", acl);
    w.finish("AccessControlPolicyHistory", acl_history);
}

}  // namespace m2pg::test::mattermost
