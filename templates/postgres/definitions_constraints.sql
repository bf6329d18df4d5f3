-- m2pg copy: the constraints other than primary keys (UNIQUE, FOREIGN KEY, CHECK, EXCLUDE)
-- of the tables it is about to write into, as Postgres would recreate them, with what
-- m2pg index needs to rebuild them in its phases and to name the rows that break them.
-- Left out: constraints a partition or child table inherits (they follow their parent's).
-- Foreign keys come first, since they must be dropped before the indexes they use.
-- $schema is bound as a quoted literal, $tables as a text[] literal; lists are joined with
-- chr(31). Run with search_path = pg_catalog (see definitions_indexes.sql).
SELECT t.relname, c.conname, c.contype, pg_get_constraintdef(c.oid), c.condeferrable, c.condeferred,
       c.convalidated,
       CASE WHEN c.contype IN ('u', 'x') THEN pg_get_indexdef(c.conindid) ELSE '' END,
       CASE WHEN c.contype IN ('u', 'x') THEN coalesce(ts.spcname, '') ELSE '' END,
       CASE WHEN c.contype IN ('u', 'x') THEN coalesce(am.amname, '') ELSE '' END,
       CASE WHEN c.contype = 'u' THEN array_to_string(ARRAY(
         SELECT pg_get_indexdef(c.conindid, k, false) FROM generate_series(1, x.indnkeyatts) k ORDER BY k),
         chr(31)) ELSE '' END,
       array_to_string(ARRAY(
         SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(attnum, n)
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
         ORDER BY k.n), chr(31)),
       CASE WHEN rn.nspname = $schema THEN r.relname ELSE '' END,
       array_to_string(ARRAY(
         SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(attnum, n)
         JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum
         ORDER BY k.n), chr(31)),
       CASE WHEN c.contype = 'c' THEN pg_get_expr(c.conbin, c.conrelid) ELSE '' END,
       coalesce((SELECT string_agg(f.conname || ' of ' || ft.relname, ', ' ORDER BY f.conname)
                 FROM pg_constraint f JOIN pg_class ft ON ft.oid = f.conrelid
                 JOIN pg_namespace fn ON fn.oid = ft.relnamespace
                 WHERE c.contype IN ('u', 'x') AND f.contype = 'f' AND f.conindid = c.conindid
                   AND NOT (fn.nspname = $schema AND ft.relname = ANY ($tables))), '')
FROM pg_constraint c
JOIN pg_class t ON t.oid = c.conrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
LEFT JOIN pg_class r ON r.oid = c.confrelid
LEFT JOIN pg_namespace rn ON rn.oid = r.relnamespace
LEFT JOIN pg_index x ON x.indexrelid = c.conindid AND c.contype IN ('u', 'x')
LEFT JOIN pg_class ci ON ci.oid = x.indexrelid
LEFT JOIN pg_am am ON am.oid = ci.relam
LEFT JOIN pg_tablespace ts ON ts.oid = ci.reltablespace
WHERE n.nspname = $schema AND t.relname = ANY ($tables) AND c.contype IN ('u', 'f', 'c', 'x')
  AND c.conparentid = 0 AND c.coninhcount = 0
ORDER BY c.contype <> 'f', t.relname, c.conname
