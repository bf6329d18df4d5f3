-- Stored procedures and functions of one database (not migrated; listed so the user knows).
SELECT ROUTINE_NAME AS routine_name,
       ROUTINE_TYPE AS routine_type,
       DTD_IDENTIFIER AS returns_type
FROM information_schema.ROUTINES
WHERE ROUTINE_SCHEMA = @database
ORDER BY ROUTINE_NAME, ROUTINE_TYPE;
