#pragma once
// How m2pg index and m2pg copy --with-indexes show the index builds: one line per event on
// stdout ("start", "done ... 1.23 s", "FAILED ..."), warnings on stderr.
#include <cstddef>
#include <string>

#include "index/run.hpp"

namespace m2pg::tools {

std::string seconds_text(double seconds);  // "1.23 s"
void print_index_event(const index::IndexEvent& event);

// The summaries both tools print of an index::IndexResult:
std::string outcome_counts(const index::IndexResult& result);  // "3 built, 0 rebuilt, 0 finished, 1 skipped, 0 failed"
std::size_t sequences_moved(const index::IndexResult& result);
std::string failed_builds(const index::IndexResult& result);   // "t.i, u.j": the builds that failed

}  // namespace m2pg::tools
