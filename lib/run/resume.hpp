#pragma once
// Where a re-run of `m2pg run` starts: the steps already done are skipped, and the copy
// continues a copy that stopped part-way instead of refusing the non-empty target.
#include <cstddef>
#include <string>

#include "run/state.hpp"
#include "run/steps.hpp"
#include "target/postgres/connection.hpp"

namespace m2pg::run {

// The first step to run: the first one not recorded done, so the steps done always form
// an unbroken run from check. Verify is the verdict and always runs once reached.
// `report_missing`: a later step needs check's report file and it is gone, so check
// counts as not done.
StepName first_step_to_run(const RunState& state, bool report_missing);

// What an earlier m2pg copy left in the target (lib/copy/state): its saved chunks.
struct SavedCopy {
    std::size_t chunks = 0;
    std::size_t chunks_done = 0;
    // A copy from this source finished here (m2pg_state.finished_jobs): `copy --resume` confirms
    // it when its tables still hold the rows, and copies again into emptied ones.
    std::string finished;  // describe() of the record; empty: none
    // The copy stopped part-way: only `m2pg copy --resume` may continue it.
    bool stopped_part_way() const { return chunks > 0; }
    std::string describe() const;  // "12 of 30 chunks done"
};

// Reads the copy's saved chunks, and the record of a finished copy from `source_identity`,
// from the target. Throws ConnectionError/TargetError.
SavedCopy read_saved_copy(target::postgres::PgConnection& pg, const std::string& source_identity);

}  // namespace m2pg::run
