#include "migrate/history.hpp"

#include <charconv>

#include "target/postgres/identifier.hpp"
#include "util/error.hpp"
#include "util/sha256.hpp"

namespace m2pg::migrate {

using target::postgres::quote_ident;
using target::postgres::quote_literal;

std::string HistoryTables::qualified_table() const { return quote_ident(schema) + "." + quote_ident(table); }

std::string HistoryTables::qualified_checksum_table() const {
    return quote_ident(schema) + "." + quote_ident(checksum_table());
}

std::int64_t advisory_lock_key(const HistoryTables& tables) {
    const auto digest = util::sha256("m2pg migrate " + tables.schema + "." + tables.table);
    std::uint64_t key = 0;
    for (int i = 0; i < 8; ++i) key = key << 8 | digest[static_cast<std::size_t>(i)];
    return static_cast<std::int64_t>(key);
}

bool history_exists(PgConnection& session, const HistoryTables& tables) {
    return session.scalar("SELECT to_regclass(" + quote_literal(tables.qualified_table()) + ") IS NOT NULL") == "t";
}

std::vector<std::string> history_tables_ddl(const HistoryTables& tables) {
    return {"CREATE TABLE IF NOT EXISTS " + tables.qualified_table() + " (" + quote_ident(tables.version_column) +
                " bigint NOT NULL PRIMARY KEY, " + quote_ident(tables.name_column) + " varchar NOT NULL)",
            "CREATE TABLE IF NOT EXISTS " + tables.qualified_checksum_table() +
                " (version bigint NOT NULL PRIMARY KEY, name text NOT NULL, checksum char(64) NOT NULL, "
                "applied_at timestamptz NOT NULL DEFAULT now(), duration_ms bigint NOT NULL)"};
}

void ensure_history_tables(PgConnection& session, const HistoryTables& tables) {
    for (const auto& sql : history_tables_ddl(tables)) session.execute(sql);
}

std::vector<AppliedRecord> read_history(PgConnection& session, const HistoryTables& tables) {
    if (!history_exists(session, tables)) return {};
    const bool has_checksums =
        session.scalar("SELECT to_regclass(" + quote_literal(tables.qualified_checksum_table()) + ") IS NOT NULL") ==
        "t";
    const std::string version = "v." + quote_ident(tables.version_column);
    std::string sql = "SELECT " + version + ", v." + quote_ident(tables.name_column) + ", " +
                      (has_checksums ? "c.checksum" : "NULL") + " FROM " + tables.qualified_table() + " v";
    if (has_checksums) sql += " LEFT JOIN " + tables.qualified_checksum_table() + " c ON c.version = " + version;
    sql += " ORDER BY 1";
    std::vector<AppliedRecord> out;
    for (const auto& row : session.query(sql)) {
        AppliedRecord record;
        const std::string& text = row.at(0).value_or("");
        if (std::from_chars(text.data(), text.data() + text.size(), record.version).ec != std::errc())
            throw StateError(tables.qualified_table() + " holds a version that is not an integer: '" + text + "'");
        record.name = row.at(1).value_or("");
        record.checksum = row.at(2);
        out.push_back(std::move(record));
    }
    return out;
}

void record_applied(PgConnection& session, const HistoryTables& tables, const MigrationFile& file,
                    std::int64_t duration_ms) {
    const std::string version = std::to_string(file.version);
    session.execute("INSERT INTO " + tables.qualified_table() + " (" + quote_ident(tables.version_column) + ", " +
                 quote_ident(tables.name_column) + ") VALUES (" + version + ", " + quote_literal(file.name) + ")");
    // A checksum row can outlive its version row when someone deleted the latter by hand.
    session.execute("INSERT INTO " + tables.qualified_checksum_table() +
                 " (version, name, checksum, duration_ms) VALUES (" + version + ", " + quote_literal(file.name) + ", " +
                 quote_literal(file.checksum) + ", " + std::to_string(duration_ms) +
                 ") ON CONFLICT (version) DO UPDATE SET name = EXCLUDED.name, checksum = EXCLUDED.checksum, "
                 "applied_at = now(), duration_ms = EXCLUDED.duration_ms");
}

}  // namespace m2pg::migrate
