-- m2pg copy: the populated materialized views that read the tables it is about to write
-- into, directly or through other views, deepest dependency last, so that refreshing them
-- in this order refreshes each after the views it reads. A view made WITH NO DATA is left
-- as the app made it. $schema is bound as a quoted literal, $tables as a text[] literal.
WITH RECURSIVE reads(view, depth) AS (
    SELECT r.ev_class, 1
    FROM pg_depend d
    JOIN pg_rewrite r ON r.oid = d.objid
    JOIN pg_class t ON t.oid = d.refobjid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE d.classid = 'pg_rewrite'::regclass AND d.refclassid = 'pg_class'::regclass
      AND n.nspname = $schema AND t.relname = ANY ($tables) AND r.ev_class <> d.refobjid
  UNION
    SELECT r.ev_class, reads.depth + 1
    FROM reads
    JOIN pg_depend d ON d.refobjid = reads.view AND d.refclassid = 'pg_class'::regclass
    JOIN pg_rewrite r ON r.oid = d.objid AND d.classid = 'pg_rewrite'::regclass
    WHERE r.ev_class <> reads.view AND reads.depth < 100
)
SELECT vn.nspname, v.relname, max(reads.depth)
FROM reads
JOIN pg_class v ON v.oid = reads.view
JOIN pg_namespace vn ON vn.oid = v.relnamespace
WHERE v.relkind = 'm' AND v.relispopulated
GROUP BY vn.nspname, v.relname
ORDER BY max(reads.depth), vn.nspname, v.relname
