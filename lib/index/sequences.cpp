#include "index/sequences.hpp"

#include "index/fulltext.hpp"
#include "target/postgres/identifier.hpp"

namespace m2pg::index {

namespace {

constexpr std::string_view kOwnedSequences = R"sql(
SELECT s.relname, t.relname, a.attname
FROM pg_class s
JOIN pg_namespace n ON n.oid = s.relnamespace
JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.oid
                AND d.refclassid = 'pg_class'::regclass AND d.refobjsubid > 0 AND d.deptype IN ('a', 'i')
JOIN pg_class t ON t.oid = d.refobjid
JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
WHERE s.relkind = 'S' AND n.nspname = $schema
  AND a.atttypid IN ('int2'::regtype, 'int4'::regtype, 'int8'::regtype, 'numeric'::regtype)
ORDER BY t.relname, a.attname
)sql";

}  // namespace

std::vector<SequenceResult> reset_sequences(target::postgres::PgConnection& pg, const std::string& schema,
                                            bool dry_run) {
    std::string list(kOwnedSequences);
    list.replace(list.find("$schema"), 7, target::postgres::quote_literal(schema));
    std::vector<SequenceResult> out;
    for (const auto& row : pg.query(list)) {
        SequenceResult r;
        r.sequence = row[0].value_or("");
        r.table = row[1].value_or("");
        r.column = row[2].value_or("");
        const std::string seq = qualified(schema, r.sequence);
        // One snapshot of max, the sequence's position and its limit. A sequence whose
        // nextval was never called stands at last_value itself, not after it.
        auto state = pg.query("SELECT x.m::text, x.m > p.seqmax, "
                              "x.m > CASE WHEN s.is_called THEN s.last_value ELSE s.last_value - 1 END, "
                              "p.seqmax::text, "
                              "(CASE WHEN s.is_called THEN s.last_value + 1 ELSE s.last_value END)::text "
                              "FROM (SELECT max(" + target::postgres::quote_ident(r.column) + ") AS m FROM " +
                              qualified(schema, r.table) + ") x, " + seq + " s, pg_sequence p " +
                              "WHERE p.seqrelid = " + target::postgres::quote_literal(seq) + "::regclass");
        if (state.empty()) continue;
        const auto& s = state.front();
        r.max_value = s[0];
        r.next_value = s[4].value_or("");
        if (!r.max_value) {
            out.push_back(std::move(r));
            continue;
        }
        if (s[1] == "t") {
            r.problem = "max(" + r.column + ") = " + *r.max_value + " is past the sequence's maximum " +
                        s[3].value_or("") + ": rows inserted later need explicit ids";
        } else if (s[2] == "t") {
            r.moved = true;
            if (!dry_run) pg.execute("SELECT setval(" + target::postgres::quote_literal(seq) + "::regclass, " + *r.max_value + ", true)");
            r.next_value = pg.scalar("SELECT (" + *r.max_value + "::numeric + 1)::text").value_or("");
        }
        out.push_back(std::move(r));
    }
    return out;
}

}  // namespace m2pg::index
