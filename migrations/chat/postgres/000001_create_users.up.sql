-- The chat app's users. Unlike the MySQL schema there is no remoteid column: it was
-- dropped in 2.1 and only older MySQL databases still carry it (see profile.toml).
CREATE TABLE IF NOT EXISTS users (
    id varchar(26) NOT NULL,
    createat bigint,
    updateat bigint,
    deleteat bigint,
    username varchar(64) NOT NULL,
    email varchar(128) NOT NULL,
    emailverified boolean NOT NULL DEFAULT false,
    nickname varchar(64),
    position varchar(128),
    roles text,
    props jsonb,
    notifyprops jsonb,
    timezone jsonb,
    locale varchar(5) NOT NULL DEFAULT 'en',
    lastpasswordupdate timestamp(0),
    mfaactive boolean NOT NULL DEFAULT false,
    CONSTRAINT users_pkey PRIMARY KEY (id),
    CONSTRAINT users_username_key UNIQUE (username),
    CONSTRAINT users_email_key UNIQUE (email)
);

CREATE INDEX IF NOT EXISTS idx_users_update_at ON users (updateat);
