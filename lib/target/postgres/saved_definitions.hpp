#pragma once
// m2pg's memory of what copy took away from an app-made schema: the definitions it saved
// before dropping them (target/postgres/definitions), each marked done once m2pg index has
// put it back. Lives in the target database, in m2pg's own schema beside copy's chunk
// state, so a killed copy or index never loses a definition and verify can say what is
// still missing.
#include <cstddef>
#include <string>
#include <vector>

#include "target/postgres/connection.hpp"
#include "target/postgres/definitions.hpp"

namespace m2pg::target::postgres {

// m2pg's schema in the target: copy's chunk state, the saved definitions, finished jobs.
// Not "m2pg": for a role named m2pg, "$user" in the default search_path would resolve to it
// and make it the app's CURRENT_SCHEMA().
inline constexpr const char* kStateSchema = "m2pg_state";
inline constexpr const char* kSavedDefinitionsTable = "m2pg_state.saved_definitions";

// Inserts `definitions` (creating the table on first use; one saved earlier under the same
// schema, table, kind and name, and put back since, is replaced and pending again), then
// drops each from the target in the order given, foreign keys first (views stay: they are
// only refreshed later). Run it inside one transaction with the statements that follow
// it, so the definitions are saved exactly when they are dropped. Throws TargetError (an object something else depends on).
void save_and_drop_definitions(PgConnection& tx, const std::vector<Definition>& definitions);

// The definitions of `schema` not yet put back, in the order saved; empty without any.
std::vector<Definition> load_pending_definitions(PgConnection& pg, const std::string& schema);

struct PendingDefinitions {
    std::size_t definitions = 0;  // indexes and constraints to rebuild
    std::size_t views = 0;        // materialized views to refresh
    std::size_t total() const { return definitions + views; }
};

// What copy saved, in any schema, and index has not put back yet.
PendingDefinitions count_pending_definitions(PgConnection& pg);

// Marks one definition as put back (rebuilt, refreshed, or found in place).
void mark_definition_done(PgConnection& pg, const Definition& definition);

// Once nothing is pending, forgets the saved definitions and drops m2pg's schema when
// nothing else (a copy's chunk state) is left in it.
void forget_definitions_when_done(PgConnection& pg);

// Drops m2pg's schema when no table is left in it.
void drop_state_schema_if_empty(PgConnection& pg);

}  // namespace m2pg::target::postgres
