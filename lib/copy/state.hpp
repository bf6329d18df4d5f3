#pragma once
// The copy's memory in the target database: which chunks exist and which committed.
// Each chunk's rows and its "done" mark commit in one transaction, so after a kill a
// resumed run neither loses nor doubles a row. Also the advisory lock that keeps two
// copies from writing into one target.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "source/mysql/chunks.hpp"
#include "target/postgres/connection.hpp"
#include "target/postgres/finished_jobs.hpp"
#include "target/postgres/saved_definitions.hpp"

namespace m2pg::copy {

using source::mysql::Chunk;

// Lives in its own schema so it never collides with application tables.
using target::postgres::kStateSchema;
inline constexpr const char* kStateTable = "m2pg_state.copy_chunks";
inline constexpr const char* kBindingTable = "m2pg_state.copy_binding";

// Which databases a copy's chunk state belongs to: a resumed copy must read the source
// the chunks were cut from (source::mysql::server_identity); the target is where the
// state lives, recorded to tell a database restored elsewhere (target::postgres::database_identity).
struct CopyBinding {
    std::string source;  // the DSN's display form
    std::string source_identity;
    std::string target_identity;
};

struct ChunkState {
    Chunk chunk;
    bool done = false;
    std::uint64_t rows = 0;
};

// Takes the session-level advisory lock of m2pg copy on `pg` (held until the connection
// closes). Throws StateError naming the holder's pid when another copy runs.
void acquire_copy_lock(target::postgres::PgConnection& pg);

// The saved plan of an earlier run, in table then chunk order; empty when none.
std::vector<ChunkState> load_state(target::postgres::PgConnection& pg);

// Replaces any saved plan with `chunks`, none done yet, and in the same transaction runs
// `first` (copy/app_schema sets the app's indexes aside there) and empties the `replaced`
// tables (quoted schema.table: rows the app's migrations wrote that the source's rows
// replace), so that all happens exactly once however often the copy is resumed.
void save_plan(target::postgres::PgConnection& pg, const std::vector<Chunk>& chunks, const CopyBinding& binding,
               const std::vector<std::string>& replaced = {},
               const std::function<void(target::postgres::PgConnection&)>& first = {});

// The statement a worker runs inside the chunk's transaction, after its COPY.
std::string mark_done_sql(const Chunk& chunk, std::uint64_t rows, std::uint64_t bytes);

// The binding saved with the chunks; nullopt when none (or a state saved before bindings).
std::optional<CopyBinding> load_binding(target::postgres::PgConnection& pg);

// In one transaction: records the finished copy in m2pg_state.finished_jobs (its rows are the
// chunk state's, this run's and earlier ones') and drops the chunk state and binding. The
// copy is complete and nothing is left to resume; the record stays.
void finish_copy(target::postgres::PgConnection& pg, target::postgres::FinishedJob job);

}  // namespace m2pg::copy
