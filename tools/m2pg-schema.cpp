// m2pg schema: the Postgres schema of a migration.
//   m2pg schema generate --from-mysql DSN [--out DIR]   print (or write as migrations) the DDL
//   m2pg schema PG_DSN --from-mysql DSN                  create it in PostgreSQL
#include <CLI/CLI.hpp>

#include <iostream>

#include "common/run_main.hpp"
#include "schema/create.hpp"
#include "util/dsn.hpp"

namespace {

struct Flags {
    std::string pg_dsn;
    std::string mysql_dsn;
    std::string phases = "tables";
    std::string identifiers = "lower";
    std::string target_schema = "public";
    std::string text_search_config = "simple";
    std::string out_dir;
    bool dry_run = false;
};

void add_generation_flags(CLI::App& app, Flags& f) {
    app.add_option("--from-mysql", f.mysql_dsn, "MySQL/MariaDB DSN whose catalog the schema is generated from");
    app.add_option("--identifiers", f.identifiers,
                   "lower: Posts.Message becomes posts.message (default); preserve: keep MySQL's spelling, quoted")
        ->check(CLI::IsMember({"lower", "preserve"}));
    app.add_option("--schema", f.target_schema, "target Postgres schema (default public)");
    app.add_option("--text-search-config", f.text_search_config,
                   "text search configuration of generated full-text indexes (default simple)");
}

m2pg::schema::DdlOptions ddl_options(const Flags& f) {
    m2pg::schema::DdlOptions o;
    o.identifier_case =
        f.identifiers == "preserve" ? m2pg::schema::IdentifierCase::Preserve : m2pg::schema::IdentifierCase::Lower;
    o.target_schema = f.target_schema;
    o.text_search_config = f.text_search_config;
    return o;
}

}  // namespace

int main(int argc, char** argv) {
    return m2pg::tools::run_main("schema", argc, argv, [](int n, char** args) {
        Flags f;
        CLI::App app{
            "m2pg schema: create the PostgreSQL schema of a migration from the MySQL catalog.\n"
            "Phases: tables (bare tables: columns, types, defaults, primary keys, enum/set checks),\n"
            "indexes, foreign-keys (NOT VALID, then VALIDATE), fulltext (GIN over to_tsvector).\n"
            "Copy into bare tables first; build indexes after the copy.",
            "m2pg schema"};
        app.add_option("PG_DSN", f.pg_dsn, "target PostgreSQL (postgresql://user@host:5432/db or 'host=... dbname=...')");
        add_generation_flags(app, f);
        app.add_option("--phases", f.phases, "comma list of tables,indexes,foreign-keys,fulltext or all (default tables)");
        app.add_flag("--dry-run", f.dry_run, "print what would be created, change nothing");

        auto* generate = app.add_subcommand("generate", "print the generated DDL, or write it as versioned migrations");
        Flags g;
        add_generation_flags(*generate, g);
        generate->add_option("--out", g.out_dir,
                             "write 000001_tables ... 000004_fulltext .up.sql/.down.sql into this directory");
        generate->add_option("--phases", g.phases, "phases to print (default all)");
        g.phases = "all";
        app.require_subcommand(0, 1);
        app.parse(n, args);

        if (generate->parsed()) {
            if (g.mysql_dsn.empty()) throw CLI::RequiredError("--from-mysql");
            auto schema = m2pg::schema::generate_from_mysql(m2pg::util::parse_mysql_dsn(g.mysql_dsn), ddl_options(g));
            if (!g.out_dir.empty()) {
                for (const auto& path : m2pg::schema::write_migrations(schema.plan, g.out_dir))
                    std::cout << "wrote " << path << "\n";
                return 0;
            }
            std::cout << m2pg::schema::render_script(schema.plan, m2pg::schema::parse_phases(g.phases));
            return 0;
        }
        if (f.pg_dsn.empty()) throw CLI::RequiredError("PG_DSN");
        if (f.mysql_dsn.empty()) throw CLI::RequiredError("--from-mysql");
        auto phases = m2pg::schema::parse_phases(f.phases);
        auto pg_dsn = m2pg::util::parse_pg_dsn(f.pg_dsn);
        auto mysql_dsn = m2pg::util::parse_mysql_dsn(f.mysql_dsn);
        auto schema = m2pg::schema::generate_from_mysql(mysql_dsn, ddl_options(f));
        for (const auto& note : schema.plan.notes)
            std::cerr << "note: " << note.table << (note.column.empty() ? "" : "." + note.column) << ": "
                      << note.message << "\n";
        if (f.dry_run) {
            std::cout << m2pg::schema::render_script(schema.plan, phases);
            return 0;
        }
        m2pg::target::postgres::PgConnection pg(pg_dsn);
        std::size_t created = 0;
        m2pg::schema::apply_plan(pg, schema.plan, phases, [&](const m2pg::schema::DdlStatement& s) {
            ++created;
            std::cout << "  " << m2pg::schema::phase_name(s.phase) << ": " << s.object << "\n";
        });
        std::cout << "m2pg schema: created " << created << " objects from " << schema.catalog.tables.size()
                  << " MySQL tables of " << mysql_dsn.display() << " in " << pg_dsn.display() << "\n";
        return 0;
    });
}
