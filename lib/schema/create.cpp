#include "schema/create.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "target/postgres/identifier.hpp"
#include "util/error.hpp"

namespace m2pg::schema {
using model::Catalog;

namespace {

struct PhaseInfo {
    DdlPhase phase;
    const char* name;       // as typed on the command line
    const char* file_stem;  // migration file name after the version
};

constexpr PhaseInfo kPhases[] = {
    {DdlPhase::Tables, "tables", "tables"},
    {DdlPhase::Indexes, "indexes", "indexes"},
    {DdlPhase::ForeignKeys, "foreign-keys", "foreign_keys"},
    {DdlPhase::Fulltext, "fulltext", "fulltext"},
};

bool wants(const std::vector<DdlPhase>& phases, DdlPhase phase) {
    return std::find(phases.begin(), phases.end(), phase) != phases.end();
}

// Undoing a statement: a table, index or constraint it created is dropped (a table's own
// sequence goes with it: OWNED BY). VALIDATE, ALTER SEQUENCE and the like need no undo.
std::string down_statement(const DdlStatement& s) {
    if (s.sql.rfind("CREATE TABLE ", 0) == 0)
        return "DROP TABLE IF EXISTS " + s.sql.substr(13, s.sql.find(" (") - 13);
    if (s.sql.rfind("CREATE INDEX ", 0) == 0 || s.sql.rfind("CREATE UNIQUE INDEX ", 0) == 0)
        return "DROP INDEX IF EXISTS " + target::postgres::quote_ident(s.object);
    const auto add = s.sql.find(" ADD CONSTRAINT ");
    if (s.sql.rfind("ALTER TABLE ", 0) == 0 && add != std::string::npos)
        return s.sql.substr(0, add) + " DROP CONSTRAINT IF EXISTS " + target::postgres::quote_ident(s.object);
    return {};
}

}  // namespace

GeneratedSchema generate_from_catalog(Catalog catalog, const DdlOptions& options) {
    GeneratedSchema out;
    out.catalog = std::move(catalog);
    out.plan = plan_ddl(out.catalog, options);
    return out;
}

std::vector<DdlPhase> parse_phases(const std::string& text) {
    std::vector<DdlPhase> phases;
    std::stringstream in(text);
    std::string word;
    while (std::getline(in, word, ',')) {
        if (word == "all") {
            for (const auto& p : kPhases) phases.push_back(p.phase);
            continue;
        }
        auto it = std::find_if(std::begin(kPhases), std::end(kPhases),
                               [&](const PhaseInfo& p) { return word == p.name; });
        if (it == std::end(kPhases))
            throw UsageError("unknown phase '" + word + "': use tables, indexes, foreign-keys, fulltext or all");
        if (!wants(phases, it->phase)) phases.push_back(it->phase);
    }
    if (phases.empty()) throw UsageError("no phase given: use tables, indexes, foreign-keys, fulltext or all");
    return phases;
}

std::string phase_name(DdlPhase phase) {
    for (const auto& p : kPhases)
        if (p.phase == phase) return p.name;
    return "?";
}

std::string render_script(const DdlPlan& plan, const std::vector<DdlPhase>& phases) {
    std::string out;
    if (!plan.notes.empty()) {
        out += "-- Notes: conversions that change or drop something (also reported by m2pg check)\n";
        for (const auto& n : plan.notes) {
            out += "--   " + n.table;
            if (!n.column.empty()) out += "." + n.column;
            if (!n.object.empty()) out += " (" + n.object + ")";
            out += ": " + n.message + "\n";
        }
        out += "\n";
    }
    for (const auto& p : kPhases) {
        if (!wants(phases, p.phase)) continue;
        bool header = false;
        for (const auto& s : plan.statements) {
            if (s.phase != p.phase) continue;
            if (!header) out += "-- phase: " + std::string(p.name) + "\n";
            header = true;
            out += s.sql + ";\n";
        }
        if (header) out += "\n";
    }
    return out;
}

std::vector<std::string> write_migrations(const DdlPlan& plan, const std::string& directory) {
    namespace fs = std::filesystem;
    fs::create_directories(directory);
    std::vector<std::string> written;
    int version = 0;
    for (const auto& p : kPhases) {
        ++version;
        std::string up, down;
        for (const auto& s : plan.statements) {
            if (s.phase != p.phase) continue;
            up += s.sql + ";\n";
            if (auto d = down_statement(s); !d.empty()) down.insert(0, d + ";\n");
        }
        char prefix[8];
        std::snprintf(prefix, sizeof prefix, "%06d", version);
        for (const auto& [suffix, text] : {std::pair{".up.sql", up}, std::pair{".down.sql", down}}) {
            fs::path path = fs::path(directory) / (std::string(prefix) + "_" + p.file_stem + suffix);
            std::ofstream file(path, std::ios::binary | std::ios::trunc);
            file << (text.empty() ? "-- nothing to do for this database\n" : text);
            if (!file) throw UsageError("cannot write " + path.string());
            written.push_back(path.string());
        }
    }
    return written;
}

std::vector<const DdlStatement*> statements_of(const DdlPlan& plan, const std::vector<DdlPhase>& phases) {
    std::vector<const DdlStatement*> out;
    for (const auto& p : kPhases) {
        if (!wants(phases, p.phase)) continue;
        for (const auto& s : plan.statements)
            if (s.phase == p.phase) out.push_back(&s);
    }
    return out;
}

}  // namespace m2pg::schema
