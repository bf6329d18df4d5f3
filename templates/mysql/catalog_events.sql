-- Scheduled events of one database (not migrated; listed so the user knows).
SELECT EVENT_NAME AS event_name,
       EVENT_TYPE AS event_type,
       EXECUTE_AT AS execute_at,
       INTERVAL_VALUE AS interval_value,
       INTERVAL_FIELD AS interval_field,
       STATUS AS status
FROM information_schema.EVENTS
WHERE EVENT_SCHEMA = @database
ORDER BY EVENT_NAME;
