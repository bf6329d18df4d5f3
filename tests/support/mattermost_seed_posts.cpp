// Posts and what hangs off them: threads and their memberships, reactions, files, and the
// newer per-post tables (priority, acknowledgements, reminders); drafts, scheduled posts,
// bookmarks and link previews.
#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <string>

#include "support/mattermost_world.hpp"

namespace m2pg::test::mattermost {

namespace {

struct Thread {
    std::string root;
    std::size_t channel = 0;
    std::int64_t last_reply = 0;
    std::uint64_t replies = 0;
    std::vector<std::size_t> participants;  // indexes into World::users, in order of first reply
};

std::size_t message_chars(Rng& rng) {
    const std::uint64_t roll = rng.below(1000);
    if (roll < 850) return static_cast<std::size_t>(rng.between(5, 200));
    if (roll < 970) return static_cast<std::size_t>(rng.between(200, 1000));
    return static_cast<std::size_t>(rng.between(1000, 4000));
}

std::string post_props(Rng& rng) {
    const std::uint64_t roll = rng.below(100);
    if (roll < 80) return "{}";
    if (roll < 90) return R"({"disable_group_highlight":true})";
    if (roll < 96)
        return R"({"attachments":[{"id":0,"fallback":"Build #4711 failed","color":"#FF8000","pretext":"","text":"Build #4711 failed ❌ — see C:\\ci\\logs\\4711.txt","title":"CI \"nightly\"","fields":null,"actions":null}],"from_webhook":"true","override_username":"jenkins"})";
    return R"({"mentionHighlightDisabled":false,"previewed_post":"","channel_mentions":{"off-topic":{"display_name":"Off-Topic"}}})";
}

std::string hex_bytes(Rng& rng, std::size_t n) {
    std::string out = "x'";
    char buf[3];
    for (std::size_t i = 0; i < n; ++i) {
        std::snprintf(buf, sizeof buf, "%02x", static_cast<unsigned>(rng.below(256)));
        out += buf;
    }
    return out + "'";
}

struct FileKind {
    std::string extension, mime;
    bool image;
};

const std::vector<FileKind>& file_kinds() {
    static const std::vector<FileKind> kKinds = {
        {"png", "image/png", true},
        {"jpg", "image/jpeg", true},
        {"pdf", "application/pdf", false},
        {"txt", "text/plain; charset=utf-8", false},
        {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", false},
        {"log", "text/plain", false}};
    return kKinds;
}

}  // namespace

void seed_posts(World& w) {
    Rng rng = w.stream(4);
    Inserter posts(w.session, "Posts", {"Id", "CreateAt", "UpdateAt", "DeleteAt", "UserId", "ChannelId", "RootId",
                                        "OriginalId", "Message", "Type", "Props", "Hashtags", "Filenames", "FileIds",
                                        "HasReactions", "EditAt", "IsPinned", "RemoteId"});
    Inserter files(w.session, "FileInfo",
                   {"Id", "CreatorId", "PostId", "CreateAt", "UpdateAt", "DeleteAt", "Path", "ThumbnailPath",
                    "PreviewPath", "Name", "Extension", "Size", "MimeType", "Width", "Height", "HasPreviewImage",
                    "MiniPreview", "Content", "RemoteId", "Archived", "ChannelId"});
    Inserter reactions(w.session, "Reactions", {"UserId", "PostId", "EmojiName", "CreateAt", "UpdateAt", "DeleteAt",
                                                "RemoteId", "ChannelId"});
    std::vector<Thread> threads;
    std::map<std::size_t, std::size_t> open_thread;  // channel → index into threads of its latest root
    const std::uint64_t keep_every = std::max<std::uint64_t>(1, w.options.posts / 60);

    for (std::uint64_t p = 0; p < w.options.posts; ++p) {
        const std::size_t ci = rng.skewed(w.channels.size());
        const Channel& channel = w.channels[ci];
        const std::size_t author = channel.members[rng.below(channel.members.size())];
        const std::string id = new_id(rng);
        const std::int64_t at = w.tick(rng, 30000);
        if (p % keep_every == 0) w.some_posts.push_back(id);

        std::string root;
        auto open = open_thread.find(ci);
        if (open != open_thread.end() && rng.percent(30)) {
            Thread& t = threads[open->second];
            root = t.root;
            ++t.replies;
            t.last_reply = at;
            if (std::find(t.participants.begin(), t.participants.end(), author) == t.participants.end())
                t.participants.push_back(author);
        }
        const bool system = root.empty() && rng.percent(3);
        std::string hashtags;
        const std::string message = system ? "@" + w.usernames[author] + " joined the channel."
                                           : chat_text(rng, message_chars(rng), w.usernames, &hashtags);

        std::string file_ids = "[]";
        if (!system && rng.percent(8)) {
            file_ids = "[";
            for (std::uint64_t f = 0, n = 1 + rng.below(3); f < n; ++f) {
                const std::string fid = new_id(rng);
                if (w.some_files.size() < 20) w.some_files.push_back(fid);
                file_ids += std::string(f ? "," : "") + "\"" + fid + "\"";
                const FileKind& kind = rng.pick(file_kinds());
                const std::string name = (rng.percent(30) ? "Отчёт " : rng.percent(30) ? "報告書 " : "report ") +
                                         std::to_string(p) + "." + kind.extension;
                const std::string dir = "20240101/teams/noteam/channels/" + channel.id + "/users/" +
                                        w.users[author] + "/" + fid + "/";
                files.text(fid).text(w.users[author]).text(id).number(at).number(at).number(0).text(dir + name)
                    .text(kind.image ? dir + "report_thumb.jpg" : "").text(kind.image ? dir + "report_preview.jpg" : "")
                    .text(name).text(kind.extension).number(static_cast<std::int64_t>(1000 + rng.below(5000000)))
                    .text(kind.mime).number(kind.image ? 1920 : 0).number(kind.image ? 1080 : 0).boolean(kind.image)
                    .sql(kind.image ? hex_bytes(rng, 40 + rng.below(60)) : "NULL")
                    .text(kind.image ? "" : chat_text(rng, 50 + rng.below(1500), {}, nullptr)).null().boolean(false)
                    .text(channel.id);
                files.end_row();
            }
            file_ids += "]";
        }
        const bool reacted = !system && rng.percent(20);
        posts.text(id).number(at).number(at).number(rng.percent(1) ? at + 60000 : 0).text(w.users[author])
            .text(channel.id).text(root).text("").text(message).text(system ? "system_join_channel" : "")
            .text(system ? R"({"username":")" + w.usernames[author] + "\"}" : post_props(rng)).text(hashtags)
            .text("[]").text(file_ids).boolean(reacted).number(rng.percent(5) ? at + 120000 : 0)
            .boolean(rng.percent(1)).null();
        posts.end_row();

        if (reacted) {
            std::set<std::pair<std::size_t, std::string>> seen;
            for (std::uint64_t r = 0, n = 1 + rng.below(3); r < n; ++r) {
                const std::size_t who = channel.members[rng.below(channel.members.size())];
                const std::string& emoji = rng.pick(emoji_names());
                if (!seen.insert({who, emoji}).second) continue;
                reactions.text(w.users[who]).text(id).text(emoji).number(at + 1000).number(at + 1000).number(0)
                    .text("").text(channel.id);
                reactions.end_row();
            }
        }
        if (root.empty() && !system) {
            threads.push_back({id, ci, 0, 0, {author}});
            open_thread[ci] = threads.size() - 1;
        }
    }
    w.finish("Posts", posts);
    w.finish("FileInfo", files);
    w.finish("Reactions", reactions);

    Inserter thread_rows(w.session, "Threads", {"PostId", "ReplyCount", "LastReplyAt", "Participants", "ChannelId",
                                                "ThreadDeleteAt", "ThreadTeamId"});
    Inserter memberships(w.session, "ThreadMemberships",
                         {"PostId", "UserId", "Following", "LastViewed", "LastUpdated", "UnreadMentions"});
    for (const Thread& t : threads) {
        if (t.replies == 0) continue;
        const Channel& channel = w.channels[t.channel];
        std::string participants = "[";
        for (std::size_t u : t.participants) participants += (participants.size() > 1 ? ",\"" : "\"") + w.users[u] + "\"";
        participants += "]";
        thread_rows.text(t.root).number(static_cast<std::int64_t>(t.replies)).number(t.last_reply).text(participants)
            .text(channel.id).number(0)
            .text(channel.type == 'D' || channel.type == 'G' ? "" : w.teams[channel.team]);
        thread_rows.end_row();
        for (std::size_t u : t.participants) {
            memberships.text(t.root).text(w.users[u]).boolean(true).number(t.last_reply).number(t.last_reply)
                .number(0);
            memberships.end_row();
        }
    }
    w.finish("Threads", thread_rows);
    w.finish("ThreadMemberships", memberships);

    // The newer per-post tables, on a few of the posts kept above.
    Inserter priority(w.session, "PostsPriority",
                      {"PostId", "ChannelId", "Priority", "RequestedAck", "PersistentNotifications"});
    Inserter acks(w.session, "PostAcknowledgements", {"PostId", "UserId", "AcknowledgedAt"});
    Inserter reminders(w.session, "PostReminders", {"PostId", "UserId", "TargetTime"});
    Inserter persistent(w.session, "PersistentNotifications",
                        {"PostId", "CreateAt", "LastSentAt", "DeleteAt", "SentCount"});
    for (std::size_t i = 0; i < w.some_posts.size() && i < 6; ++i) {
        const std::string& post = w.some_posts[i];
        const bool urgent = i % 2 == 0;
        priority.text(post).text(w.channels[0].id).text(urgent ? "urgent" : "important").boolean(urgent)
            .boolean(urgent && i == 0);
        priority.end_row();
        acks.text(post).text(w.users[i]).number(w.tick(rng));
        acks.end_row();
        reminders.text(post).text(w.users[i + 1]).number(w.now_ms + 3600000);
        reminders.end_row();
        if (i == 0) {
            persistent.text(post).number(w.now_ms).number(w.now_ms + 300000).number(0).number(3);
            persistent.end_row();
        }
    }
    w.finish("PostsPriority", priority);
    w.finish("PostAcknowledgements", acks);
    w.finish("PostReminders", reminders);
    w.finish("PersistentNotifications", persistent);

    Inserter drafts(w.session, "Drafts", {"CreateAt", "UpdateAt", "DeleteAt", "UserId", "ChannelId", "RootId",
                                          "Message", "Props", "FileIds", "Priority"});
    Inserter scheduled(w.session, "ScheduledPosts",
                       {"id", "createat", "updateat", "userid", "channelid", "rootid", "message", "props", "fileids",
                        "priority", "scheduledat", "processedat", "errorcode"});
    std::set<std::pair<std::size_t, std::size_t>> drafted;
    for (std::size_t d = 0; d < std::max<std::size_t>(5, w.users.size() / 3); ++d) {
        const std::size_t ci = rng.below(w.channels.size());
        const std::size_t u = w.channels[ci].members[rng.below(w.channels[ci].members.size())];
        if (!drafted.insert({u, ci}).second) continue;
        const std::int64_t at = w.tick(rng);
        drafts.number(at).number(at).number(0).text(w.users[u]).text(w.channels[ci].id).text("")
            .text(chat_text(rng, 20 + rng.below(200), w.usernames)).text("{}").text("[]")
            .text_or_null(rng.percent(20) ? std::optional<std::string>(R"({"priority":"urgent","requested_ack":true})")
                                          : std::nullopt);
        drafts.end_row();
        if (d % 4 == 0) {
            scheduled.text(new_id(rng)).number(at).number(at).text(w.users[u]).text(w.channels[ci].id).text("")
                .text(chat_text(rng, 30, w.usernames)).text("{}").text("[]").null().number(at + 86400000)
                .number(d % 8 == 0 ? at + 86400000 : 0).text(d % 8 == 0 ? "" : "channel_archived");
            scheduled.end_row();
        }
    }
    w.finish("Drafts", drafts);
    w.finish("ScheduledPosts", scheduled);

    Inserter bookmarks(w.session, "ChannelBookmarks",
                       {"Id", "OwnerId", "ChannelId", "FileInfoId", "CreateAt", "UpdateAt", "DeleteAt", "DisplayName",
                        "SortOrder", "LinkUrl", "ImageUrl", "Emoji", "Type", "OriginalId", "ParentId"});
    for (int b = 0; b < 4; ++b) {
        const bool file = b == 3 && !w.some_files.empty();
        bookmarks.text(new_id(rng)).text(w.users[0]).text(w.channels[0].id)
            .text_or_null(file ? std::optional<std::string>(w.some_files[0]) : std::nullopt).number(w.tick(rng))
            .number(w.now_ms).number(0).text(b == 1 ? "Runbook — Betriebshandbuch 📕" : "Dashboard").number(b)
            .text(file ? "" : "https://grafana.example.com/d/" + new_id(rng)).text("").text(b == 2 ? ":rocket:" : "")
            .text(file ? "file" : "link").text("").text("");
        bookmarks.end_row();
    }
    w.finish("ChannelBookmarks", bookmarks);

    Inserter links(w.session, "LinkMetadata", {"Hash", "URL", "Timestamp", "Type", "Data"});
    for (int l = 0; l < 5; ++l) {
        links.number(static_cast<std::int64_t>(rng.next() >> 1)).text("https://example.com/tickets/" + std::to_string(4711 + l))
            .number(w.tick(rng)).text(l % 2 ? "image" : "opengraph")
            .text(l % 2 ? R"({"width":1200,"height":630,"format":"png","frame_count":0})"
                        : R"({"type":"website","url":"https://example.com/tickets/4711","title":"Ticket #4711 — Größe","description":"Ошибка входа","site_name":"Tracker"})");
        links.end_row();
    }
    w.finish("LinkMetadata", links);
}

}  // namespace m2pg::test::mattermost
