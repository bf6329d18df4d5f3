-- Triggers of one database (not migrated; listed so the user knows).
SELECT TRIGGER_NAME AS trigger_name,
       EVENT_OBJECT_TABLE AS table_name
FROM information_schema.TRIGGERS
WHERE TRIGGER_SCHEMA = @database
ORDER BY TRIGGER_NAME;
