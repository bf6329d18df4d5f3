// m2pg schema: the Postgres schema of a migration.
#include <CLI/CLI.hpp>

#include <cstdint>
#include <iostream>

#include "common/mysql_tls_flags.hpp"
#include "common/run_main.hpp"
#include "common/table_flags.hpp"
#include "migrate/applied_list.hpp"
#include "migrate/runner.hpp"
#include "migrate/source.hpp"
#include "profile/profile.hpp"
#include "report/report_json.hpp"
#include "migrate/schema_job.hpp"
#include "schema/create.hpp"
#include "source/mysql/catalog.hpp"
#include "source/mysql/identity.hpp"
#include "util/dsn.hpp"
#include "util/error.hpp"

namespace {

struct Flags {
    std::string pg_dsn;
    std::string mysql_dsn;
    m2pg::tools::MysqlTlsFlags mysql_tls;
    std::string report_file;
    std::string phases = "tables";
    std::string identifiers = "lower";
    std::string target_schema = "public";
    std::string text_search_config = "simple";
    std::string out_dir;
    bool dry_run = false;
    // --run-migrations
    bool run_migrations = false;
    std::string profile;
    std::string plugin;
    std::string migrations_dir;
    std::string app_version;
    std::string app_repository;
    std::string applied_migrations;
    std::optional<std::int64_t> target_version;
    bool check_schema_owner = true;
    bool check_search_path = true;
    bool check_tables_empty = true;
};

void add_generation_flags(CLI::App& app, Flags& f) {
    app.add_option("--from-mysql", f.mysql_dsn, "MySQL/MariaDB DSN whose catalog the schema is generated from");
    m2pg::tools::add_mysql_tls_flags(app, f.mysql_tls);
    app.add_option("--identifiers", f.identifiers,
                   "lower: Posts.Message becomes posts.message (default); preserve: keep MySQL's spelling, quoted")
        ->check(CLI::IsMember({"lower", "preserve"}));
    app.add_option("--schema", f.target_schema, "target Postgres schema (default public)");
    app.add_option("--text-search-config", f.text_search_config,
                   "text search configuration of generated full-text indexes (default simple)");
}

void add_migration_flags(CLI::App& app, Flags& f) {
    app.add_flag("--run-migrations", f.run_migrations, "apply the versioned migrations of a profile or directory");
    app.add_option("--profile", f.profile, "application profile (migrations/<name>) whose Postgres migrations to apply");
    app.add_option("--plugin", f.plugin,
                   "apply this plugin's own Postgres migrations into its migrations table (needs --profile); the "
                   "tables-empty pre-check then looks at the plugin's tables only");
    app.add_option("--migrations-dir", f.migrations_dir,
                   "directory of NNNNNN_name.up.sql files (overrides the profile's own directory)");
    app.add_option("--app-version,--mattermost-version", f.app_version,
                   "the app release (with --plugin, the plugin's): apply up to its last migration (the profile's "
                   "[app_versions]), or fetch its migrations from the app's git repository into a cache (the "
                   "profile's [migrations.fetch]; needs git and network, else use --migrations-dir)");
    m2pg::tools::add_app_repository_flag(app, f.app_repository);
    app.add_option("--applied-migrations", f.applied_migrations,
                   "apply exactly the migrations listed in this report (m2pg check's report or migration-assist's "
                   "mysql.output): no MySQL connection needed");
    app.add_option("--target-version", f.target_version, "apply nothing above this migration version")
        ->check(CLI::Range(std::int64_t{0}, std::int64_t{999'999'999'999'999'999}));
    app.add_flag("--check-schema-owner", f.check_schema_owner,
                   "pre-check that the role may create in the target schema; =false skips it (default true)");
    app.add_flag("--check-search-path", f.check_search_path,
                 "pre-check that the role's search_path (as the app will connect) resolves to the target schema; "
                 "=false skips it (default true)");
    app.add_flag("--check-tables-empty", f.check_tables_empty,
                   "pre-check that no table of the target schema holds rows; =false skips it (default true)");
}

m2pg::schema::DdlOptions ddl_options(const Flags& f) {
    m2pg::schema::DdlOptions o;
    o.identifier_case =
        f.identifiers == "preserve" ? m2pg::target::postgres::IdentifierCase::Preserve : m2pg::target::postgres::IdentifierCase::Lower;
    o.target_schema = f.target_schema;
    o.text_search_config = f.text_search_config;
    return o;
}

m2pg::migrate::RunOptions migration_options(const Flags& f) {
    using m2pg::UsageError;
    if (!f.mysql_dsn.empty()) throw UsageError("--run-migrations and --from-mysql are two different modes: pick one");
    if (!f.app_version.empty() && f.target_version)
        throw UsageError("--app-version and --target-version both set the last version: give one");
    std::optional<m2pg::profile::Profile> profile;
    if (!f.profile.empty()) profile = m2pg::profile::load_profile(f.profile);
    auto source = m2pg::migrate::resolve_source(profile ? &*profile : nullptr,
                                                {f.plugin, f.migrations_dir, f.app_version, f.target_schema});
    if (source.fetch)
        source.directory = m2pg::migrate::fetch_migrations(
            *source.fetch, {f.app_repository, m2pg::migrate::default_cache_root()},
            [](const std::string& line) { std::cerr << "m2pg schema: " << line << std::endl; });

    m2pg::migrate::RunOptions o;
    o.migrations_dir = source.directory;
    o.history = source.history;
    o.target_version = f.target_version ? f.target_version : source.target_version;
    o.table_patterns = source.table_patterns;
    if (!f.applied_migrations.empty()) {
        const auto list = m2pg::migrate::read_applied_list(f.applied_migrations);
        m2pg::migrate::require_list_for(list, source.history.table, source.what);
        o.exact_versions = list.versions;
    }
    o.dry_run = f.dry_run;
    o.check_schema_owner = f.check_schema_owner;
    o.check_search_path = f.check_search_path;
    o.check_tables_empty = f.check_tables_empty;
    return o;
}

std::string version_span(const std::vector<m2pg::migrate::MigrationFile>& files) {
    std::vector<std::int64_t> versions;
    for (const auto& file : files) versions.push_back(file.version);
    return m2pg::migrate::describe_versions(versions);
}

int run_migrations(const Flags& f) {
    const auto options = migration_options(f);
    const auto pg_dsn = m2pg::util::parse_pg_dsn(f.pg_dsn);
    const auto result = m2pg::migrate::run_migrations(pg_dsn, options, [](const auto& file, std::int64_t ms) {
        std::cout << "applied " << file.label() << " (" << ms << " ms)" << std::endl;
    });
    if (result.unverified > 0)
        std::cerr << "note: " << result.unverified
                  << " applied migration(s) have no m2pg checksum (another tool applied them); not verified\n";
    const std::string target = pg_dsn.display();
    if (result.pending.empty()) {
        std::cout << "m2pg schema: nothing to apply: " << target << " is at version " << result.from_version << " ("
                  << result.already_applied << " migrations applied)\n";
        return 0;
    }
    if (options.dry_run) {
        for (const auto& file : result.pending)
            std::cout << "would apply " << file.label() << (file.transactional ? "" : " (no transaction)") << "\n";
        std::cout << "m2pg schema: dry run: would apply " << result.pending.size() << " migration(s) ("
                  << version_span(result.pending) << ") from " << options.migrations_dir.string() << " to " << target
                  << ", taking it from version " << result.from_version << " to " << result.to_version
                  << "; nothing changed\n";
        return 0;
    }
    std::cout << "m2pg schema: applied " << result.pending.size() << " migration(s) (" << version_span(result.pending)
              << ") to " << target << ", now at version " << result.to_version << "\n";
    return 0;
}

int create_from_mysql(const Flags& f) {
    if (f.mysql_dsn.empty()) throw CLI::RequiredError("--from-mysql or --run-migrations");
    auto phases = m2pg::schema::parse_phases(f.phases);
    auto pg_dsn = m2pg::util::parse_pg_dsn(f.pg_dsn);
    auto mysql_dsn = m2pg::util::parse_mysql_dsn(f.mysql_dsn);
    m2pg::source::mysql::MysqlConnection mysql(mysql_dsn);
    const m2pg::migrate::SchemaSource source{mysql_dsn.display(),
                                             m2pg::source::mysql::server_identity(mysql, mysql_dsn.database)};
    auto schema = m2pg::schema::generate_from_catalog(m2pg::source::mysql::read_catalog(mysql, mysql_dsn.database),
                                                      ddl_options(f));
    for (const auto& note : schema.plan.notes)
        std::cerr << "note: " << note.table << (note.column.empty() ? "" : "." + note.column) << ": " << note.message
                  << "\n";
    if (f.dry_run) {
        std::cout << m2pg::schema::render_script(schema.plan, phases);
        return 0;
    }
    m2pg::target::postgres::PgConnection pg(pg_dsn);
    if (auto done = m2pg::migrate::find_created_schema(pg, schema.plan, phases, source)) {
        std::cout << "m2pg schema: nothing to do: this schema was created from " << source.display << " in "
                  << pg_dsn.display() << " (" << m2pg::target::postgres::describe(*done) << ")\n";
        return 0;
    }
    std::size_t created = 0;
    m2pg::migrate::create_schema(pg, schema.plan, phases, source, [&](const m2pg::schema::DdlStatement& s) {
        ++created;
        std::cout << "  " << m2pg::schema::phase_name(s.phase) << ": " << s.object << "\n";
    });
    std::cout << "m2pg schema: created " << created << " objects from " << schema.catalog.tables.size()
              << " MySQL tables of " << mysql_dsn.display() << " in " << pg_dsn.display() << "\n";
    return 0;
}

int generate(const Flags& g) {
    if (g.mysql_dsn.empty() == g.report_file.empty())
        throw m2pg::UsageError("generate needs exactly one of --from-mysql DSN or --from-report FILE");
    auto schema = g.report_file.empty()
                      ? m2pg::schema::generate_from_catalog(m2pg::source::mysql::read_catalog(m2pg::util::parse_mysql_dsn(g.mysql_dsn)), ddl_options(g))
                      : m2pg::schema::generate_from_catalog(m2pg::report::read_report(g.report_file).catalog,
                                                            ddl_options(g));
    if (!g.out_dir.empty()) {
        for (const auto& path : m2pg::schema::write_migrations(schema.plan, g.out_dir))
            std::cout << "wrote " << path << "\n";
        return 0;
    }
    std::cout << m2pg::schema::render_script(schema.plan, m2pg::schema::parse_phases(g.phases));
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    return m2pg::tools::run_main("schema", argc, argv, [](CLI::App& app, int n, char** args) {
        Flags f;
        app.description(
            "--run-migrations applies versioned migrations (NNNNNN_name.up.sql), each in its own transaction,\n"
            "after the schema-owner and tables-empty pre-checks; --applied-migrations FILE applies exactly the\n"
            "versions the MySQL side had (air-gapped).\n"
            "--from-mysql creates the schema from the MySQL catalog. Phases: tables (bare tables: columns,\n"
            "types, defaults, primary keys, enum/set checks), indexes, foreign-keys (foreign keys and MySQL\n"
            "CHECK constraints, NOT VALID, then VALIDATE), fulltext (GIN over to_tsvector). Copy into bare\n"
            "tables first; build indexes after the copy.\n"
            "generate prints the same DDL, or writes it as versioned migrations for --run-migrations.");
        app.add_option("PG_DSN", f.pg_dsn, "target PostgreSQL (postgresql://user@host:5432/db or 'host=... dbname=...')");
        add_generation_flags(app, f);
        add_migration_flags(app, f);
        app.add_option("--phases", f.phases, "comma list of tables,indexes,foreign-keys (with CHECK constraints),fulltext or all (default tables)");
        app.add_flag("--dry-run", f.dry_run, "print what would be created or applied, change nothing");

        auto* generate_cmd = app.add_subcommand("generate", "print the generated DDL, or write it as versioned migrations");
        Flags g;
        add_generation_flags(*generate_cmd, g);
        generate_cmd->add_option("--from-report", g.report_file,
                                 "m2pg check's report file: generate offline, without a MySQL connection");
        generate_cmd->add_option("--out", g.out_dir,
                                 "write 000001_tables ... 000004_fulltext .up.sql/.down.sql into this directory");
        generate_cmd->add_option("--phases", g.phases, "phases to print (default all)");
        g.phases = "all";
        app.require_subcommand(0, 1);
        app.parse(n, args);

        f.mysql_dsn = m2pg::tools::with_mysql_tls_flags(f.mysql_dsn, f.mysql_tls);
        g.mysql_dsn = m2pg::tools::with_mysql_tls_flags(g.mysql_dsn, g.mysql_tls);
        if (generate_cmd->parsed()) return generate(g);
        if (f.pg_dsn.empty()) throw CLI::RequiredError("PG_DSN");
        return f.run_migrations ? run_migrations(f) : create_from_mysql(f);
    });
}
