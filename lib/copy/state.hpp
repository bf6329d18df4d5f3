#pragma once
// The copy's memory in the target database: which chunks exist and which committed.
// Each chunk's rows and its "done" mark commit in one transaction, so after a kill a
// resumed run neither loses nor doubles a row. Also the advisory lock that keeps two
// copies from writing into one target.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "source/mysql/chunks.hpp"
#include "target/postgres/connection.hpp"
#include "target/postgres/saved_definitions.hpp"

namespace m2pg::copy {

using source::mysql::Chunk;

// Lives in its own schema so it never collides with application tables.
using target::postgres::kStateSchema;
inline constexpr const char* kStateTable = "m2pg.copy_chunks";

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
void save_plan(target::postgres::PgConnection& pg, const std::vector<Chunk>& chunks,
               const std::vector<std::string>& replaced = {},
               const std::function<void(target::postgres::PgConnection&)>& first = {});

// The statement a worker runs inside the chunk's transaction, after its COPY.
std::string mark_done_sql(const Chunk& chunk, std::uint64_t rows, std::uint64_t bytes);

// Drops the chunk state, and m2pg's schema unless it holds definitions copy set aside
// for m2pg index: the copy is complete and nothing is left to resume.
void drop_state(target::postgres::PgConnection& pg);

}  // namespace m2pg::copy
