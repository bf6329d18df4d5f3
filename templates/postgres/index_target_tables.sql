-- m2pg index: the target schema's tables and their sizes.
-- The target schema name is bound (as a quoted literal) where the query names it; name
-- lists are joined with chr(31) (unit separator), which no sane identifier holds.
SELECT c.relname, pg_total_relation_size(c.oid)
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = $schema AND c.relkind IN ('r', 'p')
