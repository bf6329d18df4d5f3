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

// The tables pgloader loads, as the profile scopes them: with --plugin only that plugin's
// tables (INCLUDING ONLY), else everything but what the profile leaves out (EXCLUDING).
std::string tables_clause(const PgloaderOptions& options, const model::Catalog& catalog,
                          std::vector<std::string>& warnings) {
    if (!options.profile) return "";
    const profile::Scope scope = profile::resolve_scope(catalog, &*options.profile, options.scope);
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
    return "profile " + name + ": data only, into the tables that\n--   m2pg schema PG_DSN --run-migrations --profile " +
           name + " made; the tables it leaves out are left out and its casts applied";
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
    const std::string tables = tables_clause(options, catalog, out.warnings);

    const std::map<std::string, std::string> values = {
        {"VERSION", M2PG_VERSION},
        {"SOURCE", util::one_line(options.mysql.display())},
        {"TARGET", util::one_line(options.postgres.display() + ", schema " + options.target_schema)},
        {"MODE", mode_line(options)},
        {"NOTES", notes_section(out.warnings, columns.differences)},
        {"MYSQL_URL", source.url},
        {"PG_URL", target.url},
        {"WITH", options.profile ? "data only, no truncate, create no tables, create no indexes,\n"
                                   "     reset no sequences, downcase identifiers"
                                 : "include drop, create tables, create no indexes, no foreign keys,\n"
                                   "     reset sequences, downcase identifiers"},
        {"CAST", cast.text},
        {"TABLES", tables},
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
