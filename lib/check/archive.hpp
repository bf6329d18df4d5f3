#pragma once
// Where every row a fix changes or removes goes first, so nothing check does is
// irreversible: a database on the same server (default `m2pg_archive`) with one log table
// and one archive table per fix action, plus an optional JSON-lines copy beside the report.
//
//   m2pg_archive.m2pg_log                    one row per action: what, where, how to undo
//   m2pg_archive.<db>__<table>__<id>         the original rows (CREATE TABLE ... LIKE the source)
//
// A dropped table is not copied but moved (RENAME TABLE into the archive database):
// lossless, instant, and DDL commits implicitly anyway.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "model/catalog.hpp"
#include "source/mysql/connection.hpp"

namespace m2pg::check {

inline constexpr std::string_view kDefaultArchiveDatabase = "m2pg_archive";
inline constexpr std::string_view kArchiveLogTable = "m2pg_log";

enum class ArchiveAction { Update, Delete, DropTable, DropColumn, DropIndex };
std::string_view action_name(ArchiveAction action);
ArchiveAction parse_action(std::string_view name);

struct ArchiveEntry {
    std::int64_t id = 0;
    std::string table;          // source table
    std::string archive_table;  // in the archive database
    std::string qualified;      // `archive_db`.`archive_table`
};

class Archive {
public:
    // `jsonl`: append every archived row there too (hex per column); empty: no file.
    Archive(source::mysql::MysqlConnection& connection, std::string source_database, std::string archive_database,
            std::filesystem::path jsonl = {});

    // Records one action in the log and creates its archive table LIKE the source (not for
    // DropTable, whose archive table is the source renamed). `definition` is what restore
    // needs to redo DDL (a JSON object for columns and indexes). Commits: DDL.
    ArchiveEntry begin(const std::string& fix, ArchiveAction action, const model::Table& table,
                       const std::string& column, const std::string& object, const std::string& definition,
                       const std::vector<std::string>& key_columns);

    // Copies the source rows matching `where` into the entry's archive table and the log's
    // row counter, inside the caller's transaction; returns the rows copied. Their hex
    // image is kept until flush_jsonl() (call it after COMMIT, so the file holds only
    // committed rows).
    std::uint64_t archive_rows(const ArchiveEntry& entry, const model::Table& table, const std::string& where);
    void flush_jsonl();

    const std::string& database() const noexcept { return archive_database_; }

private:
    void ensure_database();

    source::mysql::MysqlConnection& c_;
    std::string source_database_;
    std::string archive_database_;
    std::filesystem::path jsonl_;
    std::vector<std::string> pending_lines_;
    bool ensured_ = false;
};

// The archive table name for log entry `id`: <db>__<table>__<id>, shortened with a hash
// when longer than MySQL's 64 characters.
std::string archive_table_name(const std::string& database, const std::string& table, std::int64_t id);

// Columns a row copy can write (generated columns are recomputed, not inserted).
std::vector<std::string> insertable_columns(const model::Table& table);

struct RestoreResult {
    std::size_t entries = 0;
    std::uint64_t rows = 0;
    std::vector<std::string> done;  // one line per action undone, newest first
};

// Undoes every not-yet-restored action of `source_database`, newest first: rows put back
// (deleted rows re-inserted, changed columns set back to the archived bytes), dropped
// columns and indexes re-added, dropped tables renamed back. Each row action runs in one
// transaction and is marked restored in the log. Throws StateError when a restore would
// conflict (a deleted row's key is in use again), naming the entry.
RestoreResult restore_archive(source::mysql::MysqlConnection& connection, const std::string& source_database,
                              const std::string& archive_database);

}  // namespace m2pg::check
