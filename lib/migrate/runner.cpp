#include "migrate/runner.hpp"

#include <chrono>

#include "migrate/plan.hpp"
#include "migrate/prechecks.hpp"
#include "migrate/statements.hpp"
#include "target/postgres/identifier.hpp"
#include "util/error.hpp"
#include "util/interrupt.hpp"

namespace m2pg::migrate {

namespace {

// Holds the run's session-level advisory lock; the server also drops it when the
// session ends, so a crashed run never leaves it behind.
class AdvisoryLock {
public:
    AdvisoryLock(PgConnection& session, std::int64_t key, const std::string& what) : session_(session), key_(key) {
        if (session_.scalar("SELECT pg_try_advisory_lock(" + std::to_string(key_) + ")") != "t")
            throw StateError("another m2pg schema run holds the migration lock of " + what +
                             " (pg_advisory_lock key " + std::to_string(key_) + "); wait for it to finish");
    }
    AdvisoryLock(const AdvisoryLock&) = delete;
    AdvisoryLock& operator=(const AdvisoryLock&) = delete;
    ~AdvisoryLock() {
        try {
            session_.execute("SELECT pg_advisory_unlock(" + std::to_string(key_) + ")");
        } catch (const Error&) {
            // The session is gone, and with it the lock.
        }
    }

private:
    PgConnection& session_;
    std::int64_t key_;
};

// Runs the file's statements; a failure carries "FILE line N" as context.
void run_statements(PgConnection& session, const MigrationFile& file) {
    for (const auto& statement : split_statements(file.up_sql)) {
        try {
            session.execute(statement.sql);
        } catch (Error& e) {
            const auto* failed = dynamic_cast<const TargetError*>(&e);
            e.add_context(file.up_path.string() + " line " +
                          std::to_string(error_line(file.up_sql, statement, failed ? failed->position() : 0)));
            throw;
        }
    }
}

void rollback_quietly(PgConnection& session) {
    try {
        session.execute("ROLLBACK");
    } catch (const Error&) {
        // The statement's own error says what failed; the server rolls back on disconnect.
    }
}

std::int64_t apply_one(PgConnection& session, const HistoryTables& history, const MigrationFile& file) {
    const auto started = std::chrono::steady_clock::now();
    auto elapsed_ms = [&] {
        return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
    };
    if (file.transactional) {
        session.execute("BEGIN");
        try {
            run_statements(session, file);
            record_applied(session, history, file, elapsed_ms());
            session.execute("COMMIT");
        } catch (const Error&) {
            rollback_quietly(session);
            throw;
        }
    } else {
        run_statements(session, file);
        session.execute("BEGIN");
        try {
            record_applied(session, history, file, elapsed_ms());
            session.execute("COMMIT");
        } catch (const Error&) {
            rollback_quietly(session);
            throw;
        }
    }
    return elapsed_ms();
}

}  // namespace

RunResult run_migrations(const util::PgDsn& target, const RunOptions& options, const OnApplied& on_applied) {
    auto files = load_directory(options.migrations_dir);
    PgConnection session(target);
    const HistoryTables& history = options.history;
    std::optional<AdvisoryLock> lock;
    if (!options.dry_run) lock.emplace(session, advisory_lock_key(history), history.qualified_table());

    PlanOptions plan_options;
    plan_options.target_version = options.target_version;
    plan_options.exact_versions = options.exact_versions;
    plan_options.directory = options.migrations_dir.string();
    Plan plan = plan_migrations(files, read_history(session, history), plan_options);

    RunResult result;
    result.from_version = plan.current_version;
    result.to_version = plan.current_version;
    result.already_applied = plan.applied_count;
    result.unverified = plan.unverified_count;
    result.pending = plan.pending;
    if (plan.pending.empty()) return result;

    const SchemaAccess access = read_schema_access(session, history.schema);
    if (options.check_schema_owner) check_schema_access(access, history.schema);
    if (options.check_search_path)
        if (auto problem = search_path_problem(read_search_path(session), history.schema))
            throw StateError(*problem + "\n(or skip this check with --check-search-path=false)");
    if (options.check_tables_empty && access.schema_exists)
        check_tables_empty(non_empty_tables(session, history.schema, {history.table, history.checksum_table()},
                                            options.table_patterns),
                           history.schema);
    for (const auto& f : plan.pending) result.to_version = std::max(result.to_version, f.version);
    if (options.dry_run) return result;

    if (!access.schema_exists) session.execute("CREATE SCHEMA IF NOT EXISTS " + target::postgres::quote_ident(history.schema));
    ensure_history_tables(session, history);
    // Unqualified names in the files land in the target schema, as they would for the app.
    session.execute("SET search_path TO " + target::postgres::quote_ident(history.schema));
    std::int64_t at_version = plan.current_version;
    for (const auto& file : plan.pending) {
        util::throw_if_interrupted();  // between migrations: the applied ones are recorded
        try {
            const std::int64_t ms = apply_one(session, history, file);
            at_version = std::max(at_version, file.version);
            if (on_applied) on_applied(file, ms);
        } catch (Error& e) {
            std::string where = "migration " + file.label() + " failed";
            where += file.transactional ? " and was rolled back"
                                        : " (a no-transaction migration: its statements before the failing one "
                                          "stay applied)";
            e.add_context(where + "; the target stays at version " +
                          std::to_string(at_version));
            throw;
        }
    }
    result.to_version = at_version;
    return result;
}

}  // namespace m2pg::migrate
