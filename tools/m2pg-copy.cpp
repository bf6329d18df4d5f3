// m2pg copy: stream every row from MySQL into PostgreSQL, exactly.
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <iostream>
#include <mutex>

#include "common/index_events.hpp"
#include "common/run_main.hpp"
#include "common/table_flags.hpp"
#include "copy/engine.hpp"
#include "copy/output.hpp"
#include "pipeline/pipeline.hpp"
#include "util/confirm.hpp"
#include "util/dsn.hpp"
#include "util/error.hpp"

namespace {

std::string timestamp() {
    std::time_t now = std::time(nullptr);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", std::localtime(&now));
    return buf;
}

// On a terminal the progress block is redrawn in place; elsewhere it becomes a
// timestamped log line every 10 seconds (and at the end).
class ProgressPrinter {
public:
    ProgressPrinter(bool tty, std::string metrics_file) : tty_(tty), metrics_file_(std::move(metrics_file)) {}

    void operator()(const std::vector<m2pg::copy::TableProgress>& tables, bool final) {
        std::lock_guard lock(mutex_);
        if (!metrics_file_.empty()) m2pg::copy::write_metrics(metrics_file_, tables, final);
        std::string block = m2pg::copy::format_progress(tables);
        if (tty_) {
            for (int i = 0; i < lines_; ++i) std::cerr << "\x1b[1A\x1b[2K";
            std::cerr << block;
            lines_ = static_cast<int>(std::count(block.begin(), block.end(), '\n'));
            if (final) lines_ = 0;
        } else if (!final && ++ticks_ % 10 == 0 && !block.empty()) {
            std::cerr << timestamp() << " progress\n" << block;
        }
    }

    // An index build's line (--with-indexes) between two redraws: the block is drawn again below it.
    void interject(const m2pg::index::IndexEvent& event) {
        std::lock_guard lock(mutex_);
        m2pg::tools::print_index_event(event);
        lines_ = 0;
    }

private:
    bool tty_;
    std::string metrics_file_;
    std::mutex mutex_;
    int lines_ = 0;
    int ticks_ = 0;
};

// --with-indexes: the copy's summary, then the indexes'; exit 5 when a table failed to copy,
// an error naming the indexes that failed to build.
int copy_with_indexes(const m2pg::pipeline::PipelineOptions& options, m2pg::copy::CopyPlan& plan,
                      ProgressPrinter& printer) {
    using m2pg::index::Outcome;
    using m2pg::tools::seconds_text;
    const auto result = m2pg::pipeline::run_pipeline(
        options, plan, std::ref(printer), [&printer](const m2pg::index::IndexEvent& e) { printer.interject(e); });
    if (result.copy) {
        std::cout << m2pg::copy::format_summary(*result.copy);
        if (result.copy->finished())
            std::cout << "m2pg copy: copied " << result.copy->rows_written() << " rows in "
                      << result.copy->tables.size() << " tables\n";
    }
    const auto& index = result.index;
    std::cout << "m2pg copy: indexes " << m2pg::tools::outcome_counts(index) << "; "
              << m2pg::tools::sequences_moved(index) << " sequence(s) moved past max id; " << index.analyzed.size()
              << " table(s) analyzed\n";
    std::cout << "m2pg copy: " << seconds_text(result.seconds) << " in all: copy " << seconds_text(result.copy_seconds)
              << ", then indexes " << seconds_text(result.index_seconds) << " more (session time: builds "
              << seconds_text(result.build_seconds) << ", ANALYZE " << seconds_text(result.analyze_seconds) << ")\n";
    if (result.copy && !result.copy->finished()) {
        std::cout << "m2pg copy: some tables failed (the others are indexed); fix the cause and run again with "
                     "--resume --with-indexes\n";
        return 5;
    }
    if (!index.succeeded())
        throw m2pg::TargetError(std::to_string(index.count(Outcome::Failed)) + " of " +
                                std::to_string(index.tasks.size()) + " index builds failed (" +
                                m2pg::tools::failed_builds(index) +
                                "); the rest is built: fix the rows named above and run m2pg index again");
    std::cout << "next: m2pg verify compares the target with the source\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    return m2pg::tools::run_main("copy", argc, argv, [](CLI::App& app, int n, char** args) {
        m2pg::tools::ServerFlags servers;
        m2pg::tools::ScopeFlags scope;
        std::string metrics_file, invalid_utf8 = "fail";
        m2pg::copy::CopyOptions options;
        m2pg::pipeline::PipelineOptions pipeline;
        bool yes = false, with_indexes = false;
        app.description(
            "Rows go into the existing PostgreSQL tables (or bare ones with --create-tables). Before the first\n"
            "row, the existing tables' indexes and constraints other than primary keys are saved in the target\n"
            "(m2pg_state.saved_definitions) and dropped, all in one transaction: m2pg index puts them back.\n"
            "Values are converted by (MySQL column, Postgres column) pair; NUL bytes are stripped and zero dates\n"
            "become NULL, each counted per column; a value that cannot be kept exactly fails its table.\n"
            "Each primary-key chunk commits with its progress mark: after a kill, --resume continues where it\n"
            "stopped, with no row lost or doubled. The target tables must be empty (unless --resume).\n"
            "Memory: about jobs x (2 x --batch-bytes + the largest single non-bytea value), whatever the table size.\n"
            "With --with-indexes, copy and index are one pipeline: each table's index builds start as soon as its\n"
            "last chunk commits, while other tables still copy (m2pg index then has nothing left to do).");
        m2pg::tools::add_server_flags(app, servers);
        m2pg::tools::add_scope_flags(app, scope, "copy");
        app.add_option("--jobs", options.jobs, "parallel workers, each with one MySQL and one Postgres session (default 4: about two per core of the database hosts)")
            ->check(CLI::Range(1, 64));
        app.add_option("--chunk-rows", options.chunk_rows, "rows per primary-key chunk (default 100000)")
            ->check(m2pg::tools::kRowsRange);
        app.add_option("--batch-bytes", options.batch_bytes, "COPY data sent per write, per worker (default 1 MiB)")
            ->check(m2pg::tools::kBatchBytesRange);
        app.add_option("--schema", options.target_schema, "target Postgres schema (default public)");
        app.add_option("--invalid-utf8", invalid_utf8,
                       "fail: name the row and fail its table (default); replace: write U+FFFD and count")
            ->check(CLI::IsMember({"fail", "replace"}));
        app.add_option("--toast-compression", options.toast_compression,
                       "how Postgres compresses large values written by the copy: lz4 (default, much less CPU than "
                       "pglz; falls back to the server's default where lz4 is missing), pglz, or server (its "
                       "default_toast_compression)")
            ->check(CLI::IsMember({"lz4", "pglz", "server"}));
        app.add_option("--metrics-file", metrics_file, "write Prometheus text metrics here while copying");
        app.add_flag("--create-tables", options.create_tables,
                     "create missing target tables from the MySQL catalog, bare: keys and indexes come after (m2pg index)");
        app.add_flag("--with-indexes", with_indexes,
                     "copy and index as one pipeline: as soon as a table is copied its indexes, keys and full-text "
                     "indexes are built (largest full-text first, at most --index-jobs at once), its primary key "
                     "attached and the table analyzed, while other tables still copy; once all are copied, foreign "
                     "keys, checks, sequences: all that m2pg index --create-indexes does, from the MySQL catalog "
                     "without a profile or with --create-tables, else what copy set aside and the profile's full-text "
                     "indexes. With --resume, an interrupted build is built again, never twice");
        auto* index_jobs = app.add_option("--index-jobs", pipeline.index_jobs,
                                          "with --with-indexes: index builds at once (default: the number of cores; "
                                          "a full-text build keeps one core busy)")
                               ->check(CLI::Range(1, 64));
        auto* work_mem = app.add_option("--maintenance-work-mem", pipeline.index.maintenance_work_mem,
                                        "with --with-indexes: maintenance_work_mem of each build session, e.g. "
                                        "256MB (default: the server's); --index-jobs builds use it at once");
        app.add_flag("--resume", options.resume, "continue a copy that stopped part-way");
        app.add_flag("--per-table-snapshots", options.per_table_snapshots,
                     "each worker reads its own snapshot, without FLUSH TABLES WITH READ LOCK (for a user without "
                     "RELOAD): exact only while nothing writes to the source; noted in the plan, the target's record "
                     "and verify's output");
        app.add_flag("--dry-run", options.dry_run, "print per-table row counts and the planned order; write nothing");
        app.add_flag("--yes,-y", yes, "do not ask for confirmation (required without a terminal)");
        app.parse(n, args);

        options.mysql = m2pg::util::parse_mysql_dsn(servers.mysql_dsn());
        options.postgres = m2pg::util::parse_pg_dsn(servers.postgres);
        options.invalid_utf8 =
            invalid_utf8 == "replace" ? m2pg::convert::InvalidUtf8Policy::Replace : m2pg::convert::InvalidUtf8Policy::Fail;
        options.profile = m2pg::tools::load_scope_profile(scope);
        options.scope = scope.request;
        options.exact_counts = options.dry_run;
        if (!with_indexes && (index_jobs->count() > 0 || work_mem->count() > 0))
            throw m2pg::UsageError("--index-jobs and --maintenance-work-mem only apply with --with-indexes");
        if (with_indexes) {
            pipeline.copy = options;
            pipeline.index.postgres = options.postgres;
            pipeline.index.create_indexes = true;
            pipeline.sources.profile = scope.profile;
            pipeline.sources.scope = scope.request;
            pipeline.sources.target_schema = options.target_schema;
            pipeline.sources.create_indexes = true;
            // The app's migrations made its keys and indexes: MySQL's would add what its
            // Postgres schema lacks on purpose. Bare tables get MySQL's (as m2pg run does).
            if (scope.profile.empty() || options.create_tables) pipeline.sources.mysql_dsn = servers.mysql;
        }

        std::cerr << "m2pg copy: planning " << options.mysql.display() << " -> " << options.postgres.display() << "\n";
        auto plan = m2pg::copy::plan_copy(options);
        if (plan.finished && with_indexes && !options.dry_run) {
            std::cout << "m2pg copy: the copy is complete (" << describe(*plan.finished) << " into "
                      << options.postgres.display() << "): building what is missing of its indexes\n";
        } else if (plan.finished) {
            std::cout << "m2pg copy: nothing to resume: this copy is complete (" << describe(*plan.finished) << " into "
                      << options.postgres.display() << "); m2pg verify compares it with the source\n";
            return 0;
        }
        if (!plan.finished) std::cout << m2pg::copy::format_plan(plan, options.exact_counts);
        if (options.dry_run) {
            std::cout << "dry run: nothing was written\n";
            return 0;
        }
        if (plan.chunks_pending() == 0 && !options.resume && !with_indexes) {
            std::cout << "nothing to copy\n";
            return 0;
        }
        if (!yes &&
            !m2pg::util::confirm_on_terminal(std::string(with_indexes ? "Copy and index" : "Copy") +
                                                 " these tables into " + options.postgres.display() + "?",
                                             "copy")) {
            std::cout << "nothing was copied\n";
            return 1;
        }

        ProgressPrinter printer(isatty(STDERR_FILENO), metrics_file);
        if (with_indexes) return copy_with_indexes(pipeline, plan, printer);
        auto result = m2pg::copy::run_copy(options, plan, std::ref(printer));
        std::cout << m2pg::copy::format_summary(result);
        if (result.finished()) {
            std::cout << "m2pg copy: copied " << result.rows_written() << " rows in " << result.tables.size()
                      << " tables\n";
            bool created = std::any_of(plan.tables.begin(), plan.tables.end(), [](const auto& t) { return t.create; });
            if (created)
                std::cout << "next: the tables were created bare (no primary keys, indexes or foreign keys); "
                             "build them with m2pg index PG_DSN --from-mysql MYSQL_DSN --create-indexes\n";
            else if (result.definitions_pending > 0)
                std::cout << "next: m2pg index PG_DSN puts back the " << result.definitions_pending
                          << " index(es), constraint(s) and materialized view refresh(es) the copy set aside\n";
            return 0;
        }
        std::cout << "m2pg copy: some tables failed; fix the cause and run again with --resume\n";
        return 5;
    });
}
