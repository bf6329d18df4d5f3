// plan_copy: everything that can go wrong is found here, before a row moves.
#include <algorithm>
#include <map>

#include "copy/engine.hpp"
#include "copy/snapshot_lock.hpp"
#include "copy/prechecks.hpp"
#include "profile/scope.hpp"
#include "schema/ddl.hpp"
#include "target/postgres/identifier.hpp"
#include "source/mysql/catalog.hpp"
#include "source/mysql/connection.hpp"
#include "source/mysql/identity.hpp"
#include "target/postgres/identity.hpp"
#include "target/postgres/catalog.hpp"
#include "target/postgres/connection.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace m2pg::copy {

namespace {

// A target table as --create-tables will make it, described without creating it: the
// types come from the DDL plan, their pg_type names from the server's own parser, asked
// once per distinct type (`base_types` caches them across tables).
target::postgres::TargetTable planned_target(target::postgres::PgConnection& pg, const model::Table& table,
                           const convert::TypeConfig& types, const std::string& target_schema,
                           std::map<std::string, std::string>& base_types) {
    target::postgres::TargetTable t;
    t.schema = target_schema;
    t.name = target::postgres::target_name(table.name, target::postgres::IdentifierCase::Lower);
    for (const auto& column : table.columns) {
        auto mapping = convert::map_column(types, table.name, column);
        target::postgres::TargetColumn c;
        c.name = target::postgres::target_name(column.name, target::postgres::IdentifierCase::Lower);
        c.type = mapping.pg_type;
        auto known = base_types.find(mapping.pg_type);
        if (known == base_types.end())
            known = base_types
                        .emplace(mapping.pg_type, pg.scalar("SELECT typname FROM pg_type WHERE oid = " +
                                                            pg.quote_literal(mapping.pg_type) + "::regtype")
                                                      .value_or(""))
                        .first;
        c.base_type = known->second;
        c.not_null = !column.is_nullable;
        t.columns.push_back(std::move(c));
    }
    return t;
}

// The compression the copy sessions can use: the wanted one if the server takes it (lz4
// needs PostgreSQL 14+ built with lz4), else none, said in a note before the copy starts.
std::string choose_toast_compression(target::postgres::PgConnection& pg, const std::string& wanted,
                                     std::vector<std::string>& notes) {
    if (wanted == "server") return "";
    try {
        pg.execute("SET default_toast_compression = " + pg.quote_literal(wanted));
        return wanted;
    } catch (const TargetError& e) {
        notes.push_back("the Postgres server cannot compress large values with " + wanted + " (" +
                        util::one_line(e.what()) + "): they are compressed the server's default way (pglz)");
        return "";
    }
}

std::uint64_t count_rows(source::mysql::MysqlConnection& mysql, const model::Table& table) {
    auto n = mysql.scalar("SELECT COUNT(*) FROM " + source::mysql::quote_ident(table.name));
    return n ? std::stoull(*n) : 0;
}

// Values the existing target columns would refuse (NULL into NOT NULL, a string outside an
// enum, 2 into boolean, 3000000000 into integer) stop the copy here, all of them listed,
// before a row moves. Tables --create-tables makes take what MySQL holds.
void refuse_values_the_targets_refuse(source::mysql::MysqlConnection& mysql, const CopyPlan& plan,
                                      const std::vector<target::postgres::TargetTable>& targets) {
    std::vector<std::string> refused;
    for (const auto& t : plan.tables) {
        if (t.create) continue;
        const auto* target = schema::find_target_table(t.pair.source->name, targets);
        if (!target) continue;
        for (auto& problem : run_value_checks(mysql, t.pair, plan_value_checks(t.pair, *target)))
            refused.push_back(std::move(problem));
    }
    if (!refused.empty())
        throw ConvertError(Where{}, "these values cannot go into their target columns, nothing was copied (fix "
                                    "the rows in MySQL, or change the target column; m2pg check --target lists "
                                    "them all):\n  " + util::join(refused, "\n  "));
}

}  // namespace

std::uint64_t CopyPlan::rows_expected() const {
    std::uint64_t n = 0;
    for (const auto& t : tables) n += t.rows_expected;
    return n;
}

std::size_t CopyPlan::chunks_total() const {
    std::size_t n = 0;
    for (const auto& t : tables) n += t.chunks.size();
    return n;
}

std::size_t CopyPlan::chunks_pending() const {
    std::size_t n = 0;
    for (const auto& t : tables) n += static_cast<std::size_t>(std::count(t.chunk_done.begin(), t.chunk_done.end(), false));
    return n;
}

CopyPlan plan_copy(const CopyOptions& options) {
    if (options.mysql.database.empty())
        throw UsageError("the MySQL DSN names no database: add /dbname (for example user@tcp(host:3306)/chat)");
    if (options.jobs < 1 || options.jobs > 64) throw UsageError("--jobs must be between 1 and 64");
    // A bytea value larger than the buffer goes out in slices of half of it.
    if (options.batch_bytes < 1024) throw UsageError("--batch-bytes must be at least 1024");
    if (options.chunk_rows < 1) throw UsageError("--chunk-rows must be at least 1");

    source::mysql::MysqlConnection mysql(options.mysql);
    target::postgres::PgConnection pg(options.postgres);

    CopyPlan plan;
    plan.catalog = source::mysql::read_catalog(mysql, options.mysql.database);
    const profile::Profile* app = options.profile ? &*options.profile : nullptr;
    const auto scope = profile::resolve_scope(plan.catalog, app, options.scope);
    if (scope.tables.empty())
        throw UsageError("no tables to copy in " + plan.catalog.database + " (after --tables/--exclude/--plugin)");
    plan.binding = CopyBinding{options.mysql.display(), source::mysql::server_identity(mysql, options.mysql.database),
                               target::postgres::database_identity(pg)};
    plan.types = profile::with_casts(options.types, app);
    const auto& types = plan.types;
    auto targets = target::postgres::read_target_tables(pg, options.target_schema);

    std::vector<std::string> problems;
    std::vector<std::string> missing_targets;
    std::map<std::string, std::string> base_types;  // Postgres type → pg_type.typname
    for (const auto& scoped : scope.tables) {
        const model::Table* table = scoped.source;
        TablePlan tp;
        tp.replace = scoped.replace;
        try {
            try {
                tp.pair = schema::pair_table(*table, targets, types);
            } catch (const StateError&) {
                if (!options.create_tables) throw;
                tp.create = true;
                tp.pair = schema::pair_table(*table, {planned_target(pg, *table, types, options.target_schema, base_types)},
                                     types);
            }
        } catch (const StateError& e) {
            missing_targets.push_back(table->name);
            continue;
        } catch (const ConvertError& e) {
            problems.push_back(e.what());
            continue;
        }
        plan.tables.push_back(std::move(tp));
    }
    if (!missing_targets.empty())
        throw StateError("no table in the target schema " + options.target_schema +
                         " for: " + util::join(missing_targets, ", ") +
                         "; create them first (m2pg schema PG_DSN --from-mysql DSN, or --create-tables) "
                         "or --exclude them");
    if (!problems.empty())
        throw ConvertError(Where{}, "these columns cannot be copied exactly, nothing was copied:\n  " +
                                        util::join(problems, "\n  "));

    // Preconditions on the target: empty tables, or a saved run to resume.
    auto saved = load_state(pg);
    std::vector<std::string> existing_targets;
    for (const auto& t : plan.tables)
        if (!t.create && !t.replace) existing_targets.push_back(t.pair.target_name);
    if (!saved.empty() && !options.resume) {
        auto done = std::count_if(saved.begin(), saved.end(), [](const ChunkState& s) { return s.done; });
        throw StateError("an earlier m2pg copy into this database stopped part-way (" + std::to_string(done) + " of " +
                         std::to_string(saved.size()) +
                         " chunks done): run again with --resume to finish it, or empty the target tables and "
                         "DROP TABLE m2pg_state.copy_chunks to start over");
    }
    if (!saved.empty()) {
        // The chunks were cut from one source: another one's rows would not fit them.
        auto binding = load_binding(pg);
        if (binding && binding->source_identity != plan.binding.source_identity)
            throw StateError("the interrupted m2pg copy into this database read from " + binding->source + " (" +
                             binding->source_identity + "), and this one reads from " + plan.binding.source + " (" +
                             plan.binding.source_identity +
                             "): --resume needs the same source. To start over from this source, use a new "
                             "(empty) target database");
        if (binding && binding->target_identity != plan.binding.target_identity)
            plan.notes.push_back("the saved copy state was written in another database (" + binding->target_identity +
                                 ") and came here with its rows (a restore or a clone): it is resumed as it is");
    } else {
        auto finished = target::postgres::last_finished_job(pg, "copy");
        const bool same_source = finished && finished->source_identity == plan.binding.source_identity;
        auto non_empty = target::postgres::non_empty_tables(pg, options.target_schema, existing_targets);
        // Tables emptied since (the admin starts the copy over) are copied again instead.
        if (options.resume && same_source && !non_empty.empty()) {
            plan.finished = finished;
            return plan;
        }
        if (!non_empty.empty() && finished)
            throw StateError("target tables are not empty: " + util::join(non_empty, ", ") + "; m2pg copy filled them: " +
                             target::postgres::describe(*finished) + " (" + finished->source_identity + ")" +
                             (same_source ? ". That copy is complete: m2pg verify compares it with the source"
                                          : ", another source than this copy's (" + plan.binding.source_identity +
                                                "): copy this one into a new (empty) target database"));
        if (!non_empty.empty())
            throw StateError("target tables are not empty: " + util::join(non_empty, ", ") +
                             " (m2pg copy only writes into empty tables, so that nothing is doubled; "
                             "TRUNCATE them, or --exclude them)");
    }

    refuse_values_the_targets_refuse(mysql, plan, targets);

    plan.lock_source = !options.per_table_snapshots;
    if (options.per_table_snapshots) plan.notes.push_back(kPerTableSnapshotsNote);
    plan.toast_compression = choose_toast_compression(pg, options.toast_compression, plan.notes);
    plan.replica_role = pg.scalar("SELECT rolsuper FROM pg_roles WHERE rolname = current_user") == "t";
    std::map<std::string, std::string> mysql_by_target;
    for (const auto& t : plan.tables) mysql_by_target[t.pair.target_name] = t.pair.source->name;
    if (!plan.replica_role) {
        for (const auto& [child, parent] : target::postgres::read_foreign_key_edges(pg, options.target_schema)) {
            if (child == parent || !mysql_by_target.count(child) || !mysql_by_target.count(parent)) continue;
            for (auto& t : plan.tables)
                if (t.pair.target_name == child) t.parents.push_back(mysql_by_target[parent]);
        }
        plan.notes.push_back("the Postgres user is not a superuser, so foreign keys stay enforced during the copy: "
                             "tables are copied parents first");
    }

    std::map<std::string, std::vector<ChunkState>> saved_by_table;
    for (auto& s : saved) saved_by_table[s.chunk.table].push_back(s);
    for (auto& t : plan.tables) {
        const auto& table = *t.pair.source;
        if (!saved.empty()) {
            auto it = saved_by_table.find(table.name);
            if (it == saved_by_table.end())
                throw StateError("table " + table.name + " was not part of the interrupted copy; resume with the "
                                 "same --tables/--exclude as the first run");
            for (const auto& s : it->second) {
                t.chunks.push_back(s.chunk);
                t.chunk_done.push_back(s.done);
            }
        } else {
            t.chunks = source::mysql::plan_chunks(mysql, table, options.chunk_rows);
            t.chunk_done.assign(t.chunks.size(), false);
        }
        t.rows_expected = options.exact_counts ? count_rows(mysql, table)
                                               : static_cast<std::uint64_t>(std::max<std::int64_t>(0, table.row_estimate));
        if (!table.primary_key())
            plan.notes.push_back(table.name + " has no primary key: it is copied whole in one transaction and "
                                              "cannot be split or resumed part-way");
    }
    std::stable_sort(plan.tables.begin(), plan.tables.end(),
                     [](const TablePlan& a, const TablePlan& b) { return a.rows_expected > b.rows_expected; });
    if (saved.empty())
        for (auto& note : describe_set_aside(preview_set_aside(pg, plan, options.target_schema)))
            plan.notes.push_back(std::move(note));
    return plan;
}

}  // namespace m2pg::copy
