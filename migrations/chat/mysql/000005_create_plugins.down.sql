DROP TABLE IF EXISTS calls_sessions;
DROP TABLE IF EXISTS IR_Incident;
DROP TABLE IF EXISTS focalboard_blocks;
