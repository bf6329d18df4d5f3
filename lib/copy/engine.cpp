// run_copy: workers, snapshots, chunk transactions, progress.
#include "copy/engine.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <latch>
#include <mutex>
#include <thread>

#include "convert/values.hpp"
#include "copy/app_schema.hpp"
#include "convert/row_key.hpp"
#include "copy/scheduler.hpp"
#include "copy/snapshot_lock.hpp"
#include "migrate/apply_plan.hpp"
#include "schema/create.hpp"
#include "source/mysql/catalog.hpp"
#include "target/postgres/identifier.hpp"
#include "source/mysql/connection.hpp"
#include "source/mysql/row_stream.hpp"
#include "target/postgres/connection.hpp"
#include "target/postgres/copy_writer.hpp"
#include "target/postgres/connection.hpp"
#include "util/error.hpp"
#include "util/interrupt.hpp"
#include "util/text.hpp"
#include "util/worker_pool.hpp"

namespace m2pg::copy {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// Per-table counters the workers bump and the progress thread reads.
struct LiveTable {
    std::atomic<std::uint64_t> rows_read{0};
    std::atomic<std::uint64_t> rows_written{0};
    std::atomic<std::uint64_t> bytes{0};
    std::atomic<int> chunks_done{0};
    std::atomic<bool> started{false};
    std::atomic<bool> failed{false};
    Clock::time_point start;
    double seconds = 0;
    std::mutex mutex;  // guards stats, error, start, seconds
    std::vector<convert::ColumnStats> stats;
    std::string error;
};

std::string copy_statement(const TablePair& pair) {
    std::string sql = "COPY " + target::postgres::quote_ident(pair.target_schema) + "." + target::postgres::quote_ident(pair.target_name) + " (";
    for (std::size_t i = 0; i < pair.columns.size(); ++i)
        sql += (i ? ", " : "") + target::postgres::quote_ident(pair.columns[i].target);
    return sql + ") FROM STDIN";
}

std::string select_statement(const TablePair& pair, const Chunk& chunk) {
    std::string sql = "SELECT ";
    for (std::size_t i = 0; i < pair.columns.size(); ++i) sql += (i ? ", " : "") + pair.columns[i].select_expr;
    sql += " FROM " + source::mysql::quote_ident(pair.source->name);
    if (!chunk.whole_table()) sql += " WHERE " + source::mysql::mysql_condition(chunk);
    return sql;
}

// The row's key as copy names rows in errors (convert/row_key.hpp).
std::string row_key(const TablePair& pair, const char* const* data, const unsigned long* lengths) {
    std::vector<std::string> names;
    std::vector<std::optional<std::string>> values;
    for (auto i : pair.key_columns) {
        names.push_back(pair.columns[i].source);
        values.push_back(data[i] ? std::optional<std::string>(std::string(data[i], lengths[i])) : std::nullopt);
    }
    return convert::named_key_text(names, values);
}

// Errors about one table's data: the table fails and the others go on. A value we cannot
// keep (ConvertError), or one Postgres refuses: SQLSTATE class 22 (data exception, e.g. a
// value too long for varchar(n)), 23 (a constraint: NOT NULL, CHECK, unique) or P0 (a
// trigger of the app's schema raising an exception for the row).
bool is_data_error(const Error& e) {
    if (dynamic_cast<const ConvertError*>(&e)) return true;
    if (const auto* t = dynamic_cast<const TargetError*>(&e)) {
        const std::string& state = t->sqlstate();
        return state.rfind("22", 0) == 0 || state.rfind("23", 0) == 0 || state.rfind("P0", 0) == 0;
    }
    return false;
}

class Worker {
public:
    Worker(const CopyOptions& options, CopyPlan& plan, std::vector<std::unique_ptr<LiveTable>>& live)
        : options_(options), plan_(plan), live_(live) {}

    // Opens both sessions; the MySQL one starts its snapshot (under the coordinator's
    // read lock when it has one, so every worker sees the same instant).
    void connect() {
        mysql_.emplace(options_.mysql);
        source::mysql::prepare_session_for_streaming(*mysql_);
        mysql_->execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
        mysql_->execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
        pg_.emplace(options_.postgres);
        // Each chunk commits with its done-mark in one transaction, so an unflushed commit
        // lost in a crash loses both together and the chunk is simply copied again.
        pg_->execute("SET synchronous_commit = off");
        if (plan_.replica_role) pg_->execute("SET session_replication_role = replica");
        if (!plan_.toast_compression.empty()) pg_->execute("SET default_toast_compression = " + toast_setting());
    }

    void copy_chunk(const ChunkTask& task) {
        auto& table = plan_.tables[task.table_index];
        auto& live = *live_[task.table_index];
        const auto& pair = table.pair;
        const auto& chunk = table.chunks[task.chunk_index];
        {
            std::lock_guard lock(live.mutex);
            if (!live.started.exchange(true)) live.start = Clock::now();
        }
        std::vector<convert::ColumnStats> stats(pair.columns.size());
        std::vector<convert::ValueContext> contexts(pair.columns.size());
        for (std::size_t i = 0; i < pair.columns.size(); ++i) {
            contexts[i].invalid_utf8 = options_.invalid_utf8;
            contexts[i].bit_width = pair.columns[i].bit_width;
            contexts[i].array_element = pair.columns[i].array_element;
            contexts[i].empty_json_as_object = pair.columns[i].empty_json_as_object;
        }

        pg_->execute("BEGIN");
        std::uint64_t rows = 0, bytes = 0, reported_rows = 0, reported_bytes = 0;
        try {
            target::postgres::CopyWriter writer(*pg_, copy_statement(pair));
            source::mysql::RowStream stream(*mysql_, select_statement(pair, chunk));
            buffer_.clear();
            while (stream.next()) {
                // Ctrl-C: this chunk rolls back below; the committed ones are kept for --resume.
                util::throw_if_interrupted();
                const auto* data = stream.data();
                const auto* lengths = stream.lengths();
                for (std::size_t i = 0; i < pair.columns.size(); ++i) {
                    if (i) buffer_ += '\t';
                    try {
                        encode(pair.columns[i].codec, data[i], lengths[i], contexts[i], stats[i], writer);
                    } catch (const ConvertError& e) {
                        throw ConvertError(Where{pair.source->name, pair.columns[i].source, row_key(pair, data, lengths)},
                                           e.what());
                    }
                }
                buffer_ += '\n';
                ++rows;
                if (buffer_.size() >= options_.batch_bytes) {
                    writer.write(buffer_.data(), buffer_.size());
                    buffer_.clear();
                    live.rows_read += rows - reported_rows;
                    live.bytes += stream.bytes_read() - reported_bytes;
                    reported_rows = rows;
                    reported_bytes = stream.bytes_read();
                }
            }
            if (!buffer_.empty()) writer.write(buffer_.data(), buffer_.size());
            bytes = stream.bytes_read();
            live.rows_read += rows - reported_rows;
            live.bytes += bytes - reported_bytes;
            reported_rows = rows;
            reported_bytes = bytes;
            auto written = writer.finish();
            if (written != rows)
                throw TargetError("PostgreSQL stored " + std::to_string(written) + " rows of the " +
                                  std::to_string(rows) + " sent");
            pg_->execute(mark_done_sql(chunk, rows, bytes));
            pg_->execute("COMMIT");
        } catch (TargetError& e) {
            rollback(live, reported_rows, reported_bytes);
            // Postgres names the row by its line in this chunk's COPY; the admin needs the key.
            if (auto key = locate_row(pair, chunk, e.what())) e.add_context("MySQL row " + *key);
            add_chunk_context(e, pair, chunk);
            throw;
        } catch (Error& e) {
            rollback(live, reported_rows, reported_bytes);
            add_chunk_context(e, pair, chunk);
            throw;
        }
        live.rows_written += rows;
        ++live.chunks_done;
        std::lock_guard lock(live.mutex);
        if (live.stats.empty()) live.stats.resize(stats.size());
        for (std::size_t i = 0; i < stats.size(); ++i) live.stats[i] += stats[i];
    }

    // The chunk rolled back: the counters must not claim its rows.
    void rollback(LiveTable& live, std::uint64_t reported_rows, std::uint64_t reported_bytes) {
        live.rows_read -= reported_rows;
        live.bytes -= reported_bytes;
        try {
            pg_->execute("ROLLBACK");
        } catch (const Error&) {
            // The connection is gone or broken; the server rolled back on its own.
        }
    }

    static void add_chunk_context(Error& e, const TablePair& pair, const Chunk& chunk) {
        if (chunk.whole_table())
            e.add_context("copying " + pair.source->name + " into " + pair.target_name);
        else
            e.add_context("copying " + pair.source->name + " chunk " + std::to_string(chunk.number) + " (" +
                          chunk.range_text + ")");
    }

    // The key of the row at COPY line `line` of the chunk: the same scan, in the same
    // snapshot, returns rows in the same (primary key) order.
    std::optional<std::string> locate_row(const TablePair& pair, const Chunk& chunk, const std::string& message) {
        auto at = message.find(", line ");
        if (at == std::string::npos || pair.key_columns.empty()) return std::nullopt;
        unsigned long line = std::strtoul(message.c_str() + at + 7, nullptr, 10);
        if (line == 0) return std::nullopt;
        // The very statement the chunk was read with: a narrower SELECT (the key columns only)
        // may be served from a secondary index, in another order, and name the wrong row.
        const std::string sql = select_statement(pair, chunk) + " LIMIT 1 OFFSET " + std::to_string(line - 1);
        try {
            auto result = mysql_->query(sql);
            if (result.rows.empty()) return std::nullopt;
            std::vector<std::string> names;
            std::vector<std::optional<std::string>> values;
            for (auto i : pair.key_columns) {
                names.push_back(pair.columns[i].source);
                values.push_back(result.rows[0].at(i));
            }
            return convert::named_key_text(names, values);
        } catch (const Error&) {
            return std::nullopt;  // the original error is what matters
        }
    }

    void reconnect() {
        mysql_.reset();
        pg_.reset();
        connect();
    }

private:
    // plan_copy had the server accept the name; a name is letters and digits only.
    std::string toast_setting() const {
        const std::string& name = plan_.toast_compression;
        if (!std::all_of(name.begin(), name.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); }))
            throw Error("internal: toast compression '" + name + "' is not a method name");
        return "'" + name + "'";
    }

    // Values larger than the buffer go out in slices (only bytea can be that large in
    // practice: a LONGBLOB of 1 GB must not become a 2 GB string in memory).
    void encode(convert::Codec codec, const char* data, unsigned long len, const convert::ValueContext& context,
                convert::ColumnStats& stats, target::postgres::CopyWriter& writer) {
        bool is_bytes = codec == convert::Codec::Bytes || codec == convert::Codec::Geometry;
        if (!data || !is_bytes || len <= options_.batch_bytes) {
            convert::encode_value(codec, data, len, context, stats, buffer_);
            return;
        }
        const std::size_t slice = options_.batch_bytes / 2;
        for (std::size_t offset = 0; offset < len; offset += slice) {
            std::size_t start = buffer_.size();
            convert::encode_value(codec, data + offset, std::min<std::size_t>(slice, len - offset), context, stats,
                                  buffer_);
            if (offset > 0) buffer_.erase(start, 3);  // only the first slice keeps the \\x prefix
            writer.write(buffer_.data(), buffer_.size());
            buffer_.clear();
        }
    }

    const CopyOptions& options_;
    CopyPlan& plan_;
    std::vector<std::unique_ptr<LiveTable>>& live_;
    std::optional<source::mysql::MysqlConnection> mysql_;
    std::optional<target::postgres::PgConnection> pg_;
    std::string buffer_;
};

std::vector<TableProgress> snapshot(const CopyPlan& plan, std::vector<std::unique_ptr<LiveTable>>& live) {
    std::vector<TableProgress> out;
    for (std::size_t i = 0; i < plan.tables.size(); ++i) {
        auto& l = *live[i];
        TableProgress p;
        p.table = plan.tables[i].pair.source->name;
        p.rows = l.rows_read.load();
        p.rows_expected = plan.tables[i].rows_expected;
        p.bytes = l.bytes.load();
        p.chunks_total = static_cast<int>(plan.tables[i].chunks.size());
        p.chunks_done = l.chunks_done.load() +
                        static_cast<int>(std::count(plan.tables[i].chunk_done.begin(), plan.tables[i].chunk_done.end(), true));
        p.started = l.started.load();
        p.failed = l.failed.load();
        p.finished = p.chunks_done == p.chunks_total && !p.failed;
        std::lock_guard lock(l.mutex);
        p.seconds = p.started ? (p.finished && l.seconds > 0 ? l.seconds : seconds_since(l.start)) : 0;
        out.push_back(std::move(p));
    }
    return out;
}

std::string chunk_label(const CopyPlan& plan, const ChunkTask& task) {
    const auto& table = plan.tables[task.table_index];
    const auto& chunk = table.chunks[task.chunk_index];
    return table.pair.source->name + (chunk.whole_table() ? "" : " chunk " + std::to_string(chunk.number));
}

void create_missing_tables(const CopyOptions& options, const CopyPlan& plan) {
    std::set<std::string> missing;
    for (const auto& t : plan.tables)
        if (t.create) missing.insert(t.pair.source->name);
    if (missing.empty()) return;
    schema::DdlOptions ddl;
    ddl.types = plan.types;
    ddl.target_schema = options.target_schema;
    // Bare tables load fastest: the primary key is built afterwards with the other
    // indexes (m2pg index --create-indexes), as a unique index attached as the key.
    ddl.primary_key = schema::PrimaryKeyPlacement::Deferred;
    auto full = schema::plan_ddl(plan.catalog, ddl);
    schema::DdlPlan subset;
    for (const auto& s : full.statements)
        if (s.phase == schema::DdlPhase::Tables && missing.count(s.table)) subset.statements.push_back(s);
    target::postgres::PgConnection pg(options.postgres);
    migrate::apply_plan(pg, subset, {schema::DdlPhase::Tables});
}

// The plan and the set-aside definitions are saved once, in one transaction, by the first
// run; a resumed run finds them and sets nothing aside again.
SetAside save_plan_once(target::postgres::PgConnection& control, const CopyPlan& plan, const CopyOptions& options) {
    SetAside set_aside;
    if (!load_state(control).empty()) return set_aside;
    std::vector<Chunk> all;
    std::vector<std::string> replaced;
    for (const auto& t : plan.tables) {
        all.insert(all.end(), t.chunks.begin(), t.chunks.end());
        if (t.replace)
            replaced.push_back(target::postgres::quote_ident(t.pair.target_schema) + "." +
                               target::postgres::quote_ident(t.pair.target_name));
    }
    save_plan(control, all, plan.binding, replaced, [&](target::postgres::PgConnection& tx) {
        set_aside = set_aside_app_schema(tx, plan, options.target_schema);
    });
    return set_aside;
}

std::vector<Scheduler::TableEntry> pending_work(const CopyPlan& plan) {
    std::vector<Scheduler::TableEntry> entries;
    for (const auto& t : plan.tables) {
        Scheduler::TableEntry e{t.pair.source->name, t.parents, {}};
        for (std::size_t c = 0; c < t.chunks.size(); ++c)
            if (!t.chunk_done[c]) e.pending_chunks.push_back(c);
        entries.push_back(std::move(e));
    }
    return entries;
}

// What the workers share besides the plan: the queue, the live counters, the retries said.
struct Shared {
    CopyPlan& plan;
    std::vector<std::unique_ptr<LiveTable>>& live;
    Scheduler& scheduler;
    const CopyEvents& events;
    std::mutex retries_mutex;
    std::vector<std::string> retries;
};

// New sessions for a worker whose session was lost. A server restarting refuses connections
// for a while: retried for about a minute. A failure that will not pass (an auth failure
// after a password change, a dropped database) ends the run with its own cause.
void reconnect(Worker& worker, const Error& lost, const std::string& label) {
    constexpr int kTries = 15;
    for (int i = 1;; ++i) {
        std::this_thread::sleep_for(std::chrono::seconds(std::min(i, 5)));
        util::throw_if_interrupted();
        try {
            worker.reconnect();
            return;
        } catch (Error& e) {
            if (e.retryable() && i < kTries) continue;
            e.add_context(label + " lost its session (" + util::one_line(lost.what()) +
                          ") and a new one could not be opened" + (i > 1 ? " in " + std::to_string(i) + " tries" : ""));
            throw;
        }
    }
}

// A data error fails only its table (both sessions stay usable: the chunk rolled back and
// the rest of its MySQL result was read off, so the worker keeps its snapshot). A lost
// session is retried twice on a new one; anything else ends the run.
void copy_with_retries(Worker& worker, const ChunkTask& task, Shared& shared) {
    for (int attempt = 1;; ++attempt) {
        try {
            worker.copy_chunk(task);
            if (shared.scheduler.chunk_done(task) && !util::interrupted() && shared.events.table_copied)
                shared.events.table_copied(task.table_index);
            return;
        } catch (Error& e) {
            // A signal's cancel makes any error of the chunk in flight: it is no data error.
            if (util::interrupted()) {
                shared.scheduler.chunk_done(task);
                throw InterruptedError(util::interrupted());
            }
            if (is_data_error(e)) {
                auto& l = *shared.live[task.table_index];
                l.failed = true;
                {
                    std::lock_guard lock(l.mutex);
                    if (l.error.empty()) l.error = e.describe();
                }
                shared.scheduler.table_failed(task.table_index);
                shared.scheduler.chunk_done(task);
                return;
            }
            if (e.retryable() && attempt < 3) {
                {
                    std::lock_guard lock(shared.retries_mutex);
                    shared.retries.push_back(chunk_label(shared.plan, task) + " (attempt " + std::to_string(attempt + 1) +
                                             "): " + util::one_line(e.what()));
                }
                try {
                    reconnect(worker, e, chunk_label(shared.plan, task));
                    continue;
                } catch (...) {
                    shared.scheduler.chunk_done(task);
                    throw;
                }
            }
            if (attempt > 1) e.add_context("gave up after " + std::to_string(attempt) + " attempts");
            shared.scheduler.chunk_done(task);
            throw;
        }
    }
}

int workers_for(const CopyOptions& options, const CopyPlan& plan) {
    return std::max(1, std::min<int>(options.jobs, static_cast<int>(std::max<std::size_t>(1, plan.chunks_pending()))));
}

// Every pending chunk on `jobs` workers. One snapshot for all of them: a global read lock is
// held while they start theirs (copy/snapshot_lock); one worker needs none. Progress is shown
// once a second. Returns the retries; the first fatal error is
// rethrown after the final progress line.
std::vector<std::string> copy_chunks(const CopyOptions& options, Shared& shared, const ProgressCallback& progress) {
    const int jobs = workers_for(options, shared.plan);
    SnapshotLock read_lock(options.mysql, jobs > 1 && shared.plan.lock_source);
    std::latch snapshots_taken(jobs);
    std::atomic<int> running{jobs};
    util::WorkerHooks hooks;
    hooks.on_failure = [&] { shared.scheduler.stop(); };
    hooks.meanwhile = [&] {
        snapshots_taken.wait();
        read_lock.release();
        while (progress && running > 0) {
            for (int i = 0; i < 10 && running > 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
            if (running > 0) progress(snapshot(shared.plan, shared.live), false);
        }
    };
    std::exception_ptr fatal;
    try {
        util::run_workers(static_cast<std::size_t>(jobs), [&](std::size_t) {
            struct Finished {
                std::atomic<int>& running;
                ~Finished() { --running; }
            } finished{running};
            Worker worker(options, shared.plan, shared.live);
            try {
                worker.connect();
            } catch (...) {
                snapshots_taken.count_down();
                throw;
            }
            snapshots_taken.count_down();
            while (auto task = shared.scheduler.next()) {
                if (util::interrupted()) {
                    shared.scheduler.chunk_done(*task);
                    throw InterruptedError(util::interrupted());
                }
                copy_with_retries(worker, *task, shared);
            }
        }, hooks);
    } catch (...) {
        fatal = std::current_exception();
    }

    for (auto& l : shared.live) {
        std::lock_guard lock(l->mutex);
        if (l->started) l->seconds = seconds_since(l->start);
    }
    if (progress) progress(snapshot(shared.plan, shared.live), true);
    if (fatal) std::rethrow_exception(fatal);
    return std::move(shared.retries);
}

TableResult table_result(const TablePlan& t, LiveTable& l) {
    TableResult r;
    r.table = t.pair.source->name;
    r.target = t.pair.target_schema + "." + t.pair.target_name;
    r.rows_read = l.rows_read;
    r.rows_written = l.rows_written;
    r.bytes = l.bytes;
    r.chunks = static_cast<int>(t.chunks.size());
    r.chunks_skipped = static_cast<int>(std::count(t.chunk_done.begin(), t.chunk_done.end(), true));
    r.whole_table = t.chunks.size() == 1 && t.chunks[0].whole_table();
    std::lock_guard lock(l.mutex);
    r.seconds = l.seconds;
    r.error = l.error;
    for (std::size_t c = 0; c < l.stats.size(); ++c) {
        const auto& s = l.stats[c];
        if (s.any()) r.columns.push_back({t.pair.columns[c].source, s});
    }
    return r;
}

}  // namespace

bool CopyResult::finished() const {
    return std::all_of(tables.begin(), tables.end(), [](const TableResult& t) { return t.error.empty(); });
}

std::uint64_t CopyResult::rows_written() const {
    std::uint64_t n = 0;
    for (const auto& t : tables) n += t.rows_written;
    return n;
}

CopyResult run_copy(const CopyOptions& options, CopyPlan& plan, const ProgressCallback& progress,
                    const CopyEvents& events) {
    const auto run_start = Clock::now();
    // Whether one snapshot can be had is found out before anything is written.
    SnapshotLock(options.mysql, workers_for(options, plan) > 1 && plan.lock_source).release();
    create_missing_tables(options, plan);

    target::postgres::PgConnection control(options.postgres);
    acquire_copy_lock(control);
    SetAside set_aside = save_plan_once(control, plan, options);

    std::vector<std::unique_ptr<LiveTable>> live;
    for (std::size_t i = 0; i < plan.tables.size(); ++i) live.push_back(std::make_unique<LiveTable>());
    auto work = pending_work(plan);
    Scheduler scheduler(work);
    Shared shared{plan, live, scheduler, events, {}, {}};
    if (events.started) events.started();
    if (events.table_copied)
        for (std::size_t i = 0; i < work.size(); ++i)
            if (work[i].pending_chunks.empty()) events.table_copied(i);

    CopyResult result;
    result.retries = copy_chunks(options, shared, progress);
    for (auto i : scheduler.blocked_tables()) {
        std::lock_guard lock(live[i]->mutex);
        if (live[i]->error.empty()) live[i]->error = "not copied: a table it references failed";
    }
    for (std::size_t i = 0; i < plan.tables.size(); ++i) result.tables.push_back(table_result(plan.tables[i], *live[i]));
    result.set_aside = std::move(set_aside);
    result.definitions_pending = target::postgres::count_pending_definitions(control).total();
    result.seconds = seconds_since(run_start);
    if (result.finished()) {
        target::postgres::FinishedJob job;
        job.job = "copy";
        job.source = plan.binding.source;
        job.source_identity = plan.binding.source_identity;
        job.target_identity = plan.binding.target_identity;
        for (const auto& t : plan.tables) job.tables.push_back(t.pair.target_schema + "." + t.pair.target_name);
        job.rows = result.rows_written();  // finish_copy counts earlier runs' chunks too
        if (!plan.lock_source) job.notes.push_back(kPerTableSnapshotsNote);
        if (plan.chunks_pending() < plan.chunks_total())
            job.notes.push_back("a resume: the chunks copied before the interruption were read in an earlier snapshot");
        finish_copy(control, job);
    }
    return result;
}

}  // namespace m2pg::copy
