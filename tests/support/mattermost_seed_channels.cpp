// Channels of the four types and their members, the members' sidebar, PublicChannels (the
// app keeps it as a copy of the open channels) and the membership history.
#include <algorithm>
#include <cstdio>
#include <set>
#include <string>

#include "support/mattermost_world.hpp"

namespace m2pg::test::mattermost {

namespace {

std::vector<std::size_t> pick_distinct(Rng& rng, const std::vector<std::size_t>& from, std::size_t count) {
    std::vector<std::size_t> out;
    std::set<std::size_t> seen;
    count = std::min(count, from.size());
    while (out.size() < count) {
        const std::size_t u = from[rng.below(from.size())];
        if (seen.insert(u).second) out.push_back(u);
    }
    return out;
}

std::string hex40(Rng& rng) {
    std::string out;
    for (int i = 0; i < 5; ++i) {
        char buf[17];
        std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(rng.next()));
        out += std::string(buf).substr(0, 8);
    }
    return out;
}

void make_channels(World& w, Rng& rng) {
    const std::uint64_t count = std::max<std::uint64_t>(12, w.options.posts / 100);
    std::vector<std::size_t> everyone;
    for (std::size_t u = 0; u + 4 < w.users.size(); ++u) everyone.push_back(u);  // the last four are bots
    for (std::uint64_t i = 0; i < count; ++i) {
        Channel c;
        c.id = new_id(rng);
        c.create_at = w.tick(rng);
        const std::uint64_t roll = rng.below(100);
        // Each team starts with town-square and off-topic, as the app creates them.
        const bool default_channel = i < 2 * w.teams.size();
        c.type = default_channel || roll < 45 ? 'O' : roll < 60 ? 'P' : roll < 90 ? 'D' : 'G';
        if (const std::uint64_t next = i - 2 * w.teams.size(); !default_channel && next < 3) c.type = "PDG"[next];
        c.team = default_channel ? i / 2 : rng.below(w.teams.size());
        if (c.type == 'D') {
            c.members = pick_distinct(rng, everyone, 2);
            std::string a = w.users[c.members[0]], b = w.users[c.members[1]];
            if (b < a) std::swap(a, b);
            c.name = a + "__" + b;
        } else if (c.type == 'G') {
            c.members = pick_distinct(rng, everyone, 3 + rng.below(3));
            c.name = hex40(rng);
        } else {
            const auto& team = w.team_members[c.team];
            c.members = default_channel ? team : pick_distinct(rng, team, 2 + rng.skewed(40));
            c.name = default_channel ? (i % 2 == 0 ? "town-square" : "off-topic") : "channel-" + std::to_string(i);
        }
        w.channels.push_back(std::move(c));
    }
}

}  // namespace

void seed_channels(World& w) {
    Rng rng = w.stream(3);
    make_channels(w, rng);

    Inserter channels(w.session, "Channels",
                      {"Id", "CreateAt", "UpdateAt", "DeleteAt", "TeamId", "Type", "DisplayName", "Name", "Header",
                       "Purpose", "LastPostAt", "TotalMsgCount", "ExtraUpdateAt", "CreatorId", "SchemeId",
                       "GroupConstrained", "Shared", "TotalMsgCountRoot", "LastRootPostAt", "BannerInfo"});
    Inserter publics(w.session, "PublicChannels",
                     {"Id", "DeleteAt", "TeamId", "DisplayName", "Name", "Header", "Purpose"});
    for (const auto& c : w.channels) {
        const bool direct = c.type == 'D' || c.type == 'G';
        std::string display;
        if (c.type == 'G')
            for (std::size_t u : c.members) display += (display.empty() ? "" : ", ") + w.usernames[u];
        else if (c.type != 'D')
            display = c.name == "town-square" ? "Town Square" : c.name == "off-topic" ? "Off-Topic" : short_text(rng, 40);
        const std::string header = direct || rng.percent(50) ? "" : short_text(rng, 200);
        const std::string purpose = direct ? "" : short_text(rng, 100);
        const std::int64_t deleted = !direct && rng.percent(3) ? w.tick(rng) : 0;
        channels.text(c.id).number(c.create_at).number(c.create_at).number(deleted)
            .text(direct ? "" : w.teams[c.team]).text(std::string(1, c.type)).text(display).text(c.name).text(header)
            .text(purpose).number(0).number(0).number(0).text(direct ? "" : w.users[c.members.front()]).null()
            .boolean(false).boolean(false).number(0).number(0)
            .text_or_null(c.type == 'O' && rng.percent(10)
                              ? std::optional<std::string>(
                                    R"({"enabled":true,"text":"Wartung am Freitag 🛠️","background_color":"#dd4444"})")
                              : std::nullopt);
        channels.end_row();
        if (c.type == 'O') {
            publics.text(c.id).number(deleted).text(w.teams[c.team]).text(display).text(c.name).text(header)
                .text(purpose);
            publics.end_row();
        }
    }
    w.finish("Channels", channels);
    w.finish("PublicChannels", publics);

    Inserter members(w.session, "ChannelMembers",
                     {"ChannelId", "UserId", "Roles", "LastViewedAt", "MsgCount", "MentionCount", "NotifyProps",
                      "LastUpdateAt", "SchemeUser", "SchemeAdmin", "SchemeGuest", "MentionCountRoot",
                      "MsgCountRoot", "UrgentMentionCount"});
    Inserter history(w.session, "ChannelMemberHistory", {"ChannelId", "UserId", "JoinTime", "LeaveTime"});
    for (const auto& c : w.channels)
        for (std::size_t u : c.members) {
            const std::int64_t at = c.create_at + rng.between(0, 86400000);
            members.text(c.id).text(w.users[u]).text("").number(at).number(rng.below(50)).number(rng.below(3))
                .text(std::string(R"({"channel_auto_follow_threads":"off","desktop":"default","email":"default","ignore_channel_mentions":"default","mark_unread":")") +
                      (rng.percent(10) ? "mention" : "all") + R"(","push":"default"})")
                .number(at).boolean(true).boolean(u == c.members.front() && c.type == 'P').boolean(false)
                .number(0).number(rng.below(20)).number(0);
            members.end_row();
            history.text(c.id).text(w.users[u]).number(at).text_or_null(
                rng.percent(2) ? std::optional<std::string>(std::to_string(at + 3600000)) : std::nullopt);
            history.end_row();
        }
    w.finish("ChannelMembers", members);
    w.finish("ChannelMemberHistory", history);

    // Every team member has the app's three sidebar categories per team (Id is
    // "<type>_<user>_<team>", as the app builds it) and some favourite channels.
    Inserter categories(w.session, "SidebarCategories", {"Id", "UserId", "TeamId", "SortOrder", "Sorting", "Type",
                                                         "DisplayName", "Muted", "Collapsed"});
    Inserter sidebar(w.session, "SidebarChannels", {"ChannelId", "UserId", "CategoryId", "SortOrder"});
    for (std::size_t t = 0; t < w.teams.size(); ++t)
        for (std::size_t u : w.team_members[t]) {
            const std::string suffix = "_" + w.users[u] + "_" + w.teams[t];
            int order = 0;
            for (const auto& [type, name] : std::vector<std::pair<std::string, std::string>>{
                     {"favorites", "Favorites"}, {"channels", "Channels"}, {"direct_messages", "Direct Messages"}}) {
                categories.text(type + suffix).text(w.users[u]).text(w.teams[t]).number(order).text(
                    type == "direct_messages" ? "recent" : "").text(type).text(name).boolean(false).boolean(false);
                categories.end_row();
                order += 10;
            }
            if (rng.percent(20)) {
                sidebar.text(w.channels[2 * t].id).text(w.users[u]).text("favorites" + suffix).number(0);
                sidebar.end_row();
            }
        }
    w.finish("SidebarCategories", categories);
    w.finish("SidebarChannels", sidebar);

    Inserter group_channels(w.session, "GroupChannels",
                            {"GroupId", "AutoAdd", "SchemeAdmin", "CreateAt", "DeleteAt", "UpdateAt", "ChannelId"});
    group_channels.text(new_id(rng)).boolean(true).boolean(false).number(w.now_ms).number(0).number(w.now_ms)
        .text(w.channels[0].id);
    group_channels.end_row();
    w.finish("GroupChannels", group_channels);
}

}  // namespace m2pg::test::mattermost
