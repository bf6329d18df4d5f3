-- Three plugins, each with its own tables (the profile groups them for `m2pg copy --plugin`).
CREATE TABLE IF NOT EXISTS focalboard_blocks (
    id varchar(36) NOT NULL,
    insert_at timestamptz(6) NOT NULL DEFAULT current_timestamp,
    parent_id varchar(36),
    schema bigint,
    type text,
    title text,
    fields jsonb,
    create_at bigint,
    update_at bigint,
    delete_at bigint,
    board_id varchar(36),
    CONSTRAINT focalboard_blocks_pkey PRIMARY KEY (id)
);

CREATE TABLE IF NOT EXISTS ir_incident (
    id varchar(26) NOT NULL,
    name text NOT NULL,
    description text NOT NULL,
    isactive boolean NOT NULL,
    commanderuserid varchar(26) NOT NULL,
    createat bigint NOT NULL,
    endat bigint NOT NULL DEFAULT 0,
    checklistsjson jsonb NOT NULL,
    remindertimerdefaultseconds bigint NOT NULL DEFAULT 0,
    CONSTRAINT ir_incident_pkey PRIMARY KEY (id)
);

CREATE INDEX IF NOT EXISTS ir_incident_commanderuserid ON ir_incident (commanderuserid);

-- MySQL TIME spans -838:59:59..838:59:59, which only interval holds.
CREATE TABLE IF NOT EXISTS calls_sessions (
    id varchar(26) NOT NULL,
    callid varchar(26) NOT NULL,
    userid varchar(26) NOT NULL,
    joinat bigint NOT NULL,
    unmuted boolean NOT NULL DEFAULT false,
    raisedhand bigint NOT NULL DEFAULT 0,
    duration interval,
    CONSTRAINT calls_sessions_pkey PRIMARY KEY (id)
);

CREATE INDEX IF NOT EXISTS idx_calls_sessions_call_id ON calls_sessions (callid);
