-- Three plugins, each with its own tables (the profile groups them for `m2pg copy --plugin`).
CREATE TABLE IF NOT EXISTS focalboard_blocks (
    id varchar(36) NOT NULL,
    insert_at datetime(6) NOT NULL DEFAULT current_timestamp(6),
    parent_id varchar(36) DEFAULT NULL,
    `schema` bigint(20) DEFAULT NULL,
    type text,
    title text,
    fields json DEFAULT NULL,
    create_at bigint(20) DEFAULT NULL,
    update_at bigint(20) DEFAULT NULL,
    delete_at bigint(20) DEFAULT NULL,
    board_id varchar(36) DEFAULT NULL,
    PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS IR_Incident (
    ID varchar(26) NOT NULL,
    Name text NOT NULL,
    Description text NOT NULL,
    IsActive tinyint(1) NOT NULL,
    CommanderUserID varchar(26) NOT NULL,
    CreateAt bigint(20) NOT NULL,
    EndAt bigint(20) NOT NULL DEFAULT 0,
    ChecklistsJSON json NOT NULL,
    ReminderTimerDefaultSeconds bigint(20) NOT NULL DEFAULT 0,
    PRIMARY KEY (ID),
    KEY IR_Incident_CommanderUserID (CommanderUserID)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS calls_sessions (
    ID varchar(26) NOT NULL,
    CallID varchar(26) NOT NULL,
    UserID varchar(26) NOT NULL,
    JoinAt bigint(20) NOT NULL,
    Unmuted tinyint(1) NOT NULL DEFAULT 0,
    RaisedHand bigint(20) NOT NULL DEFAULT 0,
    Duration time DEFAULT NULL,
    PRIMARY KEY (ID),
    KEY idx_calls_sessions_call_id (CallID)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
