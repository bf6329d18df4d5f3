-- Team and channel types are enum types, as the app's Postgres schema defines them
-- (MySQL has inline enum columns).
DO $$
BEGIN
    IF to_regtype('team_type') IS NULL THEN
        CREATE TYPE team_type AS ENUM ('O', 'I');
    END IF;
    IF to_regtype('channel_type') IS NULL THEN
        CREATE TYPE channel_type AS ENUM ('D', 'O', 'G', 'P');
    END IF;
END
$$;

CREATE TABLE IF NOT EXISTS teams (
    id varchar(26) NOT NULL,
    createat bigint,
    displayname varchar(64),
    name varchar(64) NOT NULL,
    description varchar(255),
    type team_type,
    allowopeninvite boolean,
    CONSTRAINT teams_pkey PRIMARY KEY (id),
    CONSTRAINT teams_name_key UNIQUE (name)
);

-- totalmsgcount is bigint unsigned in MySQL and real data reaches 2^64-1, so numeric(20).
-- The MySQL foreign key to teams is left out, as in the app's Postgres schema: copy
-- loads tables in parallel, in no particular order.
CREATE TABLE IF NOT EXISTS channels (
    id varchar(26) NOT NULL,
    createat bigint,
    deleteat bigint,
    teamid varchar(26),
    type channel_type,
    displayname varchar(64),
    name varchar(64) NOT NULL,
    header text,
    purpose varchar(250),
    lastpostat bigint,
    totalmsgcount numeric(20) NOT NULL DEFAULT 0,
    CONSTRAINT channels_pkey PRIMARY KEY (id),
    CONSTRAINT channels_name_teamid_key UNIQUE (name, teamid)
);

CREATE INDEX IF NOT EXISTS idx_channels_team_id ON channels (teamid);

CREATE TABLE IF NOT EXISTS channelmembers (
    channelid varchar(26) NOT NULL,
    userid varchar(26) NOT NULL,
    roles varchar(256),
    lastviewedat bigint,
    msgcount bigint,
    notifyprops jsonb,
    CONSTRAINT channelmembers_pkey PRIMARY KEY (channelid, userid)
);

CREATE INDEX IF NOT EXISTS idx_channelmembers_user_id ON channelmembers (userid);
