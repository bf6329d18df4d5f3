#pragma once
// What `m2pg run` tells the admin: when check finds blockers, which of the run's --fix-*
// flags would remove them, read from the findings of check's report; at the end, the
// app's next step as its profile says it.
#include <cstddef>
#include <map>
#include <string>

#include "report/report.hpp"
#include "run/steps.hpp"

namespace m2pg::run {

struct FixAdvice {
    std::map<std::string, std::size_t> flags;  // "--fix-unicode" → blockers it fixes, not given yet
    std::size_t left_despite_flags = 0;        // blockers whose flag was given and that remain
    std::size_t by_hand = 0;                   // blockers no flag fixes
    std::size_t blockers() const;
};

// Sorts the report's error findings by the --fix-* flag their fix names.
FixAdvice advise_fixes(const report::Report& report, const RunOptions& options);

// The profile's next_step (what the admin does once the data is in Postgres: switch the
// app's config) with {postgres_dsn} replaced by the target DSN without its password.
std::string render_next_step(const std::string& next_step, const std::string& postgres_dsn_without_password);

// One paragraph for the admin, e.g. "3 blockers remain: add --fix-unicode (fixes 2) to
// the m2pg run command ...; 1 needs a change by hand (each finding above says how)".
std::string render_fix_advice(const FixAdvice& advice);

}  // namespace m2pg::run
