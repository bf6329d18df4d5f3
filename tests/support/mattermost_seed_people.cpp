// Teams, users (bots among them) and what hangs off a user: team memberships, sessions,
// status, preferences, audits, tokens, groups, searches.
#include <algorithm>
#include <string>
#include <vector>

#include "support/mattermost_world.hpp"

namespace m2pg::test::mattermost {

namespace {

// Usernames are ASCII ([a-z0-9._-]) in Mattermost; the display names carry the scripts.
const std::vector<std::string>& ascii_names() {
    static const std::vector<std::string> kNames = {"anna", "ben", "chloe", "dmitri", "emma", "fatima", "george",
                                                    "hana", "igor", "juergen", "kenji", "lea", "mohammed", "nina",
                                                    "olga", "priya", "raj", "sofia", "tomas", "wei", "yuki", "zoe"};
    return kNames;
}

std::string bcrypt_like(Rng& rng) {
    return "$2a$10$" + new_id(rng) + new_id(rng) + "x";  // 60 characters, like a bcrypt hash
}

std::string notify_props(Rng& rng) {
    return std::string(R"({"auto_responder_active":"false","auto_responder_message":"Hello, I am out of office and unable to respond to messages.","channel":"true","comments":"never","desktop":")") +
           (rng.percent(70) ? "mention" : "all") +
           R"(","desktop_sound":"true","email":"true","first_name":"false","mention_keys":"","push":"mention","push_status":"away"})";
}

}  // namespace

void seed_people(World& w) {
    Rng rng = w.stream(2);
    const std::uint64_t user_count = std::max<std::uint64_t>(20, w.options.posts / 50);
    const std::uint64_t team_count = std::clamp<std::uint64_t>(user_count / 400, 2, 30);

    Inserter teams(w.session, "Teams", {"Id", "CreateAt", "UpdateAt", "DeleteAt", "DisplayName", "Name",
                                        "Description", "Email", "Type", "CompanyName", "AllowedDomains", "InviteId",
                                        "SchemeId", "AllowOpenInvite", "LastTeamIconUpdate", "GroupConstrained",
                                        "CloudLimitsArchived"});
    for (std::uint64_t t = 0; t < team_count; ++t) {
        w.teams.push_back(new_id(rng));
        const std::int64_t at = w.tick(rng);
        teams.text(w.teams.back()).number(at).number(at).number(0).text(short_text(rng, 40))
            .text("team-" + std::to_string(t)).text(short_text(rng, 120)).text("admin@example.com")
            .text(t % 3 == 2 ? "I" : "O").text("").text(t == 0 ? "example.com, beispiel.de" : "")
            .text(new_id(rng)).text_or_null(t == 1 ? std::optional<std::string>(w.scheme) : std::nullopt)
            .boolean(t % 3 != 2).number(0).boolean(false).boolean(false);
        teams.end_row();
    }
    w.finish("Teams", teams);
    w.team_members.resize(team_count);

    Inserter users(w.session, "Users",
                   {"Id", "CreateAt", "UpdateAt", "DeleteAt", "Username", "Password", "AuthData", "AuthService",
                    "Email", "EmailVerified", "Nickname", "FirstName", "LastName", "Roles", "AllowMarketing", "Props",
                    "NotifyProps", "LastPasswordUpdate", "LastPictureUpdate", "FailedAttempts", "Locale", "MfaActive",
                    "MfaSecret", "Position", "Timezone", "RemoteId", "LastLogin", "MfaUsedTimestamps"});
    Inserter bots(w.session, "Bots",
                  {"UserId", "Description", "OwnerId", "CreateAt", "UpdateAt", "DeleteAt", "LastIconUpdate"});
    static const std::vector<std::string> kLocales = {"en", "de", "fr", "ru", "ja", "zh-CN", "ko", "ar", "he"};
    static const std::vector<std::string> kBots = {"calls", "playbooks", "feedbackbot", "system-bot"};
    for (std::uint64_t u = 0; u < user_count + kBots.size(); ++u) {
        const bool is_bot = u >= user_count;
        const std::string id = new_id(rng);
        const std::string username = is_bot ? kBots[u - user_count]
                                            : ascii_names()[u % ascii_names().size()] + "." + std::to_string(u);
        w.users.push_back(id);
        w.usernames.push_back(username);
        const std::int64_t at = w.tick(rng);
        const bool ldap = !is_bot && rng.percent(10);
        users.text(id).number(at).number(w.tick(rng)).number(!is_bot && rng.percent(3) ? at + 1000 : 0)
            .text(username).text(is_bot || ldap ? "" : bcrypt_like(rng))
            .text_or_null(ldap ? std::optional<std::string>("uid=" + username + ",ou=people,dc=example,dc=com")
                               : std::nullopt)
            .text(ldap ? "ldap" : "").text(username + "@example.com").boolean(true)
            .text(is_bot ? "" : rng.pick(first_names()) + " " + rng.pick(emoji_names()))
            .text(is_bot ? "" : rng.pick(first_names())).text(is_bot ? "" : rng.pick(last_names()))
            .text(u == 0 ? "system_admin system_user" : "system_user").boolean(rng.percent(20))
            .text(rng.percent(40) ? "{}"
                                  : R"({"customStatus":"{\"emoji\":\"palm_tree\",\"text\":\"Urlaub 🌴 back monday\",\"duration\":\"date_and_time\"}","last_search_pointer":"3"})")
            .text(notify_props(rng)).number(at).number(rng.percent(50) ? at + 5000 : 0).number(0)
            .text(rng.pick(kLocales)).boolean(false).text("").text(is_bot ? "" : short_text(rng, 40))
            .text(R"({"automaticTimezone":"Europe/Berlin","manualTimezone":"","useAutomaticTimezone":"true"})")
            .null().number(is_bot ? 0 : w.tick(rng)).text("[]");
        users.end_row();
        if (is_bot) {
            bots.text(id).text("Bot of the " + username + " plugin 🤖").text("com.mattermost." + username).number(at)
                .number(at).number(0).number(0);
            bots.end_row();
            continue;
        }
        // Every user in the first team, some in more: TeamMembers is (TeamId, UserId).
        for (std::size_t t = 0; t < w.teams.size(); ++t)
            if (t == 0 || rng.percent(30)) w.team_members[t].push_back(w.users.size() - 1);
    }
    w.finish("Users", users);
    w.finish("Bots", bots);
    for (auto& team : w.team_members)  // a team's default channels need people in them
        for (std::size_t u : {std::size_t{0}, std::size_t{1}})
            if (std::find(team.begin(), team.end(), u) == team.end()) team.push_back(u);

    Inserter members(w.session, "TeamMembers", {"TeamId", "UserId", "Roles", "DeleteAt", "SchemeUser", "SchemeAdmin",
                                                "SchemeGuest", "CreateAt"});
    for (std::size_t t = 0; t < w.teams.size(); ++t)
        for (std::size_t u : w.team_members[t]) {
            const bool admin = u == 0 || rng.percent(5);
            members.text(w.teams[t]).text(w.users[u]).text("").number(0).boolean(true).boolean(admin)
                .boolean(false).number(w.tick(rng, 1000));
            members.end_row();
        }
    w.finish("TeamMembers", members);

    Inserter sessions(w.session, "Sessions", {"Id", "Token", "CreateAt", "ExpiresAt", "LastActivityAt", "UserId",
                                              "DeviceId", "Roles", "IsOAuth", "Props", "ExpiredNotify"});
    Inserter status(w.session, "Status", {"UserId", "Status", "Manual", "LastActivityAt", "DNDEndTime", "PrevStatus"});
    Inserter prefs(w.session, "Preferences", {"UserId", "Category", "Name", "Value"});
    Inserter audits(w.session, "Audits", {"Id", "CreateAt", "UserId", "Action", "ExtraInfo", "IpAddress", "SessionId"});
    static const std::vector<std::string> kStatus = {"online", "away", "offline", "dnd"};
    for (std::uint64_t u = 0; u < user_count; ++u) {
        const std::string& user = w.users[u];
        const std::int64_t login = w.tick(rng, 600000);
        for (int s = 0, n = 1 + static_cast<int>(rng.below(2)); s < n; ++s) {
            const bool mobile = s == 1;
            w.sessions.push_back(new_id(rng));
            sessions.text(w.sessions.back()).text(new_id(rng)).number(login).number(login + 2592000000)
                .number(login + 60000).text(user)
                .text(mobile ? "android_rn-v2:" + new_id(rng) + new_id(rng) : "")
                .text(u == 0 ? "system_admin system_user" : "system_user").boolean(false)
                .text(std::string(R"({"browser":")") + (mobile ? "Mobile App/2.20.0" : "Firefox/128.0") +
                      R"(","csrf":")" + new_id(rng) + R"(","isSaml":"false","is_guest":"false","isMobile":")" +
                      (mobile ? "true" : "false") + R"(","os":")" + (mobile ? "Android" : "Linux") +
                      R"(","platform":")" + (mobile ? "Android" : "Linux") + R"("})")
                .boolean(false);
            sessions.end_row();
        }
        const std::string state = rng.pick(kStatus);
        status.text(user).text(state).boolean(state == "dnd").number(login + 60000).number(state == "dnd" ? login + 3600000 : 0)
            .text(state == "dnd" ? "online" : "");
        status.end_row();
        prefs.text(user).text("display_settings").text("use_military_time").text(rng.percent(50) ? "true" : "false");
        prefs.end_row();
        prefs.text(user).text("tutorial_step").text(user).text("999");
        prefs.end_row();
        prefs.text(user).text("recommended_next_steps").text("hide").text("true");
        prefs.end_row();
        if (rng.percent(30)) {
            prefs.text(user).text("theme").text("")
                .text(R"({"awayIndicator":"#ffbc1f","buttonBg":"#1c58d9","centerChannelBg":"#ffffff","codeTheme":"github","linkColor":"#386fe5","sidebarBg":"#1e325c","type":"Denim"})");
            prefs.end_row();
        }
        audits.text(new_id(rng)).number(login).text(user).text("/api/v4/users/login")
            .text("success session_user=" + user).text(rng.percent(50) ? "10.0.3." + std::to_string(u % 250) : "2001:db8::" + std::to_string(u % 250))
            .text(w.sessions.back());
        audits.end_row();
    }
    w.finish("Sessions", sessions);
    w.finish("Status", status);
    w.finish("Preferences", prefs);
    w.finish("Audits", audits);

    Inserter access(w.session, "UserAccessTokens", {"Id", "Token", "UserId", "Description", "IsActive"});
    Inserter tokens(w.session, "Tokens", {"Token", "CreateAt", "Type", "Extra"});
    Inserter terms(w.session, "UserTermsOfService", {"UserId", "TermsOfServiceId", "CreateAt"});
    Inserter notices(w.session, "ProductNoticeViewState", {"UserId", "NoticeId", "Viewed", "Timestamp"});
    Inserter searches(w.session, "RecentSearches", {"UserId", "SearchPointer", "Query", "CreateAt"});
    Inserter desktop(w.session, "DesktopTokens", {"Token", "CreateAt", "UserId"});
    for (std::uint64_t u = 0; u < user_count; ++u) {
        const std::string& user = w.users[u];
        if (u % 7 == 0) {
            access.text(new_id(rng)).text(new_id(rng)).text(user).text("CI deploy token — Jenkins").boolean(true);
            access.end_row();
        }
        if (u % 9 == 0) {
            tokens.text(new_id(rng) + new_id(rng).substr(0, 38)).number(w.tick(rng)).text("password_recovery")
                .text(R"({"UserId":")" + user + R"(","Email":")" + w.usernames[u] + R"(@example.com"})");
            tokens.end_row();
        }
        if (u % 2 == 0) {
            terms.text(user).text(new_id(rng)).number(w.tick(rng));
            terms.end_row();
        }
        if (u % 3 == 0) {
            notices.text(user).text("gfycat_deprecation").number(1).number(w.tick(rng));
            notices.end_row();
            searches.text(user).number(0)
                .text(R"({"terms":"migration größe","is_or_search":false,"time_zone_offset":3600,"exclude_terms":"","in_channels":["town-square"],"include_deleted_channels":false})")
                .number(w.tick(rng));
            searches.end_row();
        }
        if (u == 1) {
            desktop.text(new_id(rng) + new_id(rng).substr(0, 12)).number(w.tick(rng)).text(user);
            desktop.end_row();
        }
    }
    w.finish("UserAccessTokens", access);
    w.finish("Tokens", tokens);
    w.finish("UserTermsOfService", terms);
    w.finish("ProductNoticeViewState", notices);
    w.finish("RecentSearches", searches);
    w.finish("DesktopTokens", desktop);

    Inserter groups(w.session, "UserGroups", {"Id", "Name", "DisplayName", "Description", "Source", "RemoteId",
                                              "CreateAt", "UpdateAt", "DeleteAt", "AllowReference"});
    Inserter group_members(w.session, "GroupMembers", {"GroupId", "UserId", "CreateAt", "DeleteAt"});
    Inserter group_teams(w.session, "GroupTeams",
                         {"GroupId", "AutoAdd", "SchemeAdmin", "CreateAt", "DeleteAt", "UpdateAt", "TeamId"});
    for (int g = 0; g < 3; ++g) {
        const std::string id = new_id(rng);
        const bool ldap = g == 2;
        groups.text(id).text("developers-" + std::to_string(g)).text(g == 1 ? "Entwickler:innen" : "Developers")
            .text("Everyone who ships code 🚢").text(ldap ? "ldap" : "custom")
            .text_or_null(ldap ? std::optional<std::string>("cn=devs,ou=groups,dc=example,dc=com") : std::nullopt)
            .number(w.tick(rng)).number(w.now_ms).number(0).boolean(g != 2);
        groups.end_row();
        for (std::uint64_t u = static_cast<std::uint64_t>(g); u < user_count; u += 4) {
            group_members.text(id).text(w.users[u]).number(w.tick(rng, 1000)).number(0);
            group_members.end_row();
        }
        if (ldap) {
            group_teams.text(id).boolean(true).boolean(false).number(w.now_ms).number(0).number(w.now_ms).text(w.teams[0]);
            group_teams.end_row();
        }
    }
    w.finish("UserGroups", groups);
    w.finish("GroupMembers", group_members);
    w.finish("GroupTeams", group_teams);

    Inserter notify(w.session, "NotifyAdmin",
                    {"UserId", "CreateAt", "RequiredPlan", "RequiredFeature", "Trial", "SentAt"});
    notify.text(w.users[1]).number(w.tick(rng)).text("professional").text("mattermost.feature.guest_accounts")
        .boolean(false).null();
    notify.end_row();
    w.finish("NotifyAdmin", notify);
}

}  // namespace m2pg::test::mattermost
