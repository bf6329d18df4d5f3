-- MySQL schema of the `bench` database that bench/run.sh loads with the output of
-- bench/generate_chat.cpp. The chat tables follow the sample `chat` profile
-- (migrations/chat/mysql) without its foreign keys, so they load in any order; Types holds
-- one column of every MySQL type with its edge values.
SET NAMES utf8mb4;

CREATE TABLE Users (
    Id varchar(26) NOT NULL,
    CreateAt bigint(20) DEFAULT NULL,
    UpdateAt bigint(20) DEFAULT NULL,
    DeleteAt bigint(20) DEFAULT NULL,
    Username varchar(64) NOT NULL,
    Email varchar(128) NOT NULL,
    EmailVerified tinyint(1) NOT NULL DEFAULT 0,
    Nickname varchar(64) DEFAULT NULL,
    Position varchar(128) DEFAULT NULL,
    Roles text,
    Props json DEFAULT NULL,
    NotifyProps json DEFAULT NULL,
    Timezone json DEFAULT NULL,
    Locale varchar(5) NOT NULL DEFAULT 'en',
    LastPasswordUpdate datetime DEFAULT NULL,
    MfaActive tinyint(1) NOT NULL DEFAULT 0,
    RemoteId varchar(26) DEFAULT NULL,
    PRIMARY KEY (Id),
    UNIQUE KEY Username (Username),
    UNIQUE KEY Email (Email),
    KEY idx_users_update_at (UpdateAt)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE Channels (
    Id varchar(26) NOT NULL,
    CreateAt bigint(20) DEFAULT NULL,
    DeleteAt bigint(20) DEFAULT NULL,
    TeamId varchar(26) DEFAULT NULL,
    Type enum('D','O','G','P') DEFAULT NULL,
    DisplayName varchar(64) DEFAULT NULL,
    Name varchar(64) NOT NULL,
    Header text,
    Purpose varchar(250) DEFAULT NULL,
    LastPostAt bigint(20) DEFAULT NULL,
    TotalMsgCount bigint(20) unsigned NOT NULL DEFAULT 0,
    PRIMARY KEY (Id),
    UNIQUE KEY Name_2 (Name, TeamId),
    KEY idx_channels_team_id (TeamId)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE Posts (
    Id varchar(26) NOT NULL,
    CreateAt bigint(20) DEFAULT NULL,
    UpdateAt bigint(20) DEFAULT NULL,
    EditAt bigint(20) DEFAULT NULL,
    DeleteAt bigint(20) DEFAULT NULL,
    IsPinned tinyint(1) DEFAULT NULL,
    UserId varchar(26) DEFAULT NULL,
    ChannelId varchar(26) DEFAULT NULL,
    RootId varchar(26) DEFAULT NULL,
    Message text,
    Type varchar(26) DEFAULT NULL,
    Props json DEFAULT NULL,
    Hashtags text,
    FileIds varchar(300) DEFAULT NULL,
    PRIMARY KEY (Id),
    KEY idx_posts_channel_id_update_at (ChannelId, UpdateAt),
    KEY idx_posts_root_id_delete_at (RootId, DeleteAt)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE FileInfo (
    Id varchar(26) NOT NULL,
    CreatorId varchar(26) DEFAULT NULL,
    PostId varchar(26) DEFAULT NULL,
    CreateAt bigint(20) DEFAULT NULL,
    Path text,
    Name text,
    Extension varchar(64) DEFAULT NULL,
    Size bigint(20) DEFAULT NULL,
    MimeType text,
    Width int(11) DEFAULT NULL,
    Height int(11) DEFAULT NULL,
    HasPreviewImage tinyint(1) DEFAULT NULL,
    Content longtext,
    Checksum binary(32) DEFAULT NULL,
    PRIMARY KEY (Id),
    KEY idx_fileinfo_postid_at (PostId)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE Reactions (
    UserId varchar(26) NOT NULL,
    PostId varchar(26) NOT NULL,
    EmojiName varchar(64) NOT NULL,
    CreateAt bigint(20) DEFAULT NULL,
    PRIMARY KEY (PostId, UserId, EmojiName)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE Types (
    id int NOT NULL,
    c_bool tinyint(1) DEFAULT NULL,
    c_tinyint tinyint DEFAULT NULL,
    c_tinyint_u tinyint unsigned DEFAULT NULL,
    c_smallint smallint DEFAULT NULL,
    c_smallint_u smallint unsigned DEFAULT NULL,
    c_mediumint mediumint DEFAULT NULL,
    c_mediumint_u mediumint unsigned DEFAULT NULL,
    c_int int DEFAULT NULL,
    c_int_u int unsigned DEFAULT NULL,
    c_bigint bigint DEFAULT NULL,
    c_bigint_u bigint unsigned DEFAULT NULL,
    c_decimal decimal(65,30) DEFAULT NULL,
    c_money decimal(10,2) DEFAULT NULL,
    c_float float DEFAULT NULL,
    c_double double DEFAULT NULL,
    c_date date DEFAULT NULL,
    c_datetime datetime(6) DEFAULT NULL,
    c_datetime0 datetime DEFAULT NULL,
    c_timestamp timestamp(6) NULL DEFAULT NULL,
    c_time time DEFAULT NULL,
    c_time6 time(6) DEFAULT NULL,
    c_year year DEFAULT NULL,
    c_bit1 bit(1) DEFAULT NULL,
    c_bit12 bit(12) DEFAULT NULL,
    c_enum enum('small','medium','large','x-large','ünï') DEFAULT NULL,
    c_set set('read','write','admin','ünï') DEFAULT NULL,
    c_json json DEFAULT NULL,
    c_varbinary varbinary(256) DEFAULT NULL,
    c_binary binary(4) DEFAULT NULL,
    c_blob blob DEFAULT NULL,
    c_char char(10) DEFAULT NULL,
    c_varchar varchar(255) DEFAULT NULL,
    c_text text DEFAULT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
