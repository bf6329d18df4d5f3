DROP TABLE IF EXISTS calls_sessions;
DROP TABLE IF EXISTS ir_incident;
DROP TABLE IF EXISTS focalboard_blocks;
