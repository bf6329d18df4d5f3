#pragma once
// Where the index plan's definitions come from: what m2pg copy set aside in the target
// (saved definitions), a profile (its full-text indexes), the MySQL catalog read live
// (--from-mysql) or from m2pg check's report file (--from-report).
#include <optional>
#include <string>
#include <vector>

#include "index/plan.hpp"
#include "profile/profile.hpp"
#include "model/catalog.hpp"
#include "target/postgres/definitions.hpp"
#include "util/dsn.hpp"

namespace m2pg::index {

struct SourceOptions {
    std::string profile;      // name or path; empty: none
    std::string mysql_dsn;    // empty: none
    std::string report_file;  // empty: none
    profile::ScopeRequest scope;  // --plugin NAME: that plugin's indexes only
    std::string target_schema = "public";
    std::string text_search_config = "simple";
    bool create_indexes = false;
};

struct Sources {
    std::vector<target::postgres::Definition> saved;  // pending in the target schema
    std::optional<profile::Profile> profile;
    std::optional<model::Catalog> catalog;
    PlanInputs inputs() const;  // points into this object: keep it alive while planning
    SourceOptions options;
};

// Reads the definitions copy saved in `target` and loads what the options name. Throws
// UsageError (nothing saved and nothing given, both --from-mysql and --from-report, a DSN
// without a database, a bad profile or report), and either side's ConnectionError,
// SourceError or TargetError.
Sources load_sources(const SourceOptions& options, const util::PgDsn& target);

}  // namespace m2pg::index
