#include "copy/state.hpp"

#include "target/postgres/identifier.hpp"
#include "util/error.hpp"

namespace m2pg::copy {

using target::postgres::quote_literal;

namespace {
// 'm2pg' in ASCII: one fixed key, since one target database has one copy at a time.
constexpr const char* kLockKey = "1832022119";
}  // namespace

void acquire_copy_lock(target::postgres::PgConnection& pg) {
    if (pg.scalar(std::string("SELECT pg_try_advisory_lock(") + kLockKey + ")") == "t") return;
    auto holder = pg.scalar(std::string("SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objid = ") +
                            kLockKey + " AND granted LIMIT 1");
    throw StateError("another m2pg copy is writing into this database (advisory lock held by backend pid " +
                     holder.value_or("?") + "); wait for it, or stop it, before starting another");
}

std::vector<ChunkState> load_state(target::postgres::PgConnection& pg) {
    if (pg.scalar("SELECT to_regclass('" + std::string(kStateTable) + "') IS NOT NULL") != "t") return {};
    std::vector<ChunkState> out;
    for (const auto& r : pg.query(std::string("SELECT table_name, chunk_no, key_column, lower_bound, upper_bound, range_text, done, rows FROM ") +
                                  kStateTable + " ORDER BY table_name, chunk_no")) {
        ChunkState s;
        s.chunk.table = *r[0];
        s.chunk.number = std::stoi(*r[1]);
        s.chunk.key = *r[2];
        s.chunk.lower = *r[3];
        s.chunk.upper = *r[4];
        s.chunk.range_text = *r[5];
        s.done = r[6] == "t";
        s.rows = r[7] ? std::stoull(*r[7]) : 0;
        out.push_back(std::move(s));
    }
    return out;
}

void save_plan(target::postgres::PgConnection& pg, const std::vector<Chunk>& chunks, const CopyBinding& binding,
               const std::vector<std::string>& replaced,
               const std::function<void(target::postgres::PgConnection&)>& first) {
    pg.in_transaction([&](target::postgres::PgConnection& tx) {
        if (first) first(tx);
        for (const auto& table : replaced) tx.execute("DELETE FROM " + table);
        tx.execute(std::string("CREATE SCHEMA IF NOT EXISTS ") + kStateSchema);
        tx.execute(std::string("DROP TABLE IF EXISTS ") + kStateTable);
        tx.execute(std::string("CREATE TABLE ") + kStateTable +
                   " (table_name text NOT NULL, chunk_no int NOT NULL, key_column text NOT NULL, "
                   "lower_bound text NOT NULL, upper_bound text NOT NULL, "
                   "range_text text NOT NULL, done boolean NOT NULL DEFAULT false, rows bigint, bytes bigint, "
                   "finished_at timestamptz, PRIMARY KEY (table_name, chunk_no))");
        std::string insert;
        for (const auto& c : chunks) {
            insert += insert.empty() ? std::string("INSERT INTO ") + kStateTable +
                                           " (table_name, chunk_no, key_column, lower_bound, upper_bound, range_text) VALUES "
                                     : ", ";
            insert += "(" + quote_literal(c.table) + ", " + std::to_string(c.number) + ", " + quote_literal(c.key) +
                      ", " + quote_literal(c.lower) + ", " + quote_literal(c.upper) + ", " + quote_literal(c.range_text) + ")";
        }
        if (!insert.empty()) tx.execute(insert);
        tx.execute(std::string("DROP TABLE IF EXISTS ") + kBindingTable);
        tx.execute(std::string("CREATE TABLE ") + kBindingTable +
                   " (source text NOT NULL, source_identity text NOT NULL, target_identity text NOT NULL)");
        tx.execute(std::string("INSERT INTO ") + kBindingTable + " VALUES (" + quote_literal(binding.source) + ", " +
                   quote_literal(binding.source_identity) + ", " + quote_literal(binding.target_identity) + ")");
    });
}

std::string mark_done_sql(const Chunk& chunk, std::uint64_t rows, std::uint64_t bytes) {
    return std::string("UPDATE ") + kStateTable + " SET done = true, rows = " + std::to_string(rows) +
           ", bytes = " + std::to_string(bytes) + ", finished_at = now() WHERE table_name = " +
           quote_literal(chunk.table) + " AND chunk_no = " + std::to_string(chunk.number);
}

std::optional<CopyBinding> load_binding(target::postgres::PgConnection& pg) {
    if (pg.scalar(std::string("SELECT to_regclass('") + kBindingTable + "') IS NOT NULL") != "t") return std::nullopt;
    auto rows = pg.query(std::string("SELECT source, source_identity, target_identity FROM ") + kBindingTable);
    if (rows.empty()) return std::nullopt;
    return CopyBinding{rows[0][0].value_or(""), rows[0][1].value_or(""), rows[0][2].value_or("")};
}

void finish_copy(target::postgres::PgConnection& pg, target::postgres::FinishedJob job) {
    pg.in_transaction([&](target::postgres::PgConnection& tx) {
        if (tx.scalar(std::string("SELECT to_regclass('") + kStateTable + "') IS NOT NULL") == "t")
            job.rows = std::stoull(tx.scalar(std::string("SELECT coalesce(sum(rows), 0) FROM ") + kStateTable).value_or("0"));
        target::postgres::record_finished_job(tx, job);
        tx.execute(std::string("DROP TABLE IF EXISTS ") + kStateTable + ", " + kBindingTable);
    });
}

}  // namespace m2pg::copy
