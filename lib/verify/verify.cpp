#include "verify/verify.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <exception>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <tuple>

#include "source/mysql/chunks.hpp"
#include "schema/pairing.hpp"
#include "profile/scope.hpp"
#include "target/postgres/identifier.hpp"
#include "source/mysql/catalog.hpp"
#include "source/mysql/connection.hpp"
#include "target/postgres/catalog.hpp"
#include "target/postgres/connection.hpp"
#include "target/postgres/finished_jobs.hpp"
#include "util/error.hpp"
#include "util/interrupt.hpp"
#include "util/text.hpp"
#include "util/worker_pool.hpp"
#include "verify/canonical.hpp"
#include "verify/checks.hpp"
#include "verify/checksum.hpp"

namespace m2pg::verify {

namespace {

using Clock = std::chrono::steady_clock;
using source::mysql::MysqlConnection;
using target::postgres::PgConnection;

// One table's state while workers run; the mutex guards report and the time marks.
struct TableWork {
    TableReport report;
    schema::TablePair pair;
    TableCanon canon;
    RowSet whole;                 // FROM both sides, no condition
    std::vector<RowSet> chunks;   // filled by the table's planning task
    std::uint32_t buckets = 0;    // > 0: chunks are hash buckets of a text key (see plan_table)
    // A bucketed table is read in parts, each side in its own order: MySQL by key ranges
    // (its collation's order), Postgres by ctid ranges. Every part checksums every bucket;
    // the sums over all parts are compared once the last part is in.
    std::vector<std::string> mysql_parts;
    std::vector<std::string> pg_parts;  // as many as mysql_parts, or one (partitioned, PG < 14)
    std::vector<Checksum> mysql_sums;
    std::vector<Checksum> pg_sums;
    std::size_t parts_left = 0;
    std::vector<bool> selected;
    std::vector<std::string> key_names;
    bool comparable = false;
    std::mutex mutex;
    double busy_seconds = 0;  // sum of the table's tasks: waiting for a worker does not count
};

struct Session {
    MysqlConnection mysql;
    PgConnection pg;
};

// Runs task(session, i) for i in [0, count) on `jobs` threads, each with its own pair of
// sessions. A task handles its own errors; a session that cannot connect ends the run
// with that error once the other threads are done, and so does a signal (InterruptedError).
void run_tasks(const VerifyOptions& options, std::size_t count,
               const std::function<void(Session&, std::size_t)>& task) {
    util::run_jobs(count, static_cast<std::size_t>(options.jobs), [&]() -> util::JobRunner {
        auto session = std::make_shared<Session>(Session{MysqlConnection(options.mysql), PgConnection(options.postgres)});
        return [&task, session](std::size_t i) {
            // Ctrl-C: no task starts, and the one whose queries it stopped (recorded as the
            // table's failure) ends the run as interrupted.
            util::throw_if_interrupted();
            task(*session, i);
            util::throw_if_interrupted();
        };
    });
}

// Marks a table as failed by `e`; the first server error decides the exit code.
void record_failure(TableWork& work, const std::exception& e, std::atomic<int>& exit_code) {
    int code = 8;
    std::string message = e.what();
    if (const auto* error = dynamic_cast<const Error*>(&e)) {
        code = error->exit_code();
        message = error->describe();
    }
    {
        std::lock_guard lock(work.mutex);
        if (work.report.error.empty()) work.report.error = message;
    }
    int expected = 0;
    exit_code.compare_exchange_strong(expected, code);
}

void add_busy_time(TableWork& work, Clock::time_point start) {
    std::lock_guard lock(work.mutex);
    work.busy_seconds += std::chrono::duration<double>(Clock::now() - start).count();
}

// ctid ranges splitting a Postgres table into `parts` runs of whole pages (PostgreSQL 14+
// reads each with a TID range scan); one empty condition where that cannot work.
std::vector<std::string> pg_page_ranges(PgConnection& pg, const std::string& pg_from, std::size_t parts) {
    const std::string table = pg.quote_literal(pg_from) + "::regclass";
    const auto pages = pg.scalar("SELECT CASE WHEN relkind = 'r' AND current_setting('server_version_num')::int >= "
                                 "140000 THEN pg_relation_size(oid) / current_setting('block_size')::bigint ELSE 0 "
                                 "END FROM pg_class WHERE oid = " + table);
    const std::uint64_t n = pages ? std::stoull(*pages) : 0;
    if (parts <= 1 || n == 0) return {""};
    std::vector<std::string> out;
    for (std::size_t p = 0; p < parts; ++p) {
        const std::uint64_t from = n * p / parts, to = n * (p + 1) / parts;
        std::string where = "ctid >= '(" + std::to_string(from) + ",0)'::tid";
        if (p + 1 < parts) where += " AND ctid < '(" + std::to_string(to) + ",0)'::tid";
        out.push_back(std::move(where));  // the last part is open: it holds every later page
    }
    return out;
}

void count_rows(Session& s, TableWork& work) {
    work.report.mysql_rows = std::stoull(s.mysql.scalar("SELECT COUNT(*) FROM " + work.whole.mysql_from).value_or("0"));
    work.report.pg_rows = std::stoull(s.pg.scalar("SELECT count(*) FROM " + work.whole.pg_from).value_or("0"));
}

bool numeric_leading_key(const TableWork& work) {
    if (work.canon.key.empty()) return false;
    const auto codec = work.pair.columns[work.canon.key.front()].codec;
    return codec == convert::Codec::Int || codec == convert::Codec::Decimal;
}

// The source table with the exact row count as its estimate: copy's planner sizes chunks by it.
model::Table counted_table(const TableWork& work) {
    model::Table counted = *work.pair.source;
    counted.row_estimate = static_cast<std::int64_t>(work.report.mysql_rows);
    return counted;
}

// Chunks of a numeric key are key ranges (or the whole table when there is no key, or it
// is small): the bounds are plain numbers, so the same condition selects the same rows in
// both servers.
void plan_key_ranges(Session& s, TableWork& work, const VerifyOptions& options, bool numeric_key) {
    const model::Table counted = counted_table(work);
    std::vector<source::mysql::Chunk> chunks;
    if (numeric_key) chunks = source::mysql::plan_chunks(s.mysql, counted, options.chunk_rows);
    else chunks.push_back(source::mysql::Chunk{counted.name, 0, "", "", "", "whole table"});
    for (const auto& c : chunks) {
        RowSet rows = work.whole;
        rows.mysql_where = source::mysql::mysql_condition(c);
        // The key is numeric here, so its bounds are plain numbers both servers read alike.
        if (!c.whole_table())
            rows.pg_where = source::mysql::range_condition(
                c, target::postgres::quote_ident(work.pair.columns[work.canon.key.front()].target));
        work.chunks.push_back(std::move(rows));
    }
    work.selected = sample_chunks(work.chunks.size(), options.sample_percent);
    work.report.chunks = static_cast<int>(work.chunks.size());
}

// Other keys (strings, whose order depends on the collation on each side) are cut into
// hash buckets of their canonical text (checksum.hpp), checksummed in parts in parallel:
// MySQL's parts are key ranges, Postgres' page ranges.
void plan_buckets(Session& s, TableWork& work, const VerifyOptions& options) {
    const auto buckets = (work.report.mysql_rows + options.chunk_rows - 1) / options.chunk_rows;
    work.buckets = static_cast<std::uint32_t>(std::min<std::uint64_t>(buckets, 1u << 20));
    const std::string mysql_bucket = mysql_bucket_expr(work.canon, work.buckets) + " = ";
    const std::string pg_bucket = pg_bucket_expr(work.canon, work.buckets) + " = ";
    for (std::uint32_t b = 0; b < work.buckets; ++b) {
        RowSet rows = work.whole;
        rows.mysql_where = mysql_bucket + std::to_string(b);
        rows.pg_where = pg_bucket + std::to_string(b);
        work.chunks.push_back(std::move(rows));
    }
    // Every part computes every bucket, so sampling would save nothing.
    work.selected.assign(work.chunks.size(), true);
    work.report.chunks = static_cast<int>(work.chunks.size());
    // Two parts per job keep the workers busy to the end; more would only multiply the
    // per-bucket sums to add (parts x buckets), which a small --chunk-rows makes many.
    const std::uint64_t parts = std::min<std::uint64_t>(work.buckets, 2 * static_cast<std::uint64_t>(options.jobs));
    for (const auto& range :
         source::mysql::plan_chunks(s.mysql, counted_table(work), (work.report.mysql_rows + parts - 1) / parts))
        work.mysql_parts.push_back(source::mysql::mysql_condition(range));
    work.pg_parts = pg_page_ranges(s.pg, work.whole.pg_from, work.mysql_parts.size());
    work.mysql_sums.assign(work.buckets, Checksum{});
    work.pg_sums.assign(work.buckets, Checksum{});
    work.parts_left = work.mysql_parts.size();
}

// Exact counts, then chunks: key ranges over a numeric leading key column, hash buckets
// over a text key when the table is larger than one chunk, else the whole table.
void plan_table(Session& s, TableWork& work, const VerifyOptions& options) {
    count_rows(s, work);
    const bool numeric_key = numeric_leading_key(work);
    if (!numeric_key && !work.canon.key.empty() && work.report.mysql_rows > options.chunk_rows)
        plan_buckets(s, work, options);
    else
        plan_key_ranges(s, work, options, numeric_key);
}

void add_diff(TableWork& work, DiffKind kind, const std::string& key_text, const VerifyOptions& options) {
    auto& r = work.report;
    (kind == DiffKind::Changed ? r.changed : kind == DiffKind::Missing ? r.missing : r.extra) += 1;
    if (r.keys.size() < options.max_listed_keys) r.keys.push_back({kind, display_key(key_text, work.key_names)});
}

// Rows only on one side, by digest, of a chunk of a table without a primary key.
void count_unkeyed_differences(Session& s, TableWork& work, const RowSet& rows) {
    const auto mysql = mysql_row_digests(s.mysql, work.canon, rows);
    const auto pg = pg_row_digests(s.pg, work.canon, rows);
    auto only_in = [](const DigestCounts& a, const DigestCounts& b) {
        std::uint64_t n = 0;
        for (const auto& [digest, count] : a) {
            auto it = b.find(digest);
            const std::uint64_t other = it == b.end() ? 0 : it->second;
            if (count > other) n += count - other;
        }
        return n;
    };
    const std::uint64_t only_mysql = only_in(mysql, pg), only_pg = only_in(pg, mysql);
    std::lock_guard lock(work.mutex);
    work.report.missing += only_mysql;
    work.report.extra += only_pg;
    work.report.notes.push_back("no primary key, so rows cannot be named: " + std::to_string(only_mysql) +
                                " rows are only in MySQL and " + std::to_string(only_pg) +
                                " only in Postgres (a changed row counts on both sides)");
}

// The keys of a chunk's rows that are missing, extra or changed in Postgres.
void list_keyed_differences(Session& s, TableWork& work, const RowSet& rows, const VerifyOptions& options) {
    const auto mysql = mysql_row_hashes(s.mysql, work.canon, rows);
    const auto pg = pg_row_hashes(s.pg, work.canon, rows);
    std::lock_guard lock(work.mutex);
    for (const auto& [key, digest] : mysql) {
        auto it = pg.find(key);
        if (it == pg.end()) add_diff(work, DiffKind::Missing, key, options);
        else if (it->second != digest) add_diff(work, DiffKind::Changed, key, options);
    }
    for (const auto& [key, digest] : pg)
        if (!mysql.count(key)) add_diff(work, DiffKind::Extra, key, options);
}

// A chunk whose checksums differ: name its rows that differ (by primary key), or count
// them (no primary key); a chunk too large to narrow gets a note instead.
void narrow_chunk(Session& s, TableWork& work, const RowSet& rows, std::uint64_t chunk_rows,
                  const VerifyOptions& options) {
    if (chunk_rows > options.max_narrow_rows) {
        std::lock_guard lock(work.mutex);
        work.report.notes.push_back("rows " + (rows.mysql_where.empty() ? std::string("of the whole table") : rows.mysql_where) +
                                    " differ; more than " + std::to_string(options.max_narrow_rows) +
                                    " rows in the chunk, so they are not listed (verify with a smaller --chunk-rows)");
        return;
    }
    if (work.canon.key.empty()) count_unkeyed_differences(s, work, rows);
    else list_keyed_differences(s, work, rows, options);
}

// Runs the MySQL query on another thread while the Postgres one runs here: a chunk costs
// the slower server, not the sum of both. Returns {mysql, pg}.
template <typename MysqlQuery, typename PgQuery>
auto on_both_servers(MysqlQuery mysql_query, PgQuery pg_query) {
    auto mysql_future = std::async(std::launch::async, mysql_query);
    decltype(pg_query()) pg;
    try {
        pg = pg_query();
    } catch (...) {
        mysql_future.wait();
        throw;
    }
    return std::make_pair(mysql_future.get(), std::move(pg));
}

void check_chunk(Session& s, TableWork& work, std::size_t chunk, const VerifyOptions& options) {
    const RowSet& rows = work.chunks[chunk];
    const auto [mysql, pg] = on_both_servers([&] { return mysql_checksum(s.mysql, work.canon, rows); },
                                             [&] { return pg_checksum(s.pg, work.canon, rows); });
    {
        std::lock_guard lock(work.mutex);
        ++work.report.chunks_checked;
        if (mysql == pg) return;
        ++work.report.chunks_different;
    }
    narrow_chunk(s, work, rows, std::max(mysql.rows, pg.rows), options);
}

// The buckets of a text-keyed table whose sums differ are narrowed to keys, each a
// filtered pass, as long as the rows narrowed stay within max_narrow_rows (the key maps
// are held in memory).
void compare_buckets(Session& s, TableWork& work, const VerifyOptions& options) {
    std::vector<std::uint32_t> differing;
    for (std::uint32_t b = 0; b < work.buckets; ++b)
        if (!(work.mysql_sums[b] == work.pg_sums[b])) differing.push_back(b);
    {
        std::lock_guard lock(work.mutex);
        work.report.chunks_checked += static_cast<int>(work.buckets);
        work.report.chunks_different += static_cast<int>(differing.size());
    }
    std::uint64_t narrowed = 0;
    for (std::size_t i = 0; i < differing.size(); ++i) {
        const std::uint32_t b = differing[i];
        const std::uint64_t rows = std::max(work.mysql_sums[b].rows, work.pg_sums[b].rows);
        if (narrowed + rows > options.max_narrow_rows) {
            std::lock_guard lock(work.mutex);
            work.report.notes.push_back(std::to_string(differing.size() - i) + " of " + std::to_string(work.buckets) +
                                        " hash buckets of the key differ beyond the " +
                                        std::to_string(options.max_narrow_rows) +
                                        " rows narrowed to keys; their rows are not listed");
            return;
        }
        narrowed += rows;
        narrow_chunk(s, work, work.chunks[b], rows, options);
    }
}

// One part of a bucketed table: MySQL's key range `part` and Postgres' page range `part`
// (when there is one) checksummed bucket by bucket at the same time, added to the table's
// sums; the task that adds the last part compares them.
void check_bucket_part(Session& s, TableWork& work, std::size_t part, const VerifyOptions& options) {
    RowSet mysql_rows = work.whole;
    mysql_rows.mysql_where = work.mysql_parts[part];
    RowSet pg_rows = work.whole;
    const bool pg_part = part < work.pg_parts.size();
    if (pg_part) pg_rows.pg_where = work.pg_parts[part];
    const auto [mysql, pg] = on_both_servers(
        [&] { return mysql_bucket_checksums(s.mysql, work.canon, mysql_rows, work.buckets); },
        [&] { return pg_part ? pg_bucket_checksums(s.pg, work.canon, pg_rows, work.buckets) : std::vector<Checksum>{}; });
    bool last = false;
    {
        std::lock_guard lock(work.mutex);
        for (std::uint32_t b = 0; b < work.buckets; ++b) {
            work.mysql_sums[b] = combine(work.mysql_sums[b], mysql[b]);
            if (!pg.empty()) work.pg_sums[b] = combine(work.pg_sums[b], pg[b]);
        }
        last = --work.parts_left == 0;
    }
    if (last) compare_buckets(s, work, options);
}

TableStatus final_status(const TableReport& r) {
    if (!r.error.empty()) return TableStatus::Failed;
    if (r.mysql_rows != r.pg_rows || r.chunks_different > 0) return TableStatus::Different;
    return TableStatus::Identical;
}

void check_options(const VerifyOptions& options) {
    if (options.mysql.database.empty())
        throw UsageError("the MySQL DSN names no database: add /dbname (for example user@tcp(host:3306)/chat)");
    if (options.jobs < 1 || options.jobs > 64) throw UsageError("--jobs must be between 1 and 64");
    if (!(options.sample_percent > 0 && options.sample_percent <= 100))
        throw UsageError("--sample must be a percentage above 0 and at most 100");
    if (options.chunk_rows == 0) throw UsageError("--chunk-rows must be at least 1");
}

// One selected table paired with its target as copy paired it; a table that is missing in
// Postgres, or whose columns cannot be compared, is reported as such and not checked.
std::unique_ptr<TableWork> pair_for_verify(const model::Table& table, const std::vector<target::postgres::TargetTable>& targets,
                                           const convert::TypeConfig& types, const VerifyOptions& options) {
    auto w = std::make_unique<TableWork>();
    w->report.table = table.name;
    try {
        w->pair = schema::pair_table(table, targets, types);
        w->canon = canonical_table(w->pair);
        w->report.target = w->pair.target_schema + "." + w->pair.target_name;
        w->whole.mysql_from = source::mysql::quote_ident(table.name);
        w->whole.pg_from = target::postgres::quote_ident(w->pair.target_schema) + "." + target::postgres::quote_ident(w->pair.target_name);
        for (std::size_t k : w->canon.key) w->key_names.push_back(w->pair.columns[k].source);
        w->comparable = true;
    } catch (const StateError&) {
        w->report.status = TableStatus::MissingInPostgres;
        w->report.notes.push_back("no table in the Postgres schema " + options.target_schema);
    } catch (const ConvertError& e) {
        w->report.status = TableStatus::NotComparable;
        w->report.notes.push_back(e.what());
    }
    return w;
}

// The tables of `catalog` the scope and profile select, each paired with its target (the
// pairs point into `catalog`).
std::vector<std::unique_ptr<TableWork>> pair_tables(const model::Catalog& catalog, PgConnection& pg,
                                                    const VerifyOptions& options) {
    const profile::Profile* app = options.profile ? &*options.profile : nullptr;
    const auto selected = profile::resolve_scope(catalog, app, options.scope).sources();
    const auto types = profile::with_casts(options.types, app);
    const auto targets = target::postgres::read_target_tables(pg, options.target_schema);
    if (!options.app_role.empty() && !role_exists(pg, options.app_role))
        throw UsageError("--app-role " + options.app_role + ": no such role in " + options.postgres.display());
    std::vector<std::unique_ptr<TableWork>> work;
    for (const model::Table* table : selected) work.push_back(pair_for_verify(*table, targets, types, options));
    return work;
}

// The findings about the whole target (search_path, saved definitions) and the notes of
// the last finished copy.
VerifyResult start_result(PgConnection& pg, const VerifyOptions& options) {
    VerifyResult result;
    result.findings = check_search_path(pg, options.target_schema);
    for (auto& f : check_saved_definitions(pg)) result.findings.push_back(std::move(f));
    if (auto copied = target::postgres::last_finished_job(pg, "copy"))
        for (const auto& n : copied->notes) result.notes.push_back("the copy finished " + copied->finished_at + " was made with " + n);
    result.sampled = options.sample_percent < 100;
    result.sample_percent = options.sample_percent;
    return result;
}

// Sequences and, with --app-role, privileges of one table's target.
std::vector<Finding> check_target_table(Session& s, const TableWork& w, const VerifyOptions& options) {
    auto found = check_sequences(s.pg, w.pair.target_schema, w.pair.target_name);
    if (!options.app_role.empty()) {
        auto more = check_privileges(s.pg, options.app_role, w.pair.target_schema, w.pair.target_name);
        found.insert(found.end(), more.begin(), more.end());
    }
    return found;
}

// Phase 1, per table: exact counts, chunk bounds, sequences and privileges.
void plan_tables(const std::vector<TableWork*>& tables, const VerifyOptions& options, std::vector<Finding>& findings,
                 std::atomic<int>& exit_code) {
    std::mutex findings_mutex;
    run_tasks(options, tables.size(), [&](Session& s, std::size_t i) {
        TableWork& w = *tables[i];
        const auto start = Clock::now();
        try {
            plan_table(s, w, options);
            auto found = check_target_table(s, w, options);
            std::lock_guard lock(findings_mutex);
            findings.insert(findings.end(), found.begin(), found.end());
        } catch (const std::exception& e) {
            record_failure(w, e, exit_code);
        }
        add_busy_time(w, start);
    });
}

// The tasks of phase 2, largest tables first: a bucketed table's parts, else its selected chunks.
std::vector<std::pair<TableWork*, std::size_t>> chunk_tasks(std::vector<TableWork*> tables) {
    std::stable_sort(tables.begin(), tables.end(),
                     [](const TableWork* a, const TableWork* b) { return a->report.mysql_rows > b->report.mysql_rows; });
    std::vector<std::pair<TableWork*, std::size_t>> tasks;
    for (auto* w : tables) {
        if (!w->report.error.empty()) continue;
        if (w->buckets > 0) {
            for (std::size_t p = 0; p < w->mysql_parts.size(); ++p) tasks.emplace_back(w, p);
            continue;
        }
        for (std::size_t c = 0; c < w->chunks.size(); ++c)
            if (w->selected[c]) tasks.emplace_back(w, c);
    }
    return tasks;
}

// Phase 2, per chunk of every table: checksums, then narrowing. A table that failed
// checks nothing more.
void check_chunks(const std::vector<TableWork*>& tables, const VerifyOptions& options, std::atomic<int>& exit_code) {
    const auto tasks = chunk_tasks(tables);
    run_tasks(options, tasks.size(), [&](Session& s, std::size_t i) {
        auto [w, chunk] = tasks[i];
        {
            std::lock_guard lock(w->mutex);
            if (!w->report.error.empty()) return;
        }
        const auto start = Clock::now();
        try {
            if (w->buckets > 0)
                check_bucket_part(s, *w, chunk, options);
            else
                check_chunk(s, *w, chunk, options);
        } catch (const std::exception& e) {
            record_failure(*w, e, exit_code);
        }
        add_busy_time(*w, start);
    });
}

// The table's report: its status, time, and the keys that differ in order (kind, then
// shorter keys first, so 9 comes before 10).
TableReport finish_table(TableWork& w) {
    if (w.comparable) {
        w.report.status = final_status(w.report);
        w.report.seconds = w.busy_seconds;
        std::stable_sort(w.report.keys.begin(), w.report.keys.end(), [](const RowDiff& a, const RowDiff& b) {
            if (a.kind != b.kind) return a.kind < b.kind;
            if (a.key.size() != b.key.size()) return a.key.size() < b.key.size();
            return a.key < b.key;
        });
    }
    return std::move(w.report);
}

}  // namespace

bool VerifyResult::ok() const { return failure_exit_code == 0 && findings.empty() && tables_differing() == 0; }

std::size_t VerifyResult::tables_differing() const {
    return static_cast<std::size_t>(std::count_if(tables.begin(), tables.end(), [](const TableReport& t) {
        return t.status != TableStatus::Identical;
    }));
}

std::uint64_t VerifyResult::rows_compared() const {
    std::uint64_t n = 0;
    for (const auto& t : tables)
        if (t.status == TableStatus::Identical) n += t.mysql_rows;
    return n;
}

std::vector<bool> sample_chunks(std::size_t chunks, double percent) {
    std::vector<bool> out(chunks, percent >= 100);
    if (percent >= 100 || chunks == 0) return out;
    bool any = false;
    for (std::size_t i = 0; i < chunks; ++i) {
        const auto before = std::floor(static_cast<double>(i) * percent / 100);
        const auto after = std::floor(static_cast<double>(i + 1) * percent / 100);
        out[i] = after > before;
        any = any || out[i];
    }
    if (!any) out[chunks / 2] = true;
    return out;
}

VerifyResult run_verify(const VerifyOptions& options) {
    check_options(options);
    const auto started = Clock::now();

    MysqlConnection mysql(options.mysql);
    PgConnection pg(options.postgres);
    const model::Catalog catalog = source::mysql::read_catalog(mysql, options.mysql.database);
    auto work = pair_tables(catalog, pg, options);
    VerifyResult result = start_result(pg, options);
    std::atomic<int> exit_code{0};
    std::vector<TableWork*> comparable;
    for (auto& w : work)
        if (w->comparable) comparable.push_back(w.get());

    plan_tables(comparable, options, result.findings, exit_code);
    check_chunks(comparable, options, exit_code);

    for (auto& w : work) result.tables.push_back(finish_table(*w));
    std::sort(result.findings.begin(), result.findings.end(), [](const Finding& a, const Finding& b) {
        return std::tie(a.table, a.kind, a.message) < std::tie(b.table, b.kind, b.message);
    });
    result.failure_exit_code = exit_code;
    result.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    return result;
}

}  // namespace m2pg::verify
