#include "run/state.hpp"

#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "profile/profile.hpp"
#include "support/temp_dir.hpp"
#include "util/error.hpp"

using m2pg::run::RunIdentity;
using m2pg::run::RunState;
using m2pg::run::StepName;
using m2pg::run::StepRecord;

namespace {

namespace fs = std::filesystem;

using m2pg::test::TempDir;

const RunIdentity kChat{"app@db:3306/chat", "app@pg:5432/chat", "chat", ""};

}  // namespace

TEST_CASE("a saved run state loads back with its steps in pipeline order, and no temp file is left") {
    TempDir dir;
    const auto file = m2pg::run::state_file(dir.path());
    CHECK_FALSE(m2pg::run::load_state(file).has_value());

    RunState state{kChat, {}, {}, {}};
    state.record({StepName::Copy, "2024-05-01T12:00:09Z", 6.5});
    state.record({StepName::Check, "2024-05-01T12:00:01Z", 1.25});
    state.record({StepName::Schema, "2024-05-01T12:00:02Z", 0.5});
    state.record({StepName::Check, "2024-05-01T12:00:03Z", 2.0});  // replaces the first
    m2pg::run::save_state(file, state);

    auto loaded = m2pg::run::load_state(file);
    REQUIRE(loaded.has_value());
    CHECK(loaded->identity == kChat);
    REQUIRE(loaded->done.size() == 3);
    CHECK(loaded->done[0].step == StepName::Check);
    CHECK(loaded->done[0].finished_at == "2024-05-01T12:00:03Z");
    CHECK(loaded->done[0].seconds == doctest::Approx(2.0));
    CHECK(loaded->done[1].step == StepName::Schema);
    CHECK(loaded->done[2].step == StepName::Copy);
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path())) ++files;
    CHECK(files == 1);
}

TEST_CASE("--from-step forgets that step and every later one") {
    RunState state{kChat, {}, {}, {}};
    for (StepName s : m2pg::run::kSteps) state.record({s, "2024-05-01T12:00:00Z", 1});
    state.forget_from(StepName::Copy);
    CHECK(state.find(StepName::Check) != nullptr);
    CHECK(state.find(StepName::Schema) != nullptr);
    CHECK(state.find(StepName::Copy) == nullptr);
    CHECK(state.find(StepName::Index) == nullptr);
    CHECK(state.find(StepName::Verify) == nullptr);
}

TEST_CASE("a work directory of another source, target or profile is refused, naming both runs") {
    TempDir dir;
    const auto file = m2pg::run::state_file(dir.path());
    RunState saved{kChat, {}, {}, {}};
    CHECK_NOTHROW(m2pg::run::require_same_run(saved, kChat, file));

    RunIdentity other_target = kChat;
    other_target.target = "app@pg:5432/staging";
    try {
        m2pg::run::require_same_run(saved, other_target, file);
        FAIL("expected a StateError");
    } catch (const m2pg::StateError& e) {
        const std::string message = e.what();
        CHECK(message.find("app@pg:5432/chat") != std::string::npos);
        CHECK(message.find("app@pg:5432/staging") != std::string::npos);
        CHECK(message.find("--work-dir") != std::string::npos);
        CHECK(e.exit_code() == 7);
    }
    RunIdentity other_source = kChat;
    other_source.source = "app@db2:3306/chat";
    CHECK_THROWS_AS(m2pg::run::require_same_run(saved, other_source, file), m2pg::StateError);
    RunIdentity no_profile = kChat;
    no_profile.profile = "";
    CHECK_THROWS_WITH_AS(m2pg::run::require_same_run(saved, no_profile, file),
                         doctest::Contains("without a profile"), m2pg::StateError);
    // A plugin's run is not the core's: its steps are its own.
    RunIdentity calls = kChat;
    calls.plugin = "calls";
    CHECK_THROWS_WITH_AS(m2pg::run::require_same_run(saved, calls, file),
                         doctest::Contains("with profile chat, plugin calls"), m2pg::StateError);
}

TEST_CASE("a plugin's run state keeps its plugin, and a state written before plugins had runs is the core's") {
    TempDir dir;
    const auto file = m2pg::run::state_file(dir.path());
    RunIdentity calls = kChat;
    calls.plugin = "calls";
    m2pg::run::save_state(file, RunState{calls, {}, {}, {}});
    CHECK(m2pg::run::load_state(file)->identity == calls);
    std::ofstream(file, std::ios::trunc) << R"({"format": "m2pg-run-state", "version": 1, "source": "app@db:3306/chat",
        "target": "app@pg:5432/chat", "profile": "chat", "steps": []})";
    CHECK(m2pg::run::load_state(file)->identity == kChat);
}

TEST_CASE("an unreadable state file is a state error, not a fresh start") {
    TempDir dir;
    const auto file = m2pg::run::state_file(dir.path());
    std::ofstream(file) << "{\"format\": \"m2pg-run-state\", \"version\": 1, \"source\": ";
    CHECK_THROWS_WITH_AS(m2pg::run::load_state(file), doctest::Contains("unreadable"), m2pg::StateError);
    std::ofstream(file, std::ios::trunc) << "{\"format\": \"something else\"}";
    CHECK_THROWS_WITH_AS(m2pg::run::load_state(file), doctest::Contains("not an m2pg run state"), m2pg::StateError);
    std::ofstream(file, std::ios::trunc)
        << R"({"format": "m2pg-run-state", "version": 1, "source": "a", "target": "b", "profile": "",
              "steps": [{"step": "load", "finished_at": "x", "seconds": 1}]})";
    CHECK_THROWS_AS(m2pg::run::load_state(file), m2pg::StateError);
}

TEST_CASE("saving into a directory that does not exist is a state error naming the file") {
    TempDir dir;
    const auto file = m2pg::run::state_file(dir.path() / "missing");
    CHECK_THROWS_WITH_AS(m2pg::run::save_state(file, RunState{kChat, {}, {}, {}}), doctest::Contains("run-state.json"),
                         m2pg::StateError);
}

TEST_CASE("a run's identity holds the profile it loads, however it was named, so both spellings are one run") {
    m2pg::run::RunOptions o;
    o.mysql = "app:pw@tcp(db:3306)/chat";
    o.postgres = "postgresql://app:pw@pg:5432/chat";
    const RunIdentity none = m2pg::run::run_identity(o);
    CHECK(none == RunIdentity{"app@db:3306/chat", "app@pg:5432/chat", "", ""});

    o.profile = "chat";
    const RunIdentity by_name = m2pg::run::run_identity(o);
    CHECK(by_name.source == none.source);
    CHECK_FALSE(by_name.profile.empty());
    const fs::path folder = m2pg::profile::profiles_root() / "chat";
    for (const fs::path& spelling : {folder, folder / "profile.toml", folder / ".." / "chat", fs::relative(folder)}) {
        CAPTURE(spelling);
        o.profile = spelling.string();
        CHECK(m2pg::run::run_identity(o) == by_name);
    }
    CHECK_THROWS_AS(m2pg::run::require_same_run(RunState{none, {}, {}, {}}, by_name, "run-state.json"), m2pg::StateError);

    o.profile = "no-such-profile";
    CHECK_THROWS_AS(m2pg::run::run_identity(o), m2pg::UsageError);
}
