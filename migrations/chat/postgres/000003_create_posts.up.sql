-- The full-text indexes of posts (message, hashtags) are not created here: m2pg index
-- builds them from profile.toml after the copy.
CREATE TABLE IF NOT EXISTS posts (
    id varchar(26) NOT NULL,
    createat bigint,
    updateat bigint,
    editat bigint,
    deleteat bigint,
    ispinned boolean,
    userid varchar(26),
    channelid varchar(26),
    rootid varchar(26),
    message text,
    type varchar(26),
    props jsonb,
    hashtags text,
    fileids varchar(300),
    CONSTRAINT posts_pkey PRIMARY KEY (id)
);

CREATE INDEX IF NOT EXISTS idx_posts_channel_id_update_at ON posts (channelid, updateat);
CREATE INDEX IF NOT EXISTS idx_posts_root_id_delete_at ON posts (rootid, deleteat);

CREATE TABLE IF NOT EXISTS reactions (
    userid varchar(26) NOT NULL,
    postid varchar(26) NOT NULL,
    emojiname varchar(64) NOT NULL,
    createat bigint,
    CONSTRAINT reactions_pkey PRIMARY KEY (postid, userid, emojiname)
);
