-- The full-text indexes of fileinfo (name, content) are built by m2pg index from the profile.
CREATE TABLE IF NOT EXISTS fileinfo (
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
    checksum bytea,
    CONSTRAINT fileinfo_pkey PRIMARY KEY (id)
);

CREATE INDEX IF NOT EXISTS idx_fileinfo_postid_at ON fileinfo (postid);
