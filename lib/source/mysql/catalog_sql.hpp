#pragma once
// The catalog queries, each a copy of templates/mysql/catalog_<name>.sql so they can be run
// in the mysql client as they are (after SET @database = 'db';). Keep each pair identical.
// read_catalog binds @database by replacing it with an escaped string literal.
#include <string_view>

namespace m2pg::source::mysql::catalog_sql {

// templates/mysql/catalog_schema.sql
constexpr std::string_view kSchema = R"sql(-- The database's defaults.
SELECT DEFAULT_CHARACTER_SET_NAME AS default_charset,
       DEFAULT_COLLATION_NAME AS default_collation
FROM information_schema.SCHEMATA
WHERE SCHEMA_NAME = @database;
)sql";

// templates/mysql/catalog_tables.sql
constexpr std::string_view kTables = R"sql(-- Base tables of one database; views come from catalog_views.sql. MariaDB lists
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
)sql";

// templates/mysql/catalog_collations.sql
constexpr std::string_view kCollations = R"sql(-- Which character set each collation belongs to. MariaDB 10.10+ adds FULL_COLLATION_NAME
-- (utf8mb4_uca1400_ai_ci) next to the short COLLATION_NAME (uca1400_ai_ci).
SELECT *
FROM information_schema.COLLATION_CHARACTER_SET_APPLICABILITY;
)sql";

// templates/mysql/catalog_columns.sql
constexpr std::string_view kColumns = R"sql(-- Every column of every table and view in one database.
SELECT TABLE_NAME AS table_name,
       COLUMN_NAME AS column_name,
       ORDINAL_POSITION AS ordinal_position,
       DATA_TYPE AS data_type,
       COLUMN_TYPE AS column_type,
       CHARACTER_MAXIMUM_LENGTH AS char_max_length,
       NUMERIC_PRECISION AS numeric_precision,
       NUMERIC_SCALE AS numeric_scale,
       DATETIME_PRECISION AS datetime_precision,
       CHARACTER_SET_NAME AS charset,
       COLLATION_NAME AS collation,
       IS_NULLABLE AS is_nullable,
       COLUMN_DEFAULT AS column_default,
       EXTRA AS extra,
       GENERATION_EXPRESSION AS generation_expression,
       COLUMN_COMMENT AS column_comment
FROM information_schema.COLUMNS
WHERE TABLE_SCHEMA = @database
ORDER BY TABLE_NAME, ORDINAL_POSITION;
)sql";

// templates/mysql/catalog_indexes.sql
constexpr std::string_view kIndexes = R"sql(-- Every index column of one database, in index order.
SELECT TABLE_NAME AS table_name,
       INDEX_NAME AS index_name,
       NON_UNIQUE AS non_unique,
       SEQ_IN_INDEX AS seq_in_index,
       COLUMN_NAME AS column_name,
       SUB_PART AS sub_part,
       COLLATION AS collation,
       INDEX_TYPE AS index_type
FROM information_schema.STATISTICS
WHERE TABLE_SCHEMA = @database
ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX;
)sql";

// templates/mysql/catalog_foreign_keys.sql
constexpr std::string_view kForeignKeys = R"sql(-- Every foreign key column of one database with the key's rules.
SELECT k.TABLE_NAME AS table_name,
       k.CONSTRAINT_NAME AS constraint_name,
       k.COLUMN_NAME AS column_name,
       k.ORDINAL_POSITION AS ordinal_position,
       k.REFERENCED_TABLE_SCHEMA AS referenced_schema,
       k.REFERENCED_TABLE_NAME AS referenced_table,
       k.REFERENCED_COLUMN_NAME AS referenced_column,
       r.UPDATE_RULE AS update_rule,
       r.DELETE_RULE AS delete_rule
FROM information_schema.KEY_COLUMN_USAGE k
JOIN information_schema.REFERENTIAL_CONSTRAINTS r
  ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA
 AND r.TABLE_NAME = k.TABLE_NAME
 AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME
WHERE k.TABLE_SCHEMA = @database
  AND r.CONSTRAINT_SCHEMA = @database
  AND k.REFERENCED_TABLE_NAME IS NOT NULL
ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION;
)sql";

// templates/mysql/catalog_checks.sql
constexpr std::string_view kChecks = R"sql(-- CHECK constraints of one database (MariaDB 10.2.22+). MariaDB's JSON type is an alias
-- for LONGTEXT plus the column-level check json_valid(`col`); this is how we see it.
SELECT TABLE_NAME AS table_name,
       CONSTRAINT_NAME AS constraint_name,
       CHECK_CLAUSE AS check_clause
FROM information_schema.CHECK_CONSTRAINTS
WHERE CONSTRAINT_SCHEMA = @database
ORDER BY TABLE_NAME, CONSTRAINT_NAME;
)sql";

// templates/mysql/catalog_partitions.sql
constexpr std::string_view kPartitions = R"sql(-- Partitioned tables of one database, one row per table. Postgres gets plain tables; the
-- method, expression and partition count go into a note. Unpartitioned tables have one
-- row with PARTITION_NAME NULL.
SELECT TABLE_NAME AS table_name,
       PARTITION_METHOD AS partition_method,
       PARTITION_EXPRESSION AS partition_expression,
       SUBPARTITION_METHOD AS subpartition_method,
       SUBPARTITION_EXPRESSION AS subpartition_expression,
       COUNT(DISTINCT PARTITION_NAME) AS partition_count,
       COUNT(SUBPARTITION_NAME) AS subpartition_count
FROM information_schema.PARTITIONS
WHERE TABLE_SCHEMA = @database
  AND PARTITION_NAME IS NOT NULL
GROUP BY TABLE_NAME, PARTITION_METHOD, PARTITION_EXPRESSION, SUBPARTITION_METHOD,
         SUBPARTITION_EXPRESSION
ORDER BY TABLE_NAME;
)sql";

// templates/mysql/catalog_views.sql
constexpr std::string_view kViews = R"sql(-- Views of one database (not migrated; listed so the user knows).
SELECT TABLE_NAME AS view_name,
       VIEW_DEFINITION AS view_definition
FROM information_schema.VIEWS
WHERE TABLE_SCHEMA = @database
ORDER BY TABLE_NAME;
)sql";

// templates/mysql/catalog_triggers.sql
constexpr std::string_view kTriggers = R"sql(-- Triggers of one database (not migrated; listed so the user knows).
SELECT TRIGGER_NAME AS trigger_name,
       EVENT_OBJECT_TABLE AS table_name
FROM information_schema.TRIGGERS
WHERE TRIGGER_SCHEMA = @database
ORDER BY TRIGGER_NAME;
)sql";

// templates/mysql/catalog_routines.sql
constexpr std::string_view kRoutines = R"sql(-- Stored procedures and functions of one database (not migrated; listed so the user knows).
SELECT ROUTINE_NAME AS routine_name,
       ROUTINE_TYPE AS routine_type,
       DTD_IDENTIFIER AS returns_type
FROM information_schema.ROUTINES
WHERE ROUTINE_SCHEMA = @database
ORDER BY ROUTINE_NAME, ROUTINE_TYPE;
)sql";

// templates/mysql/catalog_events.sql
constexpr std::string_view kEvents = R"sql(-- Scheduled events of one database (not migrated; listed so the user knows).
SELECT EVENT_NAME AS event_name,
       EVENT_TYPE AS event_type,
       EXECUTE_AT AS execute_at,
       INTERVAL_VALUE AS interval_value,
       INTERVAL_FIELD AS interval_field,
       STATUS AS status
FROM information_schema.EVENTS
WHERE EVENT_SCHEMA = @database
ORDER BY EVENT_NAME;
)sql";

}  // namespace m2pg::source::mysql::catalog_sql
