-- m2pg index: every index of the target schema, valid or not, with its columns.
-- The target schema name is bound (as a quoted literal) where the query names it; name
-- lists are joined with chr(31) (unit separator), which no sane identifier holds.
SELECT t.relname, i.relname, x.indisvalid, x.indisunique, x.indisprimary, am.amname,
       x.indexprs IS NULL AND x.indpred IS NULL
         AND NOT EXISTS (SELECT 1 FROM unnest(x.indoption::int2[]) o WHERE o <> 0),
       array_to_string(ARRAY(
         SELECT a.attname FROM unnest(x.indkey::int2[]) WITH ORDINALITY k(attnum, n)
         JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum
         ORDER BY k.n), chr(31))
FROM pg_index x
JOIN pg_class i ON i.oid = x.indexrelid
JOIN pg_class t ON t.oid = x.indrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
JOIN pg_am am ON am.oid = i.relam
WHERE n.nspname = $schema
