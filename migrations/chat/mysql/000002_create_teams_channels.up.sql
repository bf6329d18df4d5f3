CREATE TABLE IF NOT EXISTS Teams (
    Id varchar(26) NOT NULL,
    CreateAt bigint(20) DEFAULT NULL,
    DisplayName varchar(64) DEFAULT NULL,
    Name varchar(64) NOT NULL,
    Description varchar(255) DEFAULT NULL,
    Type enum('O','I') DEFAULT NULL,
    AllowOpenInvite tinyint(1) DEFAULT NULL,
    PRIMARY KEY (Id),
    UNIQUE KEY Name (Name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS Channels (
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
    KEY idx_channels_team_id (TeamId),
    FULLTEXT KEY idx_channel_search_txt (Name, DisplayName, Purpose),
    CONSTRAINT fk_channels_team FOREIGN KEY (TeamId) REFERENCES Teams (Id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS ChannelMembers (
    ChannelId varchar(26) NOT NULL,
    UserId varchar(26) NOT NULL,
    Roles varchar(256) DEFAULT NULL,
    LastViewedAt bigint(20) DEFAULT NULL,
    MsgCount bigint(20) DEFAULT NULL,
    NotifyProps json DEFAULT NULL,
    PRIMARY KEY (ChannelId, UserId),
    KEY idx_channelmembers_user_id (UserId)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
