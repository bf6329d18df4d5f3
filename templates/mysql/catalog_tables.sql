-- Base tables of one database; views come from catalog_views.sql. MariaDB lists
-- system-versioned tables as SYSTEM VERSIONED and sequences (listed, not migrated) as SEQUENCE.
SELECT TABLE_NAME AS table_name,
       TABLE_TYPE AS table_type,
       ENGINE AS engine,
       TABLE_COLLATION AS table_collation,
       TABLE_COMMENT AS table_comment,
       TABLE_ROWS AS table_rows,
       DATA_LENGTH AS data_length,
       INDEX_LENGTH AS index_length,
       AUTO_INCREMENT AS auto_increment
FROM information_schema.TABLES
WHERE TABLE_SCHEMA = @database
  AND TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED', 'SEQUENCE')
ORDER BY TABLE_NAME;
