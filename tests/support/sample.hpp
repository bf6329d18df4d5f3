#pragma once
// Builds a profile's MySQL source database in a scratch database, as scripts/load-sample.sh
// does: each MySQL migration applied and recorded in db_migrations (morph's layout), then
// the profile's sample-data.sql.
#include <string>

#include "support/servers.hpp"

namespace m2pg::test {

void load_sample(const MysqlScratch& mysql, const std::string& profile = "chat", bool with_data = true);

}  // namespace m2pg::test
