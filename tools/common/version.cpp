#include "common/version.hpp"

#include "m2pg_commit.hpp"

namespace m2pg::tools {

std::string version_text() { return std::string("m2pg ") + M2PG_VERSION + " (git " + kGitCommit + ")"; }

}  // namespace m2pg::tools
