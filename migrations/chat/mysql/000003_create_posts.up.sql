CREATE TABLE IF NOT EXISTS Posts (
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
    KEY idx_posts_root_id_delete_at (RootId, DeleteAt),
    FULLTEXT KEY idx_posts_message_txt (Message),
    FULLTEXT KEY idx_posts_hashtags_txt (Hashtags)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS Reactions (
    UserId varchar(26) NOT NULL,
    PostId varchar(26) NOT NULL,
    EmojiName varchar(64) NOT NULL,
    CreateAt bigint(20) DEFAULT NULL,
    PRIMARY KEY (PostId, UserId, EmojiName)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
