#pragma once
// The flags the tools share: the two servers, and which tables (the profile's scope). Header-only, because tools/CMakeLists.txt builds the common
// library from run_main.cpp alone.
#include <CLI/CLI.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/mysql_tls_flags.hpp"
#include "profile/profile.hpp"
#include "profile/scope.hpp"
#include "util/error.hpp"

namespace m2pg::tools {

// The required --mysql and --postgres DSNs, as typed (util::parse_*_dsn reads them), and
// the --mysql-ssl-* flags; after parsing, mysql_dsn() is the MySQL DSN with those added.
struct ServerFlags {
    std::string mysql;
    std::string postgres;
    MysqlTlsFlags mysql_tls;

    std::string mysql_dsn() const { return with_mysql_tls_flags(mysql, mysql_tls); }
};

inline void add_server_flags(CLI::App& app, ServerFlags& servers) {
    app.add_option("--mysql", servers.mysql,
                   "source: user:pass@tcp(host:3306)/db or mysql://user@host/db (TLS: ?tls=true or ssl-mode=, "
                   "ssl-ca=, or the --mysql-ssl-* flags)")
        ->required();
    app.add_option("--postgres", servers.postgres,
                   "target: postgresql://user@host/db or 'host=... dbname=...' (TLS: libpq's sslmode=, sslrootcert=, "
                   "sslcert=, sslkey=)")
        ->required();
    add_mysql_tls_flags(app, servers.mysql_tls);
}

// Ranges of numeric flags several tools share. Every numeric flag has a range, so a value
// that cannot work (--batch-bytes 1 sliced bytea values into nothing, forever) is a usage
// error (exit 2) before anything connects; tests/integration/tools/numeric_flags_test holds
// every tool's --help to it.
inline const CLI::Range kRowsRange{std::uint64_t{1}, std::uint64_t{1'000'000'000}};
inline const CLI::Range kBatchBytesRange{std::size_t{1024}, std::size_t{1} << 30};

// A comma-list option such as --tables a,b: empty items are dropped, and a repeated flag
// adds to the list. One value per flag, so a stray word after it is still an error.
inline CLI::Option* add_list_option(CLI::App& app, const std::string& name, std::vector<std::string>& items,
                                    const std::string& description) {
    return app.add_option(name, items, description)->delimiter(',')->allow_extra_args(false);
}

// --profile and --plugin, and with `table_lists` also --tables and --exclude: which tables
// a tool works on, resolved by lib/profile/scope against the catalog.
struct ScopeFlags {
    std::string profile;
    profile::ScopeRequest request;
};

inline void add_scope_flags(CLI::App& app, ScopeFlags& flags, const std::string& verb, bool table_lists = true) {
    if (table_lists) {
        add_list_option(app, "--tables", flags.request.tables, "comma list of MySQL tables to " + verb + " (default: all)");
        add_list_option(app, "--exclude", flags.request.exclude, "comma list of MySQL tables to leave out");
    }
    app.add_option("--profile", flags.profile,
                   "application profile (a name under migrations/ or a folder): its casts, and the tables it leaves "
                   "out (its migrations table, skip_tables, optional_tables, plugin tables)");
    app.add_option("--plugin", flags.request.plugin, verb + " only this plugin's tables (needs --profile)");
}

// --app-repository: the git mirror to fetch an app release's migrations from (m2pg check and
// m2pg schema, with --app-version), also from M2PG_APP_REPOSITORY.
inline CLI::Option* add_app_repository_flag(CLI::App& app, std::string& repository) {
    return app
        .add_option("--app-repository", repository,
                    "git URL to fetch --app-version from instead of the profile's (a mirror)")
        ->envname("M2PG_APP_REPOSITORY");
}

// The profile the flags name, loaded; nullopt without --profile. Throws UsageError for an
// unknown profile or --plugin without one.
inline std::optional<profile::Profile> load_scope_profile(const ScopeFlags& flags) {
    if (flags.profile.empty()) {
        if (!flags.request.plugin.empty()) throw UsageError("--plugin needs --profile: the profile lists each plugin's tables");
        return std::nullopt;
    }
    return profile::load_profile(flags.profile);
}

}  // namespace m2pg::tools
