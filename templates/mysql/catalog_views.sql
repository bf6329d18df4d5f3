-- Views of one database (not migrated; listed so the user knows).
SELECT TABLE_NAME AS view_name,
       VIEW_DEFINITION AS view_definition
FROM information_schema.VIEWS
WHERE TABLE_SCHEMA = @database
ORDER BY TABLE_NAME;
