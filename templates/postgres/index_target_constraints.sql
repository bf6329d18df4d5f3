-- m2pg index: every constraint of the target schema.
-- The target schema name is bound (as a quoted literal) where the query names it; name
-- lists are joined with chr(31) (unit separator), which no sane identifier holds.
SELECT t.relname, c.conname, c.contype, c.convalidated,
       array_to_string(ARRAY(
         SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(attnum, n)
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
         ORDER BY k.n), chr(31)),
       coalesce(r.relname, ''),
       array_to_string(ARRAY(
         SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(attnum, n)
         JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum
         ORDER BY k.n), chr(31))
FROM pg_constraint c
JOIN pg_class t ON t.oid = c.conrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
LEFT JOIN pg_class r ON r.oid = c.confrelid
WHERE n.nspname = $schema AND c.contype IN ('p', 'u', 'f', 'c', 'x')
