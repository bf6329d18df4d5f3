-- Which character set each collation belongs to. MariaDB 10.10+ adds FULL_COLLATION_NAME
-- (utf8mb4_uca1400_ai_ci) next to the short COLLATION_NAME (uca1400_ai_ci).
SELECT *
FROM information_schema.COLLATION_CHARACTER_SET_APPLICABILITY;
