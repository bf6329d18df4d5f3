// The install's own state: Systems, Roles, Schemes, the license, terms of service, jobs,
// cluster discovery and compliance exports.
#include <string>
#include <utility>
#include <vector>

#include "support/mattermost_world.hpp"

namespace m2pg::test::mattermost {

namespace {

// Permission names as the app writes Roles.Permissions: one space-separated longtext.
const std::vector<std::string>& permissions() {
    static const std::vector<std::string> kPermissions = {
        "create_post", "edit_post", "delete_post", "add_reaction", "remove_reaction", "upload_file",
        "read_channel", "read_channel_content", "use_channel_mentions", "use_group_mentions",
        "create_public_channel", "create_private_channel", "manage_public_channel_members",
        "manage_private_channel_members", "delete_public_channel", "delete_private_channel",
        "manage_public_channel_properties", "manage_private_channel_properties", "convert_public_channel_to_private",
        "create_direct_channel", "create_group_channel", "list_team_channels", "join_public_channels",
        "view_team", "invite_user", "add_user_to_team", "manage_team", "import_team", "remove_user_from_team",
        "manage_slash_commands", "manage_incoming_webhooks", "manage_outgoing_webhooks", "create_emojis",
        "delete_emojis", "create_custom_group", "manage_custom_group_members", "playbook_public_create",
        "playbook_private_create", "run_create", "manage_system", "sysconsole_read_about_edition_and_license",
        "sysconsole_write_user_management_users", "sysconsole_read_reporting_site_statistics",
        "create_bot", "read_bots", "manage_bots", "create_user_access_token", "read_user_access_token",
        "list_public_teams", "join_public_teams", "view_members", "edit_brand", "manage_jobs"};
    return kPermissions;
}

std::string permission_list(Rng& rng, std::size_t count) {
    std::string out;
    for (std::size_t i = 0; i < count; ++i) out += (out.empty() ? "" : " ") + rng.pick(permissions());
    return out;
}

}  // namespace

void seed_admin(World& w) {
    Rng rng = w.stream(1);
    const std::int64_t installed = w.tick(rng);

    // A real install's Systems rows (the migrations wrote the two CRT*Complete ones already).
    Inserter systems(w.session, "Systems", {"Name", "Value"});
    const std::vector<std::pair<std::string, std::string>> rows = {
        {"AdvancedPermissionsMigrationComplete", "true"},
        {"AsymmetricSigningKey",
         R"({"ecdsa_curve":"P-256","ecdsa_x":35263475832942358711087549541658218738164325743546215453853441473126357442114,"ecdsa_y":41264513573051839215419412271108223215837165467264926845741354173285837261547,"ecdsa_d":10934085136572394618524591267513965412895645187623455617894261529372651284711})"},
        {"ContentExtractionConfigDefaultTrueMigrationComplete", "true"},
        {"CustomGroupAdminRoleCreationMigrationComplete", "true"},
        {"DiagnosticId", new_id(rng)},
        {"EmojisPermissionsMigrationComplete", "true"},
        {"FirstServerRunTimestamp", std::to_string(installed)},
        {"GuestRolesCreationMigrationComplete", "true"},
        {"InstallationDate", std::to_string(installed)},
        {"LastSecurityTime", std::to_string(installed + 86400000)},
        {"migration_advanced_permissions_phase_2", "true"},
        {"PlaybookRolesCreationMigrationComplete", "true"},
        {"PostActionCookieSecret", R"({"key":"dGhpcyBpcyBub3QgYSByZWFsIHNlY3JldCwganVzdCB0ZXN0IGRhdGEh"})"},
        {"PostPriorityConfigDefaultTrueMigrationComplete", "true"},
        {"products_boards", "true"},
        {"RemainingSchemaMigrations", "true"},
        {"SystemConsoleRolesCreationMigrationComplete", "true"},
        {"Version", "10.12.0"},
    };
    for (const auto& [name, value] : rows) {
        systems.text(name).text(value);
        systems.end_row();
    }
    w.finish("Systems", systems);

    Inserter roles(w.session, "Roles", {"Id", "Name", "DisplayName", "Description", "CreateAt", "UpdateAt",
                                        "DeleteAt", "Permissions", "SchemeManaged", "BuiltIn"});
    for (std::string name : {"system_admin", "system_user", "system_guest", "system_post_all", "system_post_all_public",
                             "system_user_access_token", "system_user_manager", "system_read_only_admin",
                             "system_manager", "system_custom_group_admin", "team_admin", "team_user", "team_guest",
                             "team_post_all", "team_post_all_public", "channel_admin", "channel_user",
                             "channel_guest", "playbook_admin", "playbook_member", "run_admin", "run_member"}) {
        const bool scheme_managed = name.rfind("system_", 0) != 0;
        roles.text(new_id(rng)).text(name).text("authentication.roles." + name + ".name")
            .text("authentication.roles." + name + ".description").number(installed).number(w.tick(rng)).number(0)
            .text(permission_list(rng, name == "system_admin" ? 50 : 5 + rng.below(20))).boolean(scheme_managed)
            .boolean(true);
        roles.end_row();
        w.roles.push_back(name);
    }
    w.finish("Roles", roles);

    w.scheme = new_id(rng);
    Inserter schemes(w.session, "Schemes",
                     {"Id", "Name", "DisplayName", "Description", "CreateAt", "UpdateAt", "DeleteAt", "Scope",
                      "DefaultTeamAdminRole", "DefaultTeamUserRole", "DefaultChannelAdminRole",
                      "DefaultChannelUserRole", "DefaultTeamGuestRole", "DefaultChannelGuestRole",
                      "DefaultPlaybookAdminRole", "DefaultPlaybookMemberRole", "DefaultRunAdminRole",
                      "DefaultRunMemberRole"});
    schemes.text(w.scheme).text(new_id(rng)).text("Support team — Schéma").text("Less mentions, more focus 🎯")
        .number(installed).number(installed).number(0).text("team");
    for (int i = 0; i < 10; ++i) schemes.text(new_id(rng));
    schemes.end_row();
    w.finish("Schemes", schemes);

    Inserter licenses(w.session, "Licenses", {"Id", "CreateAt", "Bytes"});
    std::string bytes;
    for (int i = 0; i < 40; ++i) bytes += new_id(rng);  // a signed license blob is ~1 kB of base64
    licenses.text(new_id(rng)).number(installed).text(bytes);
    licenses.end_row();
    w.finish("Licenses", licenses);

    Inserter terms(w.session, "TermsOfService", {"Id", "CreateAt", "UserId", "Text"});
    terms.text(new_id(rng)).number(installed).text(new_id(rng))
        .text("## Terms of Service\n\nBy using this server you agree… Nutzungsbedingungen: bitte lesen. 利用規約。");
    terms.end_row();
    w.finish("TermsOfService", terms);

    Inserter jobs(w.session, "Jobs", {"Id", "Type", "Priority", "CreateAt", "StartAt", "LastActivityAt", "Status",
                                      "Progress", "Data"});
    for (const std::string type : {"migrations", "export_delete", "product_notices", "cleanup_desktop_tokens",
                                   "last_accessible_post", "install_plugin_notify_admin"}) {
        const std::int64_t at = w.tick(rng, 3600000);
        jobs.text(new_id(rng)).text(type).number(0).number(at).number(at + 1000).number(at + 5000).text("success")
            .number(100).text(type == "migrations" ? R"({"last_done":"{\"current_table\":\"ChannelMembers\"}","migration_key":"migration_advanced_permissions_phase_2"})"
                                                   : "{}");
        jobs.end_row();
    }
    w.finish("Jobs", jobs);

    Inserter cluster(w.session, "ClusterDiscovery",
                     {"Id", "Type", "ClusterName", "Hostname", "GossipPort", "Port", "CreateAt", "LastPingAt"});
    cluster.text(new_id(rng)).text("mattermost_cluster").text("prod").text("mm-app-0.mm.svc.cluster.local")
        .number(8074).number(8075).number(installed).number(w.tick(rng));
    cluster.end_row();
    w.finish("ClusterDiscovery", cluster);

    Inserter compliances(w.session, "Compliances", {"Id", "CreateAt", "UserId", "Status", "Count", "Desc", "Type",
                                                    "StartAt", "EndAt", "Keywords", "Emails"});
    compliances.text(new_id(rng)).number(w.tick(rng)).text(new_id(rng)).text("finished").number(42)
        .text("Quarterly export — Q3").text("adhoc").number(installed).number(w.now_ms).text("contract vertrag")
        .text("legal@example.com");
    compliances.end_row();
    w.finish("Compliances", compliances);
}

}  // namespace m2pg::test::mattermost
