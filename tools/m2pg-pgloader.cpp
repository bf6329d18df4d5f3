// m2pg pgloader: write a pgloader command file for people who prefer pgloader.
#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>

#include "common/run_main.hpp"
#include "common/table_flags.hpp"
#include "compat/pgloader.hpp"
#include "profile/profile.hpp"
#include "util/dsn.hpp"
#include "util/error.hpp"

int main(int argc, char** argv) {
    return m2pg::tools::run_main("pgloader", argc, argv, [](CLI::App& app, int n, char** args) {
        m2pg::tools::ServerFlags servers;
        std::string profile_name;
        std::string output;
        m2pg::compat::PgloaderOptions options;
        app.description(
            "Writes a pgloader 3.6 command file that moves the MySQL database the way m2pg copy\n"
            "would, as far as pgloader can: m2pg's type map as CAST rules (tinyint(1) only to boolean, bigint\n"
            "unsigned to numeric(20), zero dates to NULL, time to interval, JSON to jsonb column by column, NUL\n"
            "bytes stripped, ...), both sessions in UTC, no indexes. It reads the MySQL catalog, never writes.\n"
            "No password goes into the file: run pgloader with MYSQL_PWD and PGPASSWORD set. The file's header\n"
            "lists what pgloader still does differently. Without --profile pgloader creates the tables; with\n"
            "one, it loads data only into the tables `m2pg schema --run-migrations` made, after emptying the\n"
            "tables the profile replaces and dropping its full-text indexes (m2pg index --profile builds them).\n"
            "--plugin NAME loads one plugin's tables: into those its own migrations made (m2pg schema --plugin),\n"
            "or, for a plugin without migrations, into tables pgloader creates.");
        m2pg::tools::add_server_flags(app, servers);
        app.add_option("--profile", profile_name,
                       "application profile: data only into its tables, the tables it leaves out left out, its casts applied");
        app.add_option("--plugin", options.scope.plugin,
                       "load only this plugin's tables (needs --profile): into the tables its own migrations made, or "
                       "into tables pgloader creates when it has none");
        app.add_option("--schema", options.target_schema, "target Postgres schema (default public)");
        app.add_option("--output", output, "write the file here instead of to standard output");
        app.parse(n, args);

        options.mysql = m2pg::util::parse_mysql_dsn(servers.mysql_dsn());
        options.postgres = m2pg::util::parse_pg_dsn(servers.postgres);
        if (!profile_name.empty()) options.profile = m2pg::profile::load_profile(profile_name);
        else if (!options.scope.plugin.empty())
            throw m2pg::UsageError("--plugin needs --profile: the profile lists each plugin's tables");

        const auto file = m2pg::compat::generate_pgloader(options);
        for (const auto& warning : file.warnings) std::cerr << "m2pg pgloader: warning: " << warning << "\n";
        if (output.empty()) {
            std::cout << file.text;
            std::cout.flush();
            // Like --output: where the file goes is the caller's to fix (a closed pipe, a full disk).
            if (!std::cout) throw m2pg::UsageError("cannot write the command file to standard output");
            return 0;
        }
        std::ofstream out(output, std::ios::binary | std::ios::trunc);
        out << file.text;
        out.close();
        if (!out) throw m2pg::UsageError("cannot write the command file to " + output);
        std::cerr << "m2pg pgloader: wrote " << output << "\n";
        return 0;
    });
}
