-- The Postgres side of the leftovers migration. MySQL's schema_migrations table is an
-- artifact of older versions (profile.toml) and does not exist here.

-- An audit log without a primary key, as in MySQL: it may hold duplicate rows.
CREATE TABLE IF NOT EXISTS audits (
    id varchar(26) NOT NULL,
    createat bigint,
    userid varchar(26),
    action text,
    extrainfo text,
    ipaddress varchar(64),
    sessionid varchar(26)
);

CREATE INDEX IF NOT EXISTS idx_audits_user_id ON audits (userid);

-- importid: bigint unsigned AUTO_INCREMENT in MySQL, with ids up to 2^64-1, so numeric(20)
--   (no identity: that needs an integer type).
-- importedat: NOT NULL DEFAULT '0000-00-00 00:00:00' in MySQL; zero dates become NULL,
--   so the column is nullable here.
-- flags: a MySQL set, as a text array.
-- yearseen: year(4), widened to integer by the profile's cast override.
CREATE TABLE IF NOT EXISTS legacyimports (
    importid numeric(20) NOT NULL,
    sourcename varchar(100) NOT NULL,
    importedat timestamp(0),
    importedon date,
    flags text[] NOT NULL DEFAULT '{}',
    bits bit varying(8),
    yearseen integer,
    score numeric(65, 30),
    ratio double precision,
    CONSTRAINT legacyimports_pkey PRIMARY KEY (importid),
    CONSTRAINT legacyimports_flags_check CHECK (flags <@ ARRAY['archived', 'pinned', 'hidden']::text[])
);
