#pragma once
// How m2pg index and m2pg copy --with-indexes show the index builds: one line per event on
// stdout ("start", "done ... 1.23 s", "FAILED ..."), warnings on stderr.
#include <string>

#include "index/run.hpp"

namespace m2pg::tools {

std::string seconds_text(double seconds);  // "1.23 s"
void print_index_event(const index::IndexEvent& event);

}  // namespace m2pg::tools
