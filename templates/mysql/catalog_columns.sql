-- Every column of every table and view in one database.
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
