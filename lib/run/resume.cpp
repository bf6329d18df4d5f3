#include "run/resume.hpp"

#include <algorithm>

#include "copy/state.hpp"
#include "target/postgres/connection.hpp"

namespace m2pg::run {

StepName first_step_to_run(const RunState& state, bool report_missing) {
    for (StepName step : kSteps) {
        if (step == StepName::Verify) return step;
        if (step == StepName::Check && report_missing) return step;
        if (!state.find(step)) return step;
    }
    return StepName::Verify;
}

std::string SavedCopy::describe() const {
    return std::to_string(chunks_done) + " of " + std::to_string(chunks) + " chunks done";
}

SavedCopy read_saved_copy(target::postgres::PgConnection& pg, const std::string& source_identity) {
    const auto saved = copy::load_state(pg);
    SavedCopy out;
    out.chunks = saved.size();
    out.chunks_done = static_cast<std::size_t>(
        std::count_if(saved.begin(), saved.end(), [](const copy::ChunkState& s) { return s.done; }));
    auto finished = target::postgres::last_finished_job(pg, "copy");
    if (finished && finished->source_identity == source_identity) out.finished = target::postgres::describe(*finished);
    return out;
}

}  // namespace m2pg::run
