-- What years of upgrades leave behind: an artifact table from an old version, an audit
-- table without a primary key, and old-style types (zero-date defaults, latin1, unsigned).
CREATE TABLE IF NOT EXISTS schema_migrations (
    version bigint(20) NOT NULL,
    dirty tinyint(1) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS Audits (
    Id varchar(26) NOT NULL,
    CreateAt bigint(20) DEFAULT NULL,
    UserId varchar(26) DEFAULT NULL,
    Action text,
    ExtraInfo text,
    IpAddress varchar(64) DEFAULT NULL,
    SessionId varchar(26) DEFAULT NULL,
    KEY idx_audits_user_id (UserId)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS LegacyImports (
    ImportId bigint(20) unsigned NOT NULL AUTO_INCREMENT,
    SourceName varchar(100) CHARACTER SET latin1 NOT NULL,
    ImportedAt datetime NOT NULL DEFAULT '0000-00-00 00:00:00',
    ImportedOn date DEFAULT NULL,
    Flags set('archived','pinned','hidden') NOT NULL DEFAULT '',
    Bits bit(8) DEFAULT NULL,
    YearSeen year(4) DEFAULT NULL,
    Score decimal(65,30) DEFAULT NULL,
    Ratio double DEFAULT NULL,
    PRIMARY KEY (ImportId)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
