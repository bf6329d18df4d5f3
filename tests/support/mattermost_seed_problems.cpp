// The real-world problems of old MySQL installs, each planted in a place where it occurs and
// recorded in the manifest (table, column, key as m2pg check prints it, kind):
//   nul_byte               a NUL byte in text (PostgreSQL text cannot hold it)
//   json_nul_escape        the JSON escape \u0000 (jsonb rejects it)
//   invalid_utf8           bytes MariaDB accepts in utf8mb4 that are not UTF-8 (a CESU-8 surrogate)
//   too_long               more CHARACTERS than the target's varchar(n) (MySQL has text there)
//   null_into_not_null     NULL where the target column is NOT NULL
//   invalid_enum           a string outside the target's enum type
//   enum_empty_string      '' in a MySQL enum (what non-strict sql_mode stores for a bad value)
//   boolean_out_of_range   a tinyint(4) other than 0/1 where the target has boolean
//   integer_out_of_range   a bigint beyond the target's integer
//   array_element_too_long a JSON array element longer than the target's varchar(n)[] element
//   artifact_table, artifact_column   left behind by old versions, absent from the app's schema
//   empty_string_json      '' in a TEXT column that holds JSON (Boards; json rejects it)
// and decoys a tool must leave alone (problem = false):
//   ok_fits_in_characters  more BYTES than n but not more characters (migration-assist deletes these)
//   ok_escaped_backslash   "\\u0000" in JSON: an escaped backslash, then the letters u0000
#include <string>
#include <tuple>

#include "support/mattermost_world.hpp"

namespace m2pg::test::mattermost {

namespace {

std::string repeat_to(const std::string& unit, std::size_t chars) {
    std::string out;
    while (count_chars(out) < chars) out += unit;
    return cut_chars(out, chars);
}

}  // namespace

void seed_problems(World& w) {
    Rng rng = w.stream(6);
    MysqlSession& s = w.session;
    const auto& posts = w.some_posts;
    auto update = [&](const std::string& table, const std::string& set, const std::string& where) {
        s.run("UPDATE `" + table + "` SET " + set + " WHERE " + where);
    };

    // Posts: text pasted from a binary log, a Java bridge's surrogate half, a webhook's props.
    update("Posts", "Message = CONCAT(Message, " + s.quote(std::string("\nlog: ready\0garbage", 19)) + ")",
           "Id = " + s.quote(posts[1]));
    w.plant({"Posts", "Message", posts[1], "nul_byte", true, "NUL byte in a message pasted from a log"});
    update("Posts", "Message = CONCAT(Message, ' ', x'EDA0BD', ' (bridged from XMPP)')", "Id = " + s.quote(posts[5]));
    w.plant({"Posts", "Message", posts[5], "invalid_utf8", true, "ED A0 BD: a UTF-16 surrogate encoded as UTF-8"});
    update("Posts", "Props = " + s.quote(R"({"attachments":[{"text":"stack trace:\u0000 at main.go:42"}],"from_webhook":"true"})"),
           "Id = " + s.quote(posts[2]));
    w.plant({"Posts", "Props", posts[2], "json_nul_escape", true, "\\u0000 in a webhook attachment"});
    update("Posts", "Props = " + s.quote(R"({"attachments":[{"text":"path C:\\u0000dir\\file"}]})"),
           "Id = " + s.quote(posts[3]));
    w.plant({"Posts", "Props", posts[3], "ok_escaped_backslash", false, "\\\\u0000 is a backslash, then u0000"});
    std::string file_ids = "[";
    for (int i = 0; i < 11; ++i) file_ids += std::string(i ? "," : "") + "\"" + new_id(rng) + "\"";
    file_ids += "]";  // 11 ids: 320 characters, where Postgres has varchar(300)
    update("Posts", "FileIds = " + s.quote(file_ids), "Id = " + s.quote(posts[4]));
    w.plant({"Posts", "FileIds", posts[4], "too_long", true, "320 characters (11 file ids) into varchar(300)", 300});

    update("Users", "Props = " + s.quote(R"({"last_search_pointer":"1","customStatus":"","displayName":"bob\u0000"})"),
           "Id = " + s.quote(w.users[3]));
    w.plant({"Users", "Props", w.users[3], "json_nul_escape", true, "\\u0000 in a user's props"});

    std::string roles = "system_user";
    for (int i = 0; roles.size() <= 300; ++i) roles += " custom_project_role_" + std::to_string(i);
    update("Sessions", "Roles = " + s.quote(roles), "Id = " + s.quote(w.sessions[0]));
    w.plant({"Sessions", "Roles", w.sessions[0], "too_long", true, std::to_string(roles.size()) + " characters into varchar(256)", 256});

    // FileInfo: an over-long MIME type from a mail gateway, and a long Cyrillic name that fits.
    const std::string long_mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet; name=\"" +
                                  repeat_to("Quartalsbericht_", 200) + ".xlsx\"; charset=binary";
    const std::string cyrillic_name = repeat_to("Отчёт_", 196) + ".pdf";  // 200 characters, 394 bytes
    Inserter files(s, "FileInfo", {"Id", "CreatorId", "PostId", "CreateAt", "UpdateAt", "DeleteAt", "Path", "Name",
                                   "Extension", "Size", "MimeType", "HasPreviewImage", "Archived", "ChannelId"});
    const std::string mime_file = new_id(rng), name_file = new_id(rng);
    for (const auto& [id, name, mime] : {std::tuple{mime_file, std::string("Q3.xlsx"), long_mime},
                                         std::tuple{name_file, cyrillic_name, std::string("application/pdf")}}) {
        files.text(id).text(w.users[1]).text(posts[6]).number(w.tick(rng)).number(w.now_ms).number(0)
            .text("20240101/teams/noteam/channels/" + w.channels[0].id + "/users/" + w.users[1] + "/" + id + "/" + name)
            .text(name).text(name == cyrillic_name ? "pdf" : "xlsx").number(48213).text(mime).boolean(false)
            .boolean(false).text(w.channels[0].id);
        files.end_row();
    }
    w.finish("FileInfo", files);
    w.plant({"FileInfo", "MimeType", mime_file, "too_long", true,
             std::to_string(count_chars(long_mime)) + " characters into varchar(256)", 256});
    w.plant({"FileInfo", "Name", name_file, "ok_fits_in_characters", false,
             "200 characters in 394 bytes: fits varchar(256)", 256});
    const std::string header = repeat_to("会議の議題と進捗報告、", 600);  // 600 characters, 1,800 bytes
    update("Channels", "Header = " + s.quote(header), "Id = " + s.quote(w.channels[3].id));
    w.plant({"Channels", "Header", w.channels[3].id, "ok_fits_in_characters", false,
             "600 characters in 1800 bytes: fits varchar(1024)", 1024});

    std::string callbacks;
    for (int i = 0; count_chars(callbacks) <= 1024; ++i)
        callbacks += (callbacks.empty() ? "" : " ") + std::string("https://tenant-") + std::to_string(i) +
                     ".apps.example.com/oauth/callback";
    const std::string app = new_id(rng);
    Inserter apps(s, "OAuthApps", {"Id", "CreatorId", "CreateAt", "UpdateAt", "ClientSecret", "Name", "Description",
                                   "CallbackUrls", "Homepage", "IsTrusted", "IconURL", "MattermostAppID"});
    apps.text(app).text(w.users[0]).number(w.tick(rng)).number(w.now_ms).text(new_id(rng)).text("Multi-tenant SSO")
        .text("One callback per tenant").text(callbacks).text("https://apps.example.com").boolean(false).text("").text("");
    apps.end_row();
    w.finish("OAuthApps", apps);
    w.plant({"OAuthApps", "CallbackUrls", app, "too_long", true,
             std::to_string(count_chars(callbacks)) + " characters into varchar(1024)", 1024});

    // Rows written by early 10.x code before the columns were filled (NOT NULL on Postgres).
    const std::string field = new_id(rng);
    Inserter fields(s, "PropertyFields", {"ID", "GroupID", "Name", "Type", "Attrs", "TargetID", "TargetType",
                                          "CreateAt", "UpdateAt", "DeleteAt"});
    fields.text(field).text(new_id(rng)).text("Legacy attribute").text("text").text("{}").text("").text("").null().null()
        .null();
    fields.end_row();
    w.finish("PropertyFields", fields);
    for (const std::string column : {"CreateAt", "UpdateAt", "DeleteAt"})
        w.plant({"PropertyFields", column, field, "null_into_not_null", true, "NULL into bigint NOT NULL"});
    const std::string value = new_id(rng);
    Inserter values(s, "PropertyValues", {"ID", "TargetID", "TargetType", "GroupID", "FieldID", "Value", "CreateAt",
                                          "UpdateAt", "DeleteAt"});
    values.text(value).text(w.users[5]).text("user").text(new_id(rng)).text(field).null().number(w.tick(rng))
        .number(w.now_ms).number(0);
    values.end_row();
    w.finish("PropertyValues", values);
    w.plant({"PropertyValues", "Value", value, "null_into_not_null", true, "NULL into jsonb NOT NULL"});

    const std::string connection = new_id(rng);
    Inserter connections(s, "OutgoingOAuthConnections", {"Id", "Name", "CreatorId", "CreateAt", "UpdateAt", "ClientId",
                                                         "ClientSecret", "OAuthTokenURL", "GrantType", "Audiences"});
    connections.text(connection).text("Calendar sync").text(w.users[0]).number(w.tick(rng)).number(w.now_ms)
        .text(new_id(rng)).text(new_id(rng)).text("https://login.example.com/token").text("authorization_code")
        .text("https://calendar.example.com");
    connections.end_row();
    w.finish("OutgoingOAuthConnections", connections);
    w.plant({"OutgoingOAuthConnections", "GrantType", connection, "invalid_enum", true,
             "'authorization_code' is not in the target's enum (client_credentials, password)"});

    // A client sent a type the server did not know, and the install ran with sql_mode = ''.
    const std::string upload = new_id(rng);
    s.run("SET @saved_mode = @@SESSION.sql_mode, SESSION sql_mode = ''");
    s.run("INSERT INTO UploadSessions (Id, Type, CreateAt, UserId, ChannelId, Filename, Path, FileSize, FileOffset) "
          "VALUES (" + s.quote(upload) + ", 'chunked', " + std::to_string(w.tick(rng)) + ", " + s.quote(w.users[2]) +
          ", " + s.quote(w.channels[0].id) + ", 'video.mp4', " + s.quote("data/uploads/" + upload + ".tmp") +
          ", 7340032, 0)");
    s.run("SET SESSION sql_mode = @saved_mode");
    w.plant({"UploadSessions", "Type", upload, "enum_empty_string", true, "'' stored for the unknown value 'chunked'"});

    // Scheme flags set by hand-written SQL: tinyint(4) on MySQL, boolean on Postgres.
    const Channel& town = w.channels[0];
    const std::string member = w.users[town.members[1]];
    update("ChannelMembers", "SchemeUser = 2", "ChannelId = " + s.quote(town.id) + " AND UserId = " + s.quote(member));
    w.plant({"ChannelMembers", "SchemeUser", "(" + town.id + ", " + member + ")", "boolean_out_of_range", true,
             "2 into boolean"});
    update("TeamMembers", "SchemeAdmin = -1", "TeamId = " + s.quote(w.teams[0]) + " AND UserId = " + s.quote(member));
    w.plant({"TeamMembers", "SchemeAdmin", "(" + w.teams[0] + ", " + member + ")", "boolean_out_of_range", true,
             "-1 into boolean"});

    const std::string bookmark = new_id(rng);
    Inserter bookmarks(s, "ChannelBookmarks", {"Id", "OwnerId", "ChannelId", "CreateAt", "UpdateAt", "DeleteAt",
                                               "DisplayName", "SortOrder", "LinkUrl", "Type"});
    bookmarks.text(bookmark).text(w.users[0]).text(town.id).number(w.tick(rng)).number(w.now_ms).number(0)
        .text("Sorted by an epoch").number(3000000000).text("https://wiki.example.com").text("link");
    bookmarks.end_row();
    w.finish("ChannelBookmarks", bookmarks);
    w.plant({"ChannelBookmarks", "SortOrder", bookmark, "integer_out_of_range", true, "3000000000 into integer"});

    // A Boards block id (a UUID, 36 characters) among the post ids to delete.
    const std::string retention = new_id(rng);
    Inserter ids(s, "RetentionIdsForDeletion", {"Id", "TableName", "Ids"});
    ids.text(retention).text("Posts").text("[\"" + posts[7] + "\",\"3f2b1c9e-8d4a-4b7e-9c21-5a6f0e1d2c3b\"]");
    ids.end_row();
    w.finish("RetentionIdsForDeletion", ids);
    w.plant({"RetentionIdsForDeletion", "Ids", retention, "array_element_too_long", true,
             "a 36-character element into character varying(26)[]", 26});

    // What older versions left behind: golang-migrate's table (before morph), Threads.TeamId
    // (000096 drops it only when indexed), SharedChannelRemotes' columns removed by 000114.
    s.run("CREATE TABLE schema_migrations (version bigint(20) NOT NULL, dirty tinyint(1) NOT NULL, "
          "PRIMARY KEY (version)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
    s.run("INSERT INTO schema_migrations VALUES (20210928000000, 0)");
    w.plant({"schema_migrations", "", "", "artifact_table", true, "golang-migrate's table from before morph"});
    s.run("ALTER TABLE Threads ADD COLUMN TeamId varchar(26) DEFAULT NULL");
    s.run("UPDATE Threads SET TeamId = ThreadTeamId");
    w.plant({"Threads", "TeamId", "", "artifact_column", true, "left by 000094, not dropped by 000096 when unindexed"});
    s.run("ALTER TABLE SharedChannelRemotes ADD COLUMN Description varchar(64) DEFAULT NULL, "
          "ADD COLUMN NextSyncAt bigint(20) DEFAULT NULL");
    s.run("UPDATE SharedChannelRemotes SET Description = 'Partner Org', NextSyncAt = 0");
    w.plant({"SharedChannelRemotes", "Description", "", "artifact_column", true, "removed by 000114"});
    w.plant({"SharedChannelRemotes", "NextSyncAt", "", "artifact_column", true, "removed by 000114"});
}

}  // namespace m2pg::test::mattermost
