#include "support/mattermost_plugin_tables.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace m2pg::test::mattermost {

namespace {

void run_file(MysqlSession& session, const std::string& name) {
    const std::string path = std::string(M2PG_TEST_SUPPORT_DIR) + "/mattermost/" + name;
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream text;
    text << in.rdbuf();
    try {
        session.run(text.str());
    } catch (const std::runtime_error& e) {
        throw std::runtime_error(path + ": " + e.what());
    }
}

// Boards' ids: a one-letter kind prefix and 26 base32 characters (utils.NewID(IDType)).
std::string boards_id(Rng& rng, char kind) { return std::string(1, kind) + new_id(rng); }

// datetime(6) from epoch milliseconds, in the session's UTC.
std::string at_datetime(std::int64_t ms) { return "FROM_UNIXTIME(" + std::to_string(ms) + " / 1000)"; }

const std::vector<std::string>& boards_migrations() {
    static const std::vector<std::string> kNames = {
        "init", "system_settings_table", "blocks_rootid", "auth_table", "blocks_modifiedby", "sharing_table",
        "workspaces_table", "teams", "blocks_history", "blocks_created_by", "match_collation",
        "match_column_collation", "millisecond_timestamps", "add_not_null_constraint", "blocks_history_no_nulls",
        "subscriptions_table", "add_file_info", "add_teams_and_boards", "populate_categories",
        "populate_category_blocks", "create_boards_members_history", "create_default_board_role",
        "persist_category_collapsed_state", "mark_existsing_categories_collapsed", "indexes_update",
        "create_preferences_table", "migrate_user_props_to_preferences", "remove_template_channel_link",
        "add_category_type_field", "add_category_sort_order", "add_category_boards_sort_order",
        "move_boards_category_to_end", "remove_deleted_category_boards",
        "category_boards_remove_unused_delete_at_column", "add_hidden_board_column",
        "category_board_add_unique_constraint", "hidden_boards_from_preferences",
        "delete_hiddenBoardIDs_from_preferences", "add_path_to_file_info"};
    return kNames;
}

std::string checklists_json(Rng& rng, const std::vector<std::string>& users, bool run) {
    static const std::vector<std::string> kItems = {
        "Acknowledge the alert in PagerDuty", "Open a bridge call — Telefonkonferenz starten",
        "Post the first status update 📣", "Check the dashboards (p99 latency, error rate)",
        "Roll back the last deploy if errors > 5%", "Notify customer support / サポートに連絡",
        "Write the timeline", "Schedule the retrospective"};
    std::string out = "[";
    for (int c = 0; c < 3; ++c) {
        out += std::string(c ? "," : "") + R"({"id":")" + new_id(rng) + R"(","title":)" +
               json_string(c == 0 ? "Triage" : c == 1 ? "Mitigation — Behebung" : "Follow-up") + R"(,"items":[)";
        for (int i = 0; i < 4; ++i) {
            const bool done = run && rng.percent(60);
            out += std::string(i ? "," : "") + R"({"id":")" + new_id(rng) + R"(","title":)" + json_string(rng.pick(kItems)) +
                   R"(,"state":")" + (done ? "closed" : "") + R"(","state_modified":)" + (done ? "1700000000000" : "0") +
                   R"(,"assignee_id":")" + (rng.percent(50) ? rng.pick(users) : "") +
                   R"(","command":"","description":)" + json_string("Run `/incident check` — see C:\\runbooks\\db.md") +
                   R"(,"due_date":0,"task_actions":[]})";
        }
        out += "]}";
    }
    return out + "]";
}

std::string markdown(Rng& rng, std::size_t chars) {
    return "### Summary\n\n" + chat_text(rng, chars, {}) + "\n\n### Was lief gut? / What went well?\n\n- " +
           chat_text(rng, chars / 4, {});
}

}  // namespace

void create_boards_tables(MysqlSession& session) { run_file(session, "boards_mysql.sql"); }
void create_playbooks_tables(MysqlSession& session) { run_file(session, "playbooks_mysql.sql"); }

void seed_boards(World& w, Rng& rng) {
    Inserter migrations(w.session, "focalboard_schema_migrations", {"Version", "Name"});
    for (std::size_t i = 0; i < boards_migrations().size(); ++i) {
        migrations.number(static_cast<std::int64_t>(i + 1)).text(boards_migrations()[i]);
        migrations.end_row();
    }
    w.finish("focalboard_schema_migrations", migrations);

    Inserter settings(w.session, "focalboard_system_settings", {"id", "value"});
    for (const std::string name : {"CategoryUuidIdMigrationComplete", "DeDuplicateCategoryBoardTableComplete",
                                   "DeletedMembershipBoardsMigrationComplete", "TeamLessBoardsMigrationComplete",
                                   "UniqueIDsMigrationComplete"}) {
        settings.text(name).text("true");
        settings.end_row();
    }
    w.finish("focalboard_system_settings", settings);

    Inserter teams(w.session, "focalboard_teams", {"id", "signup_token", "settings", "modified_by", "update_at"});
    for (std::size_t t = 0; t < w.teams.size(); ++t) {
        teams.text(w.teams[t]).text(new_id(rng)).text(t == 0 ? "" : "{}").text("system").number(w.tick(rng));
        teams.end_row();
    }
    w.finish("focalboard_teams", teams);
    w.plant({"focalboard_teams", "settings", w.teams[0], "empty_string_json", true, "'' in a TEXT column holding JSON"});

    Inserter users(w.session, "focalboard_users", {"id", "username", "email", "password", "mfa_secret", "auth_service",
                                                   "auth_data", "props", "create_at", "update_at", "delete_at"});
    users.text("system").text("system").text("").text("").text("").text("").text("").text("").number(w.now_ms)
        .number(w.now_ms).number(0);
    users.end_row();
    w.finish("focalboard_users", users);
    w.plant({"focalboard_users", "props", "system", "empty_string_json", true, "'' in a TEXT column holding JSON"});

    Inserter sessions(w.session, "focalboard_sessions",
                      {"id", "token", "user_id", "props", "create_at", "update_at", "auth_service"});
    sessions.text(new_id(rng)).text(new_id(rng)).text(w.users[0]).text("{}").number(w.now_ms).number(w.now_ms).text("");
    sessions.end_row();
    w.finish("focalboard_sessions", sessions);

    Inserter boards(w.session, "focalboard_boards",
                    {"id", "insert_at", "team_id", "channel_id", "created_by", "modified_by", "type", "title",
                     "description", "icon", "show_description", "is_template", "template_version", "properties",
                     "card_properties", "create_at", "update_at", "delete_at", "minimum_role"});
    Inserter blocks(w.session, "focalboard_blocks",
                    {"id", "insert_at", "parent_id", "schema", "type", "title", "fields", "create_at", "update_at",
                     "delete_at", "root_id", "modified_by", "channel_id", "created_by", "board_id"});
    Inserter members(w.session, "focalboard_board_members", {"board_id", "user_id", "roles", "scheme_admin",
                                                             "scheme_editor", "scheme_commenter", "scheme_viewer"});
    Inserter member_history(w.session, "focalboard_board_members_history", {"board_id", "user_id", "action", "insert_at"});
    Inserter subscriptions(w.session, "focalboard_subscriptions",
                           {"block_type", "block_id", "workspace_id", "subscriber_type", "subscriber_id",
                            "notified_at", "create_at", "delete_at"});
    const std::size_t cards_per_board = std::max<std::size_t>(3, w.options.posts / 40);
    std::string planted_block;
    for (int b = 0; b < 3; ++b) {
        const std::string board = boards_id(rng, 'b');
        const std::string status = new_id(rng);
        const std::int64_t at = w.tick(rng);
        const std::string& owner = w.users[static_cast<std::size_t>(b)];
        boards.text(board).sql(at_datetime(at)).text(w.teams[0]).text("").text(owner).text(owner).text(b == 2 ? "P" : "O")
            .text(b == 1 ? "Sprint-Planung 🗂️" : b == 2 ? "ロードマップ" : "Bug triage").text(short_text(rng, 80))
            .text("📋").boolean(b == 0).boolean(false).number(0).text("{}")
            .text(R"([{"id":")" + status + R"(","name":"Status","type":"select","options":[{"id":"o1","value":"To Do 📋","color":"propColorGray"},{"id":"o2","value":"Erledigt ✅","color":"propColorGreen"}]},{"id":")" +
                  new_id(rng) + R"(","name":"Due","type":"date","options":[]}])")
            .number(at).number(at).number(0).text("");
        boards.end_row();
        blocks.text(boards_id(rng, 'v')).sql(at_datetime(at)).text(board).number(1).text("view").text("Board view")
            .text(R"({"viewType":"board","sortOptions":[],"visiblePropertyIds":[")" + status +
                  R"("],"visibleOptionIds":[],"hiddenOptionIds":[],"collapsedOptionIds":[],"filter":{"operation":"and","filters":[]},"cardOrder":[],"columnWidths":{},"columnCalculations":{},"kanbanCalculations":{},"defaultTemplateId":""})")
            .number(at).number(at).number(0).text(board).text(owner).text("").text(owner).text(board);
        blocks.end_row();
        for (std::size_t c = 0; c < cards_per_board; ++c) {
            const std::string card = boards_id(rng, 'c');
            const std::string text = boards_id(rng, 'a');
            const std::int64_t card_at = w.tick(rng);
            // An empty fields value is what old Boards versions wrote for a card never edited.
            const bool empty = planted_block.empty() && b == 1;
            if (empty) planted_block = card;
            blocks.text(card).sql(at_datetime(card_at)).text(board).number(1).text("card").text(short_text(rng, 60))
                .text(empty ? "" : R"({"icon":"🐛","properties":{")" + status + R"(":"o1"},"contentOrder":[")" + text +
                                       R"("],"isTemplate":false})")
                .number(card_at).number(card_at).number(0).text(board).text(owner).text("").text(owner).text(board);
            blocks.end_row();
            blocks.text(text).sql(at_datetime(card_at)).text(card).number(1).text("text")
                .text(chat_text(rng, 40 + rng.below(400), w.usernames)).text("{}").number(card_at).number(card_at)
                .number(0).text(board).text(owner).text("").text(owner).text(board);
            blocks.end_row();
            if (c == 0) {
                subscriptions.text("card").text(card).text("").text("user").text(owner).number(card_at).number(card_at)
                    .number(0);
                subscriptions.end_row();
            }
        }
        for (std::size_t u = 0; u < 4; ++u) {
            members.text(board).text(w.users[u]).text("").boolean(u == static_cast<std::size_t>(b)).boolean(true)
                .boolean(false).boolean(false);
            members.end_row();
            member_history.text(board).text(w.users[u]).text("created").sql(at_datetime(at + static_cast<std::int64_t>(u)));
            member_history.end_row();
        }
    }
    w.finish("focalboard_boards", boards);
    w.finish("focalboard_blocks", blocks);
    w.finish("focalboard_board_members", members);
    w.finish("focalboard_board_members_history", member_history);
    w.finish("focalboard_subscriptions", subscriptions);
    w.plant({"focalboard_blocks", "fields", planted_block, "empty_string_json", true, "'' in a TEXT column holding JSON"});
    // Every change is kept as history; the boards' and blocks' current rows are their last version.
    w.session.run("INSERT INTO focalboard_boards_history SELECT * FROM focalboard_boards");
    w.session.run("INSERT INTO focalboard_blocks_history SELECT * FROM focalboard_blocks WHERE fields <> ''");

    Inserter categories(w.session, "focalboard_categories", {"id", "name", "user_id", "team_id", "channel_id",
                                                             "create_at", "update_at", "delete_at", "collapsed", "type",
                                                             "sort_order"});
    Inserter preferences(w.session, "focalboard_preferences", {"userid", "category", "name", "value"});
    for (std::size_t u = 0; u < 4; ++u) {
        categories.text(boards_id(rng, 'c')).text(u == 1 ? "Meine Boards" : "Boards").text(w.users[u]).text(w.teams[0])
            .text("").number(w.tick(rng)).number(w.now_ms).number(0).boolean(false).text("default").number(0);
        categories.end_row();
        preferences.text(w.users[u]).text("focalboard").text("welcomePageViewed").text("1");
        preferences.end_row();
    }
    w.finish("focalboard_categories", categories);
    w.finish("focalboard_preferences", preferences);
    w.session.run("INSERT INTO focalboard_category_boards (id, user_id, category_id, board_id, create_at, update_at, "
                  "sort_order, hidden) SELECT CONCAT('g', SUBSTRING(MD5(CONCAT(c.id, b.id)), 1, 26)), c.user_id, c.id, "
                  "b.id, c.create_at, c.update_at, 0, 0 FROM focalboard_categories c JOIN focalboard_boards b");

    Inserter sharing(w.session, "focalboard_sharing",
                     {"id", "enabled", "token", "modified_by", "update_at", "workspace_id"});
    sharing.text(boards_id(rng, 'b')).boolean(true).text(new_id(rng)).text(w.users[0]).number(w.now_ms).text("");
    sharing.end_row();
    w.finish("focalboard_sharing", sharing);
    Inserter hints(w.session, "focalboard_notification_hints",
                   {"block_type", "block_id", "workspace_id", "modified_by_id", "create_at", "notify_at"});
    hints.text("card").text(planted_block).text("").text(w.users[1]).number(w.now_ms).number(w.now_ms + 60000);
    hints.end_row();
    w.finish("focalboard_notification_hints", hints);
    Inserter files(w.session, "focalboard_file_info",
                   {"id", "create_at", "delete_at", "name", "extension", "size", "archived", "path"});
    files.text("7" + new_id(rng).substr(0, 25)).number(w.now_ms).number(0).text("Architektur-Skizze.png").text(".png")
        .number(48213).boolean(false).text("boards/" + w.teams[0] + "/");
    files.end_row();
    w.finish("focalboard_file_info", files);
}

void seed_playbooks(World& w, Rng& rng) {
    Inserter system(w.session, "IR_System", {"SKey", "SValue"});
    system.text("DatabaseVersion").text("0.63.0");
    system.end_row();
    w.finish("IR_System", system);

    const std::vector<std::string> team_users(w.users.begin(), w.users.begin() + 6);
    Inserter playbooks(w.session, "IR_Playbook",
                       {"ID", "Title", "Description", "TeamID", "CreatePublicIncident", "CreateAt", "ChecklistsJSON",
                        "NumStages", "NumSteps", "ReminderMessageTemplate", "ReminderTimerDefaultSeconds",
                        "ConcatenatedInvitedUserIDs", "InviteUsersEnabled", "ConcatenatedWebhookOnCreationURLs",
                        "MessageOnJoin", "RetrospectiveTemplate", "ConcatenatedWebhookOnStatusUpdateURLs",
                        "ConcatenatedSignalAnyKeywords", "UpdateAt", "CategoryName", "ConcatenatedBroadcastChannelIds",
                        "RunSummaryTemplate", "ChannelNameTemplate", "ChannelMode", "ConcatenatedInvitedGroupIDs"});
    Inserter members(w.session, "IR_PlaybookMember", {"PlaybookID", "MemberID", "Roles"});
    Inserter follow(w.session, "IR_PlaybookAutoFollow", {"PlaybookID", "UserID"});
    Inserter configs(w.session, "IR_MetricConfig",
                     {"ID", "PlaybookID", "Title", "Description", "Type", "Target", "Ordering"});
    std::vector<std::string> playbook_ids, config_ids;
    for (int p = 0; p < 2; ++p) {
        const std::string id = new_id(rng);
        playbook_ids.push_back(id);
        const std::int64_t at = w.tick(rng);
        playbooks.text(id).text(p ? "Sicherheitsvorfall — Security incident" : "Database outage 🔥")
            .text(short_text(rng, 300)).text(w.teams[0]).boolean(true).number(at).text(checklists_json(rng, team_users, false))
            .number(3).number(12).text("Status: {{status}} — nächste Aktualisierung in 30 Minuten").number(1800)
            .text(team_users[1] + "," + team_users[2]).boolean(true).text("https://hooks.example.com/created")
            .text("Welcome! Read the runbook first. ようこそ。").text(markdown(rng, 1500))
            .text("https://hooks.example.com/status").text("outage,down,störung").number(at).text("Incidents")
            .text(w.channels[0].id).text(markdown(rng, 300)).text("inc-{{date}}").text("create_new_channel").text("");
        playbooks.end_row();
        for (std::size_t u = 0; u < 3; ++u) {
            members.text(id).text(team_users[u]).text(u == 0 ? "playbook_member playbook_admin" : "playbook_member");
            members.end_row();
        }
        follow.text(id).text(team_users[0]);
        follow.end_row();
        for (int m = 0; m < 2; ++m) {
            config_ids.push_back(new_id(rng));
            configs.text(config_ids.back()).text(id).text(m ? "Time to acknowledge" : "Kosten / Cost")
                .text("Measured for every run").text(m ? "metric_duration" : "metric_currency").number(m ? 900000 : 5000)
                .number(m);
            configs.end_row();
        }
    }
    w.finish("IR_Playbook", playbooks);
    w.finish("IR_PlaybookMember", members);
    w.finish("IR_PlaybookAutoFollow", follow);
    w.finish("IR_MetricConfig", configs);

    Inserter runs(w.session, "IR_Incident",
                  {"ID", "Name", "Description", "IsActive", "CommanderUserID", "TeamID", "ChannelID", "CreateAt",
                   "EndAt", "ActiveStage", "PostID", "PlaybookID", "ChecklistsJSON", "ReminderMessageTemplate",
                   "CurrentStatus", "ReporterUserID", "ConcatenatedInvitedUserIDs", "ConcatenatedWebhookOnCreationURLs",
                   "Retrospective", "MessageOnJoin", "ConcatenatedWebhookOnStatusUpdateURLs", "CategoryName",
                   "ConcatenatedBroadcastChannelIds", "ChannelIDToRootID", "ConcatenatedInvitedGroupIDs"});
    Inserter participants(w.session, "IR_Run_Participants", {"IncidentID", "UserID", "IsFollower", "IsParticipant"});
    Inserter status_posts(w.session, "IR_StatusPosts", {"IncidentID", "PostID"});
    Inserter timeline(w.session, "IR_TimelineEvent", {"ID", "IncidentID", "CreateAt", "EventAt", "EventType",
                                                      "Summary", "Details", "PostID", "SubjectUserID", "CreatorUserID"});
    Inserter metrics(w.session, "IR_Metric", {"IncidentID", "MetricConfigID", "Value", "Published"});
    const std::size_t run_count = std::max<std::size_t>(3, w.options.posts / 200);
    for (std::size_t r = 0; r < run_count; ++r) {
        const std::string id = new_id(rng);
        const std::size_t p = r % playbook_ids.size();
        const bool active = r % 3 == 0;
        const std::int64_t at = w.tick(rng);
        const std::string& post = w.some_posts[r % w.some_posts.size()];
        runs.text(id).text("Incident #" + std::to_string(100 + r) + " — " + short_text(rng, 40)).text(short_text(rng, 200))
            .boolean(active).text(team_users[r % 3]).text(w.teams[0]).text(w.channels[r % w.channels.size()].id)
            .number(at).number(active ? 0 : at + 7200000).number(1).text(post).text(playbook_ids[p])
            .text(checklists_json(rng, team_users, true)).text("Status update due — bitte aktualisieren")
            .text(active ? "Active" : "Finished").text(team_users[0]).text(team_users[1]).text("")
            .text(active ? "" : markdown(rng, 800 + rng.below(3000))).text("").text("").text("Incidents").text("")
            .text(R"({")" + w.channels[0].id + R"(":")" + post + R"("})").text("");
        runs.end_row();
        for (std::size_t u = 0; u < 3; ++u) {
            participants.text(id).text(team_users[u]).boolean(true).boolean(u < 2);
            participants.end_row();
        }
        status_posts.text(id).text(post);
        status_posts.end_row();
        for (const std::string type : {"incident_created", "status_updated", "task_state_modified"}) {
            timeline.text(new_id(rng)).text(id).number(w.tick(rng, 600000)).number(w.now_ms).text(type)
                .text(type == "status_updated" ? "@" + w.usernames[0] + " posted a status update" : "Run started")
                .text(R"({"action":"check","task":"Roll back"})").text(post).text(team_users[1]).text(team_users[0]);
            timeline.end_row();
        }
        for (std::size_t m = 2 * p; m < 2 * p + 2; ++m) {
            metrics.text(id).text(config_ids[m]).number(static_cast<std::int64_t>(rng.below(10000))).boolean(!active);
            metrics.end_row();
        }
    }
    w.finish("IR_Incident", runs);
    w.finish("IR_Run_Participants", participants);
    w.finish("IR_StatusPosts", status_posts);
    w.finish("IR_TimelineEvent", timeline);
    w.finish("IR_Metric", metrics);

    Inserter categories(w.session, "IR_Category", {"ID", "Name", "TeamID", "UserID", "Collapsed", "CreateAt"});
    Inserter items(w.session, "IR_Category_Item", {"Type", "CategoryID", "ItemID"});
    Inserter actions(w.session, "IR_ChannelAction",
                     {"ID", "ChannelID", "Enabled", "ActionType", "TriggerType", "Payload"});
    Inserter info(w.session, "IR_UserInfo", {"ID", "LastDailyTodoDMAt", "DigestNotificationSettingsJSON"});
    Inserter viewed(w.session, "IR_ViewedChannel", {"ChannelID", "UserID"});
    for (std::size_t u = 0; u < 3; ++u) {
        const std::string category = new_id(rng);
        categories.text(category).text("Favorites").text(w.teams[0]).text(team_users[u]).boolean(false).number(w.tick(rng));
        categories.end_row();
        items.text("p").text(category).text(playbook_ids[0]);
        items.end_row();
        info.text(team_users[u]).number(w.now_ms).text(R"({"disable_daily_digest":false,"disable_weekly_digest":true})");
        info.end_row();
        viewed.text(w.channels[u].id).text(team_users[u]);
        viewed.end_row();
    }
    actions.text(new_id(rng)).text(w.channels[0].id).boolean(true).text("send_welcome_message").text("new_member_joins")
        .text(R"({"message":"Willkommen! 👋 Read the pinned runbook."})");
    actions.end_row();
    actions.text(new_id(rng)).text(w.channels[0].id).boolean(false).text("prompt_run_playbook").text("keywords")
        .text(R"({"keywords":["outage","störung","障害"],"playbook_id":")" + playbook_ids[0] + R"("})");
    actions.end_row();
    w.finish("IR_Category", categories);
    w.finish("IR_Category_Item", items);
    w.finish("IR_ChannelAction", actions);
    w.finish("IR_UserInfo", info);
    w.finish("IR_ViewedChannel", viewed);
}

}  // namespace m2pg::test::mattermost
