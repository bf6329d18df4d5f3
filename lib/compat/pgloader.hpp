#pragma once
// m2pg pgloader: a pgloader command file (templates/pgloader/command.load) that carries
// what we learned about pgloader's mistakes (bench/README.md), for people who prefer
// pgloader to m2pg copy. It never holds a password.
#include <optional>
#include <string>
#include <vector>

#include "profile/profile.hpp"
#include "profile/scope.hpp"
#include "model/catalog.hpp"
#include "util/dsn.hpp"

namespace m2pg::compat {

struct PgloaderOptions {
    util::MysqlDsn mysql;
    util::PgDsn postgres;
    // With a profile, pgloader loads data only into the tables the app's migrations made
    // (m2pg schema --run-migrations), leaves out the tables the profile leaves out (or, with
    // --plugin, loads only that plugin's) and applies its casts. Without one, pgloader
    // creates the tables itself.
    std::optional<profile::Profile> profile;
    profile::ScopeRequest scope;
    std::string target_schema = "public";
};

struct PgloaderFile {
    std::string text;
    // Things pgloader cannot do as m2pg would for this database (also in the file's header).
    std::vector<std::string> warnings;
};

// Pure: renders the command file for `catalog` (the MySQL database the DSN names).
// Throws UsageError for a DSN, schema or profile pgloader's grammar cannot carry.
PgloaderFile render_pgloader(const PgloaderOptions& options, const model::Catalog& catalog);

// Reads the MySQL catalog (JSON columns, zero-date defaults, exact table names), then
// renders. Throws what MysqlConnection and read_catalog throw, and what render throws.
PgloaderFile generate_pgloader(const PgloaderOptions& options);

}  // namespace m2pg::compat
