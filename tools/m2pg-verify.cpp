// m2pg verify: prove that PostgreSQL holds exactly what copy should have made of MySQL.
// Exit 0 only when everything matches; 1 when something differs (docs/verify.md).
#include <CLI/CLI.hpp>

#include <iostream>

#include "common/run_main.hpp"
#include "common/table_flags.hpp"
#include "util/dsn.hpp"
#include "util/error.hpp"
#include "verify/output.hpp"
#include "verify/verify.hpp"

int main(int argc, char** argv) {
    return m2pg::tools::run_main("verify", argc, argv, [](CLI::App& app, int n, char** args) {
        m2pg::tools::ServerFlags servers;
        m2pg::tools::ScopeFlags scope;
        m2pg::verify::VerifyOptions options;
        bool full = false, json = false;
        double sample = 0;
        app.description(
            "Compares every MySQL table with its PostgreSQL copy, row by row, without moving rows.\n"
            "Per table: exact row counts, then order-independent checksums of canonical rows computed on both\n"
            "servers per primary-key chunk (in parallel; a text key is cut into hash buckets of the key instead,\n"
            "checksummed in parallel parts); a chunk that differs is narrowed to the primary keys of the rows\n"
            "that changed, are missing in Postgres or are extra there. Also checks that every table\n"
            "exists in Postgres, that sequences are ahead of max(id), and (--app-role) the role's privileges.\n"
            "Run it while nothing writes to either database. Exit 0: identical; 1: differences (listed).");
        m2pg::tools::add_server_flags(app, servers);
        m2pg::tools::add_scope_flags(app, scope, "verify");
        app.add_option("--jobs", options.jobs, "parallel workers, each with one MySQL and one Postgres session (default 2)")
            ->check(CLI::Range(1, 64));
        app.add_option("--chunk-rows", options.chunk_rows, "rows per primary-key chunk or hash bucket (default 100000)")
            ->check(m2pg::tools::kRowsRange);
        app.add_option("--schema", options.target_schema, "target Postgres schema (default public)");
        app.add_option("--app-role", options.app_role,
                       "check that this Postgres role may SELECT/INSERT/UPDATE/DELETE every table and use its sequences");
        app.add_option("--max-keys", options.max_listed_keys, "list at most this many differing keys per table (default 100)")
            ->check(CLI::Range(0, 1000000));
        auto* full_flag = app.add_flag("--full", full, "checksum every chunk (the default)");
        app.add_option("--sample", sample, "checksum only this percentage of each table's chunks (counts stay exact; "
                                "text-keyed tables are always checked whole)")
            ->excludes(full_flag)
            ->check(CLI::Range(0.0, 100.0));
        app.add_flag("--json", json, "print one JSON document instead of the table");
        app.parse(n, args);

        options.mysql = m2pg::util::parse_mysql_dsn(servers.mysql_dsn());
        options.postgres = m2pg::util::parse_pg_dsn(servers.postgres);
        if (sample > 0) options.sample_percent = sample;
        else if (app.count("--sample")) throw m2pg::UsageError("--sample must be above 0");
        options.profile = m2pg::tools::load_scope_profile(scope);
        options.scope = scope.request;

        if (!json) std::cerr << "m2pg verify: " << options.mysql.display() << " vs " << options.postgres.display() << "\n";
        const auto result = m2pg::verify::run_verify(options);
        if (json) std::cout << m2pg::verify::to_json(result).dump(2) << "\n";
        else std::cout << m2pg::verify::format_report(result);
        if (result.failure_exit_code != 0) return result.failure_exit_code;
        return result.ok() ? 0 : 1;
    });
}
