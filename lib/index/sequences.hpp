#pragma once
// After a copy that wrote explicit ids, identity and serial sequences still stand where
// CREATE left them; the first INSERT would then collide with a copied row. This moves each
// sequence owned by a numeric column of the schema past max(column), never backwards.
#include <optional>
#include <string>
#include <vector>

#include "target/postgres/connection.hpp"

namespace m2pg::index {

struct SequenceResult {
    std::string sequence;
    std::string table;
    std::string column;
    std::optional<std::string> max_value;  // max(column); nullopt for an empty table
    std::string next_value;                // what nextval() returns after the run
    bool moved = false;                    // setval ran (or would, in a dry run)
    std::string problem;                   // non-empty: the sequence cannot pass max(column)
};

// Sequences owned by a column (identity, serial, or CREATE SEQUENCE ... OWNED BY, as
// lib/schema/ddl makes for numeric(20) AUTO_INCREMENT columns) in `schema`. A max over the
// sequence's MAXVALUE (bigint unsigned ids past 2^63-1) is a problem, not an error: rows
// inserted later need explicit ids. Throws TargetError/ConnectionError from the server.
std::vector<SequenceResult> reset_sequences(target::postgres::PgConnection& pg, const std::string& schema,
                                            bool dry_run);

}  // namespace m2pg::index
