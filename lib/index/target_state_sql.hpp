#pragma once
// The catalog queries of read_target_state. '$schema' is replaced by a quoted literal.
// Name lists are joined with chr(31) (unit separator), which no sane identifier holds.
#include <string_view>

namespace m2pg::index::target_state_sql {

constexpr std::string_view kTables = R"sql(
SELECT c.relname, pg_total_relation_size(c.oid)
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = $schema AND c.relkind IN ('r', 'p')
)sql";

constexpr std::string_view kIndexes = R"sql(
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
)sql";

constexpr std::string_view kConstraints = R"sql(
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
WHERE n.nspname = $schema AND c.contype IN ('p', 'u', 'f', 'c')
)sql";

}  // namespace m2pg::index::target_state_sql
