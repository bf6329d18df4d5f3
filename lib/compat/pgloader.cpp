#include "compat/pgloader.hpp"

#include <cctype>
#include <map>

#include "compat/pgloader_casts.hpp"
#include "compat/pgloader_columns.hpp"
#include "compat/pgloader_names.hpp"
#include "compat/pgloader_template.hpp"
#include "compat/pgloader_url.hpp"
#include "model/lookup.hpp"
#include "source/mysql/catalog.hpp"
#include "source/mysql/connection.hpp"
#include "target/postgres/identifier.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace m2pg::compat {

namespace {

// Beyond this many, the header says how many more columns differ instead of naming them.
constexpr std::size_t kMaxListedDifferences = 20;

// Replaces each @NAME@ of the template in one pass, so a value holding '@' (a URL) is
// never read as a placeholder.
std::string fill(std::string_view text, const std::map<std::string, std::string>& values) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        std::size_t end = i + 1;
        if (text[i] == '@')
            while (end < text.size() && (std::isupper(static_cast<unsigned char>(text[end])) || text[end] == '_')) ++end;
        if (end == i + 1 || end >= text.size() || text[end] != '@') {
            out += text[i];
            continue;
        }
        const std::string name(text.substr(i + 1, end - i - 1));
        auto it = values.find(name);
        if (it == values.end()) throw Error("internal: templates/pgloader/command.load has no value for @" + name + "@");
        out += it->second;
        i = end;
    }
    return out;
}

// `name` for a place the template quotes: 'name'.
std::string quotable_or_fail(std::string_view name, const std::string& what) {
    if (single_quoted(name)) return std::string(name);
    throw UsageError("pgloader's grammar cannot write the " + what + " '" + std::string(name) +
                     "' (a quoted name may not hold a single quote, and there is no escape)");
}

// "BEFORE LOAD DO" or "AFTER LOAD DO" and one $$ ... $$ per statement.
std::string sql_clause(const std::string& keywords, const std::vector<std::string>& statements) {
    std::string out = keywords + "\n";
    for (std::size_t i = 0; i < statements.size(); ++i)
        out += "    $$ " + statements[i] + "; $$" + (i + 1 < statements.size() ? ",\n" : "\n");
    return out;
}

// Whether pgloader loads data only, into tables an app's migrations made: the core of a
// profile (m2pg schema --run-migrations), or a plugin that ships its own migrations
// (m2pg schema --plugin NAME). Otherwise pgloader creates the tables: no profile, or a
// plugin whose tables no migrations make (Mattermost's Boards and Playbooks).
bool into_app_tables(const PgloaderOptions& options) {
    if (!options.profile) return false;
    if (options.scope.plugin.empty()) return true;
    const profile::Plugin& plugin = profile::find_plugin(*options.profile, options.scope.plugin);
    return !plugin.postgres_migrations.empty() || plugin.fetch.has_value();
}

// The tables pgloader loads, as the profile scopes them: with --plugin only that plugin's
// tables (INCLUDING ONLY), else everything but what the profile leaves out (EXCLUDING).
std::string tables_clause(const PgloaderOptions& options, const profile::Scope& scope,
                          std::vector<std::string>& warnings) {
    const bool including = !options.scope.plugin.empty();
    std::vector<std::string> names;
    if (including)
        for (const auto* t : scope.sources()) names.push_back(t->name);
    else
        for (const auto& left : scope.left_out) names.push_back(left.table);
    std::vector<std::string> patterns;
    for (const std::string& name : names) {
        if (auto pattern = table_pattern(name)) patterns.push_back(*pattern);
        else warnings.push_back("cannot " + std::string(including ? "include" : "exclude") + " table " + name +
                                ": no regular-expression delimiter fits it");
    }
    if (patterns.empty()) return "";
    return std::string(including ? "INCLUDING ONLY" : "EXCLUDING") + " TABLE NAMES MATCHING " +
           util::join(patterns, ", ") + "\n";
}

// What runs in Postgres before the data, when it goes into the app's tables: the rows the
// app's migrations wrote in a replaced table (Systems) go, so the source's replace them;
// the profile's full-text indexes on the loaded tables go, so the load is not slowed by
// them (m2pg index --profile builds them again, as migration-assist's post-migrate does).
std::string before_load_clause(const PgloaderOptions& options, const profile::Scope& scope) {
    const std::string schema = target::postgres::quote_ident(options.target_schema) + ".";
    std::vector<std::string> statements;
    for (const auto& t : scope.tables)
        if (t.replace)
            statements.push_back("TRUNCATE TABLE " + schema + target::postgres::quote_ident(util::ascii_lower(t.source->name)));
    for (const auto& f : options.profile->fulltext)
        if (scope.contains(f.table)) statements.push_back("DROP INDEX IF EXISTS " + schema + target::postgres::quote_ident(f.name));
    return statements.empty() ? "" : sql_clause("BEFORE LOAD DO", statements);
}

// What runs after the data when pgloader created the tables: the defaults it could not write.
std::string after_load_clause(const PgloaderOptions& options, const std::vector<ColumnRule>& rules) {
    std::vector<std::string> statements;
    for (const ColumnRule& rule : rules)
        if (!rule.restore_default.empty())
            statements.push_back("ALTER TABLE " + target::postgres::quote_ident(options.target_schema) + "." +
                                 target::postgres::quote_ident(util::ascii_lower(rule.table)) + " ALTER COLUMN " +
                                 target::postgres::quote_ident(util::ascii_lower(rule.column)) + " SET DEFAULT " +
                                 rule.restore_default);
    return statements.empty() ? "" : sql_clause("AFTER LOAD DO", statements);
}

std::string notes_section(const std::vector<std::string>& warnings, const std::vector<std::string>& differences) {
    if (warnings.empty() && differences.empty()) return "";
    std::string out = "--\n-- For this database:\n";
    // Both name MySQL tables and columns, which may hold line breaks.
    for (const std::string& w : warnings) out += "--   - " + util::one_line(w) + "\n";
    for (std::size_t i = 0; i < differences.size() && i < kMaxListedDifferences; ++i)
        out += "--   - " + util::one_line(differences[i]) + "\n";
    if (differences.size() > kMaxListedDifferences)
        out += "--   - and " + std::to_string(differences.size() - kMaxListedDifferences) +
               " more columns whose type differs from m2pg copy's\n";
    return out;
}

std::string mode_line(const PgloaderOptions& options) {
    if (!options.profile)
        return "no profile: pgloader drops and creates the tables it loads (include drop), so a re-run starts over";
    const std::string name = util::one_line(options.profile->name);
    const std::string& plugin = options.scope.plugin;
    if (plugin.empty())
        return "profile " + name + ": data only, into the tables that\n--   m2pg schema PG_DSN --run-migrations --profile " +
               name + " made; the tables it leaves out are left out and its casts applied.\n--   Afterwards " +
               "m2pg index PG_DSN --profile " + name + " builds the full-text indexes dropped before the load";
    const std::string p = util::one_line(plugin);
    if (into_app_tables(options))
        return "profile " + name + ", plugin " + p + ": data only, into the tables that\n--   m2pg schema PG_DSN " +
               "--run-migrations --profile " + name + " --plugin " + p + " made (the plugin's own\n--   migrations); " +
               "only its tables, its casts applied";
    return "profile " + name + ", plugin " + p + ": no migrations make its tables, so pgloader drops and\n--   " +
           "creates them (include drop), its casts applied. Afterwards\n--   m2pg index PG_DSN --profile " + name +
           " --plugin " + p + " --from-mysql MYSQL_DSN --create-indexes\n--   builds its indexes and keys";
}

}  // namespace

PgloaderFile render_pgloader(const PgloaderOptions& options, const model::Catalog& catalog) {
    PgloaderFile out;
    const PgloaderUrl source = mysql_url(options.mysql);
    const PgloaderUrl target = pg_url(options.postgres);
    out.warnings = source.notes;
    out.warnings.insert(out.warnings.end(), target.notes.begin(), target.notes.end());

    const profile::Profile* app = options.profile ? &*options.profile : nullptr;
    const ColumnPlan columns = plan_columns(catalog, profile::with_casts({}, app), app, options.scope);
    out.warnings.insert(out.warnings.end(), columns.warnings.begin(), columns.warnings.end());
    const CastClause cast = render_cast_rules(columns.rules);
    out.warnings.insert(out.warnings.end(), cast.warnings.begin(), cast.warnings.end());
    std::string tables;
    std::string before_load;
    if (app) {
        const profile::Scope scope = profile::resolve_scope(catalog, app, options.scope);
        tables = tables_clause(options, scope, out.warnings);
        if (into_app_tables(options)) before_load = before_load_clause(options, scope);
    }

    const std::map<std::string, std::string> values = {
        {"VERSION", M2PG_VERSION},
        {"SOURCE", util::one_line(options.mysql.display())},
        {"TARGET", util::one_line(options.postgres.display() + ", schema " + options.target_schema)},
        {"MODE", mode_line(options)},
        {"NOTES", notes_section(out.warnings, columns.differences)},
        {"MYSQL_URL", source.url},
        {"PG_URL", target.url},
        {"WITH", into_app_tables(options) ? "data only, no truncate, create no tables, create no indexes,\n"
                                            "     reset no sequences, downcase identifiers"
                                          : "include drop, create tables, create no indexes, no foreign keys,\n"
                                            "     reset sequences, downcase identifiers"},
        {"CAST", cast.text},
        {"TABLES", tables},
        {"BEFORE_LOAD", before_load},
        {"AFTER_LOAD", into_app_tables(options) ? "" : after_load_clause(options, columns.rules)},
        {"MYSQL_DB", quotable_or_fail(options.mysql.database, "MySQL database name")},
        {"PG_SCHEMA", quotable_or_fail(options.target_schema, "target schema")},
    };
    out.text = protect_from_mustache(fill(pgloader_template::kCommand, values));
    return out;
}

PgloaderFile generate_pgloader(const PgloaderOptions& options) {
    // A DSN pgloader cannot read is a usage error before any connection is made.
    mysql_url(options.mysql);
    pg_url(options.postgres);
    source::mysql::MysqlConnection connection(options.mysql);
    const model::Catalog catalog = source::mysql::read_catalog(connection, options.mysql.database);
    return render_pgloader(options, catalog);
}

}  // namespace m2pg::compat
