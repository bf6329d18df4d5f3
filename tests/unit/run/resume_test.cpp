#include "run/resume.hpp"

#include <doctest/doctest.h>

using m2pg::run::first_step_to_run;
using m2pg::run::RunState;
using m2pg::run::StepName;

namespace {

RunState done_through(StepName last) {
    RunState state{{"s", "t", "", ""}, {}, {}, {}};
    for (StepName s : m2pg::run::kSteps)
        if (s <= last) state.record({s, "2024-05-01T12:00:00Z", 1});
    return state;
}

}  // namespace

TEST_CASE("a fresh work directory starts at check") {
    CHECK(first_step_to_run(RunState{}, false) == StepName::Check);
}

TEST_CASE("a re-run starts at the first step not done") {
    CHECK(first_step_to_run(done_through(StepName::Check), false) == StepName::Schema);
    CHECK(first_step_to_run(done_through(StepName::Schema), false) == StepName::Copy);
    CHECK(first_step_to_run(done_through(StepName::Copy), false) == StepName::Index);
}

TEST_CASE("verify always runs once reached, even when it is recorded done") {
    CHECK(first_step_to_run(done_through(StepName::Index), false) == StepName::Verify);
    CHECK(first_step_to_run(done_through(StepName::Verify), false) == StepName::Verify);
}

TEST_CASE("a step done after a gap does not count: the steps run from the gap") {
    RunState state{};
    state.record({StepName::Check, "2024-05-01T12:00:00Z", 1});
    state.record({StepName::Copy, "2024-05-01T12:00:00Z", 1});
    CHECK(first_step_to_run(state, false) == StepName::Schema);
}

TEST_CASE("check runs again when the report a later step needs is gone") {
    CHECK(first_step_to_run(done_through(StepName::Check), true) == StepName::Check);
}

TEST_CASE("SavedCopy: any saved chunk, even with every chunk done, means the copy stopped part-way, and no chunk means it did not") {
    m2pg::run::SavedCopy none;
    CHECK_FALSE(none.stopped_part_way());
    m2pg::run::SavedCopy part{30, 12, ""};
    CHECK(part.stopped_part_way());
    CHECK(part.describe() == "12 of 30 chunks done");
    // Every chunk done but the copy not finished (a table failed at its end): still resume.
    CHECK(m2pg::run::SavedCopy{4, 4, ""}.stopped_part_way());
}
