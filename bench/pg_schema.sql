-- PostgreSQL tables for the raw-pipe run of bench/run.sh: bench/schema.sql translated with
-- m2pg's type map (docs: /DESIGN.md, "Type conversion"), names folded to lower case as m2pg
-- and pgloader fold them. Bare tables, no keys or indexes: every contender in the
-- benchmark loads bare tables and builds indexes afterwards (not measured here).
--
-- The raw pipe loads only the five chat tables; Types is here to document its target types.

CREATE TABLE users (
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
    remoteid varchar(26)
);

CREATE TABLE channels (
    id varchar(26) NOT NULL,
    createat bigint,
    deleteat bigint,
    teamid varchar(26),
    type text CHECK (type IN ('D', 'O', 'G', 'P')),
    displayname varchar(64),
    name varchar(64) NOT NULL,
    header text,
    purpose varchar(250),
    lastpostat bigint,
    totalmsgcount numeric(20) NOT NULL DEFAULT 0
);

CREATE TABLE posts (
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
    fileids varchar(300)
);

CREATE TABLE fileinfo (
    id varchar(26) NOT NULL,
    creatorid varchar(26),
    postid varchar(26),
    createat bigint,
    path text,
    name text,
    extension varchar(64),
    size bigint,
    mimetype text,
    width integer,
    height integer,
    haspreviewimage boolean,
    content text,
    checksum bytea
);

CREATE TABLE reactions (
    userid varchar(26) NOT NULL,
    postid varchar(26) NOT NULL,
    emojiname varchar(64) NOT NULL,
    createat bigint
);

CREATE TABLE types (
    id integer NOT NULL,
    c_bool boolean,
    c_tinyint smallint,
    c_tinyint_u smallint,
    c_smallint smallint,
    c_smallint_u integer,
    c_mediumint integer,
    c_mediumint_u integer,
    c_int integer,
    c_int_u bigint,
    c_bigint bigint,
    c_bigint_u numeric(20),
    c_decimal numeric(65, 30),
    c_money numeric(10, 2),
    c_float real,
    c_double double precision,
    c_date date,
    c_datetime timestamp(6),
    c_datetime0 timestamp(0),
    c_timestamp timestamptz(6),
    c_time interval,
    c_time6 interval(6),
    c_year smallint,
    c_bit1 boolean,
    c_bit12 bit varying(12),
    c_enum text CHECK (c_enum IN ('small', 'medium', 'large', 'x-large', 'ünï')),
    c_set text[],
    c_json jsonb,
    c_varbinary bytea,
    c_binary bytea,
    c_blob bytea,
    c_char varchar(10),
    c_varchar varchar(255),
    c_text text
);
