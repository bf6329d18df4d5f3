#include "index/sources.hpp"

#include "report/report_json.hpp"
#include "source/mysql/catalog.hpp"
#include "target/postgres/connection.hpp"
#include "target/postgres/saved_definitions.hpp"
#include "util/dsn.hpp"
#include "util/error.hpp"

namespace m2pg::index {

PlanInputs Sources::inputs() const {
    PlanInputs in;
    in.catalog = catalog ? &*catalog : nullptr;
    in.profile = profile ? &*profile : nullptr;
    in.scope = options.scope;
    in.target_schema = options.target_schema;
    in.text_search_config = options.text_search_config;
    in.create_indexes = options.create_indexes;
    in.saved = &saved;
    // The profile's casts change column types, hence which prefix expressions apply.
    in.types = profile::with_casts({}, in.profile);
    return in;
}

Sources load_sources(const SourceOptions& options, const util::PgDsn& target) {
    if (!options.mysql_dsn.empty() && !options.report_file.empty())
        throw UsageError("--from-mysql and --from-report both give the MySQL catalog: pick one");
    Sources s;
    s.options = options;
    {
        target::postgres::PgConnection pg(target);
        s.saved = target::postgres::load_pending_definitions(pg, options.target_schema);
    }
    if (options.profile.empty() && options.mysql_dsn.empty() && options.report_file.empty() && s.saved.empty())
        throw UsageError("nothing to index from: m2pg copy set nothing aside in schema " + options.target_schema +
                         " (" + target::postgres::kSavedDefinitionsTable +
                         "); give --profile NAME, --from-mysql DSN or --from-report FILE");
    if (!options.profile.empty()) s.profile = profile::load_profile(options.profile);
    if (!options.mysql_dsn.empty()) {
        s.catalog = source::mysql::read_catalog(util::parse_mysql_dsn(options.mysql_dsn));
    }
    if (!options.report_file.empty()) s.catalog = report::read_report(options.report_file).catalog;
    return s;
}

}  // namespace m2pg::index
