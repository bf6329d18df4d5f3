#include "target/postgres/finished_jobs.hpp"

#include "target/postgres/identifier.hpp"
#include "target/postgres/saved_definitions.hpp"

namespace m2pg::target::postgres {

void record_finished_job(PgConnection& pg, const FinishedJob& job) {
    pg.execute(std::string("CREATE SCHEMA IF NOT EXISTS ") + kStateSchema);
    pg.execute(std::string("CREATE TABLE IF NOT EXISTS ") + kFinishedJobsTable +
               " (id bigserial PRIMARY KEY, job text NOT NULL, finished_at timestamptz NOT NULL DEFAULT now(), "
               "source text NOT NULL, source_identity text NOT NULL, target_identity text NOT NULL, "
               "tables text[] NOT NULL, rows bigint NOT NULL, notes text[] NOT NULL DEFAULT '{}')");
    auto array = [](const std::vector<std::string>& items) {
        std::string out = "ARRAY[";
        for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + quote_literal(items[i]);
        return out + "]::text[]";
    };
    pg.execute(std::string("INSERT INTO ") + kFinishedJobsTable +
               " (job, source, source_identity, target_identity, tables, rows, notes) VALUES (" +
               quote_literal(job.job) + ", " + quote_literal(job.source) + ", " + quote_literal(job.source_identity) +
               ", " + quote_literal(job.target_identity) + ", " + array(job.tables) + ", " + std::to_string(job.rows) +
               ", " + array(job.notes) + ")");
}

std::optional<FinishedJob> last_finished_job(PgConnection& pg, const std::string& job) {
    if (pg.scalar(std::string("SELECT to_regclass('") + kFinishedJobsTable + "') IS NOT NULL") != "t")
        return std::nullopt;
    auto rows = pg.query(std::string("SELECT id, to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || "
                                     "' UTC', source, source_identity, target_identity, rows FROM ") +
                         kFinishedJobsTable + " WHERE job = " + quote_literal(job) + " ORDER BY id DESC LIMIT 1");
    if (rows.empty()) return std::nullopt;
    const auto& r = rows[0];
    FinishedJob out;
    out.job = job;
    out.finished_at = r[1].value_or("");
    out.source = r[2].value_or("");
    out.source_identity = r[3].value_or("");
    out.target_identity = r[4].value_or("");
    out.rows = r[5] ? std::stoull(*r[5]) : 0;
    for (const auto& t : pg.query(std::string("SELECT unnest(tables) FROM ") + kFinishedJobsTable + " WHERE id = " + *r[0]))
        out.tables.push_back(t[0].value_or(""));
    for (const auto& n : pg.query(std::string("SELECT unnest(notes) FROM ") + kFinishedJobsTable + " WHERE id = " + *r[0]))
        out.notes.push_back(n[0].value_or(""));
    return out;
}

std::string describe(const FinishedJob& job) {
    std::string out = job.job + " finished " + job.finished_at + ": ";
    if (job.job == "copy") out += std::to_string(job.rows) + " rows in ";
    out += std::to_string(job.tables.size()) + " table(s)";
    return job.source_identity.empty() ? out : out + " from " + job.source;
}

}  // namespace m2pg::target::postgres
