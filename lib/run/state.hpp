#pragma once
// The memory of `m2pg run` in its work directory: which source, target and profile the
// directory belongs to, and which steps finished, when and in how long. One JSON file,
// replaced atomically, so a kill at any moment leaves the old state or the new one.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "run/steps.hpp"

namespace m2pg::run {

// What a work directory belongs to; DSNs in their display form (never a password).
struct RunIdentity {
    std::string source;
    std::string target;
    std::string profile;  // the profile's canonical folder; empty: none
    std::string plugin;   // --plugin NAME; empty: the core (or no profile)
    bool operator==(const RunIdentity&) const = default;
};

// The identity of the run `options` describe. The profile is the folder it loaded from,
// canonical, so `--profile chat` and `--profile migrations/chat` are one run. Throws
// UsageError for a DSN that does not parse or a profile that does not load.
RunIdentity run_identity(const RunOptions& options);

struct StepRecord {
    StepName step = StepName::Check;
    std::string finished_at;  // UTC, ISO 8601
    double seconds = 0;
};

struct RunState {
    RunIdentity identity;
    std::vector<StepRecord> done;  // pipeline order
    // The databases' identities (run/target_state.hpp) when the steps were recorded; empty
    // in a state written before they were.
    std::string source_identity;
    std::string target_identity;

    const StepRecord* find(StepName step) const;
    // Adds the step's record, replacing an earlier one.
    void record(StepRecord record);
    // Forgets `step` and every later step (--from-step).
    void forget_from(StepName step);
};

// WORK/run-state.json.
std::filesystem::path state_file(const std::filesystem::path& work_dir);

// The saved state; nullopt when the file does not exist. Throws StateError naming the
// file when it cannot be read or is not a run state this build understands.
std::optional<RunState> load_state(const std::filesystem::path& file);

// Writes a temporary file beside `file`, flushes it to disk and renames it into place.
// Throws StateError naming the file.
void save_state(const std::filesystem::path& file, const RunState& state);

// Throws StateError naming both runs when the saved state belongs to another source,
// target or profile: one work directory holds one migration.
void require_same_run(const RunState& saved, const RunIdentity& now, const std::filesystem::path& file);

// The current time as ISO 8601 UTC ("2024-05-01T12:00:03Z").
std::string utc_now();

}  // namespace m2pg::run
