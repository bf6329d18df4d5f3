-- CHECK constraints of one database (MariaDB 10.2.22+). MariaDB's JSON type is an alias
-- for LONGTEXT plus the column-level check json_valid(`col`); this is how we see it.
SELECT TABLE_NAME AS table_name,
       CONSTRAINT_NAME AS constraint_name,
       CHECK_CLAUSE AS check_clause
FROM information_schema.CHECK_CONSTRAINTS
WHERE CONSTRAINT_SCHEMA = @database
ORDER BY TABLE_NAME, CONSTRAINT_NAME;
