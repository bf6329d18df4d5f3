-- The database's defaults.
SELECT DEFAULT_CHARACTER_SET_NAME AS default_charset,
       DEFAULT_COLLATION_NAME AS default_collation
FROM information_schema.SCHEMATA
WHERE SCHEMA_NAME = @database;
