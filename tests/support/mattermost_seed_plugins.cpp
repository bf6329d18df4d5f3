// The plugins' rows: Calls (its tables come from its own migrations in the corpus), Boards
// and Playbooks (no SQL in the corpus: their MySQL tables are made here as the plugins' own
// migrations leave them, mattermost_plugin_tables.cpp).
#include <string>

#include "support/mattermost_plugin_tables.hpp"
#include "support/mattermost_world.hpp"

namespace m2pg::test::mattermost {

namespace {

void seed_calls(World& w, Rng& rng) {
    Inserter channels(w.session, "calls_channels", {"ChannelID", "Enabled", "Props"});
    Inserter calls(w.session, "calls", {"ID", "ChannelID", "StartAt", "EndAt", "CreateAt", "DeleteAt", "Title",
                                        "PostID", "ThreadID", "OwnerID", "Participants", "Stats", "Props"});
    Inserter sessions(w.session, "calls_sessions",
                      {"ID", "CallID", "UserID", "JoinAt", "Unmuted", "RaisedHand", "Video"});
    Inserter jobs(w.session, "calls_jobs",
                  {"ID", "CallID", "Type", "CreatorID", "InitAt", "StartAt", "EndAt", "Props"});
    for (std::size_t c = 0; c < w.channels.size() && c < 6; ++c) {
        const Channel& channel = w.channels[c];
        channels.text(channel.id).boolean(c % 3 != 2).text(c % 2 ? "{}" : "null");
        channels.end_row();
        const std::string call = new_id(rng);
        const std::int64_t start = w.tick(rng, 3600000);
        const bool live = c == 5;
        std::string participants = "[";
        for (std::size_t m = 0; m < channel.members.size() && m < 4; ++m)
            participants += std::string(m ? "," : "") + "\"" + w.users[channel.members[m]] + "\"";
        participants += "]";
        calls.text(call).text(channel.id).number(start).number(live ? 0 : start + 1800000).number(start).number(0)
            .text(c == 1 ? "Daily stand-up — Tägliches Treffen ☕" : "").text(w.some_posts[c]).text(w.some_posts[c])
            .text(w.users[channel.members[0]]).text(participants)
            .text(live ? "{}" : R"({"ScreenDuration":120000,"Participants":{"a":{"JoinAt":1,"LeftAt":2}}})")
            .text(R"({"Hosts":[")" + w.users[channel.members[0]] + R"("],"RTCDHost":"rtcd-0","NodeID":")" + new_id(rng) +
                  R"(","DismissedNotification":{}})");
        calls.end_row();
        if (live)
            for (std::size_t m = 0; m < channel.members.size() && m < 3; ++m) {
                sessions.text(new_id(rng)).text(call).text(w.users[channel.members[m]]).number(start + 1000)
                    .boolean(m == 0).number(m == 1 ? start + 5000 : 0).boolean(false);
                sessions.end_row();
            }
        if (c < 2) {
            jobs.text(new_id(rng)).text(call).text(c == 0 ? "recording" : "transcription").text(w.users[0])
                .number(start).number(start + 2000).number(start + 1800000)
                .text(R"({"FileIDs":[")" + new_id(rng) + R"("],"PostID":")" + w.some_posts[c] + R"(","JobID":")" +
                      new_id(rng) + R"("})");
            jobs.end_row();
        }
    }
    w.finish("calls_channels", channels);
    w.finish("calls", calls);
    w.finish("calls_sessions", sessions);
    w.finish("calls_jobs", jobs);
}

}  // namespace

void seed_plugins(World& w) {
    Rng rng = w.stream(7);
    seed_calls(w, rng);
    create_boards_tables(w.session);
    seed_boards(w, rng);
    create_playbooks_tables(w.session);
    seed_playbooks(w, rng);
}

}  // namespace m2pg::test::mattermost
