#pragma once
#include <string>

namespace m2pg::tools {

// "m2pg 0.1.0 (git 25365c5abcde)": the project version and the commit the tools were built
// from ("-dirty" when the tree had uncommitted changes, "unknown" outside a git checkout).
std::string version_text();

}  // namespace m2pg::tools
