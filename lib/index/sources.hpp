#pragma once
// Where the index plan's definitions come from: a profile (its full-text indexes), the
// MySQL catalog read live (--from-mysql) or from m2pg check's report file (--from-report).
#include <optional>
#include <string>

#include "index/plan.hpp"
#include "profile/profile.hpp"
#include "model/catalog.hpp"

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
    std::optional<profile::Profile> profile;
    std::optional<model::Catalog> catalog;
    PlanInputs inputs() const;  // points into this object: keep it alive while planning
    SourceOptions options;
};

// Loads what the options name. Throws UsageError (nothing given, both --from-mysql and
// --from-report, a DSN without a database, a bad profile or report), and the MySQL
// side's ConnectionError/SourceError.
Sources load_sources(const SourceOptions& options);

}  // namespace m2pg::index
