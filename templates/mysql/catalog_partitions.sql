-- Partitioned tables of one database, one row per table. Postgres gets plain tables; the
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
