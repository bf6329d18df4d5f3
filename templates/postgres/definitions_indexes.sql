-- m2pg copy: the secondary indexes of the tables it is about to write into, as Postgres
-- would recreate them. Left out: primary keys, the indexes of constraints (read with the
-- constraints), indexes of partitions (they follow their parent's), and any index a
-- foreign key of a table outside the copy leans on (dropping it would need that key gone).
-- $schema is bound as a quoted literal, $tables as a text[] literal; name and expression
-- lists are joined with chr(31) (unit separator). Run with search_path = pg_catalog, so
-- every name in the definitions is schema-qualified and means the same on rebuild.
SELECT t.relname, i.relname, pg_get_indexdef(x.indexrelid), coalesce(ts.spcname, ''), am.amname,
       coalesce(pg_get_expr(x.indpred, x.indrelid), ''),
       array_to_string(ARRAY(
         SELECT pg_get_indexdef(x.indexrelid, k, false) FROM generate_series(1, x.indnkeyatts) k ORDER BY k),
         chr(31)),
       coalesce((SELECT string_agg(f.conname || ' of ' || ft.relname, ', ' ORDER BY f.conname)
                 FROM pg_constraint f JOIN pg_class ft ON ft.oid = f.conrelid
                 JOIN pg_namespace fn ON fn.oid = ft.relnamespace
                 WHERE f.contype = 'f' AND f.conindid = x.indexrelid
                   AND NOT (fn.nspname = $schema AND ft.relname = ANY ($tables))), '')
FROM pg_index x
JOIN pg_class i ON i.oid = x.indexrelid
JOIN pg_class t ON t.oid = x.indrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
JOIN pg_am am ON am.oid = i.relam
LEFT JOIN pg_tablespace ts ON ts.oid = i.reltablespace
WHERE n.nspname = $schema AND t.relname = ANY ($tables) AND NOT x.indisprimary
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                  WHERE c.conindid = x.indexrelid AND c.conrelid = x.indrelid AND c.contype IN ('p', 'u', 'x'))
  AND NOT EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = x.indexrelid)
ORDER BY t.relname, i.relname
