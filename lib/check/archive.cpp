#include "check/archive.hpp"

#include <nlohmann/json.hpp>

#include "check/row_keys.hpp"
#include "target/postgres/identifier.hpp"
#include "util/error.hpp"

namespace m2pg::check {

using nlohmann::json;
using source::mysql::quote_ident;

namespace {

// The log of every archived action; its columns are what restore_archive needs to undo
// one. utf8mb4_bin: names compare exactly, as MySQL stores them.
constexpr std::string_view kLogDdl = R"sql(CREATE TABLE IF NOT EXISTS {log} (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  source_db VARCHAR(64) NOT NULL,
  source_table VARCHAR(64) NOT NULL,
  fix VARCHAR(32) NOT NULL,
  action VARCHAR(32) NOT NULL,
  column_name VARCHAR(64) NOT NULL DEFAULT '',
  object_name VARCHAR(64) NOT NULL DEFAULT '',
  definition LONGTEXT NOT NULL,
  key_columns TEXT NOT NULL,
  archive_table VARCHAR(64) NOT NULL DEFAULT '',
  rows_archived BIGINT NOT NULL DEFAULT 0,
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  restored_at DATETIME(6) NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin)sql";

std::string qualified(const std::string& db, const std::string& table) { return quote_ident(db) + "." + quote_ident(table); }

std::string join_on(const std::vector<std::string>& keys) {
    std::string out;
    for (const auto& k : keys) out += (out.empty() ? "" : " AND ") + ("s." + quote_ident(k) + " = a." + quote_ident(k));
    return out;
}

// ROW_COUNT() rather than mysql_affected_rows(): execute() drains every result, which
// leaves the client's counter at -1.
std::uint64_t affected(source::mysql::MysqlConnection& c) {
    const long long n = std::stoll(c.scalar("SELECT ROW_COUNT()").value_or("0"));
    return n < 0 ? 0 : static_cast<std::uint64_t>(n);
}

// Runs statements as one transaction; rolls back when an exception leaves the scope.
class Transaction {
public:
    explicit Transaction(source::mysql::MysqlConnection& c) : c_(c) { c_.execute("START TRANSACTION"); }
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction() {
        if (done_) return;
        try {
            c_.execute("ROLLBACK");
        } catch (const Error&) {
            // The connection is gone; the server rolls the transaction back on disconnect.
        }
    }
    void commit() {
        c_.execute("COMMIT");
        done_ = true;
    }

private:
    source::mysql::MysqlConnection& c_;
    bool done_ = false;
};

std::vector<std::string> archive_columns(source::mysql::MysqlConnection& c, const std::string& db, const std::string& table) {
    std::vector<std::string> out;
    for (const auto& r : c.query("SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = " +
                                 c.quote_literal(db) + " AND TABLE_NAME = " + c.quote_literal(table) +
                                 " AND COALESCE(GENERATION_EXPRESSION, '') = '' ORDER BY ORDINAL_POSITION")
                             .rows)
        out.push_back(*r[0]);
    return out;
}

bool index_exists(source::mysql::MysqlConnection& c, const std::string& db, const std::string& table, const std::string& index) {
    return c.scalar("SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = " + c.quote_literal(db) +
                    " AND TABLE_NAME = " + c.quote_literal(table) + " AND INDEX_NAME = " + c.quote_literal(index))
               .value_or("0") != "0";
}

// "KEY `a``b` (...)" → a`b: the name of an index line of SHOW CREATE TABLE.
std::string index_line_name(const std::string& line) {
    const auto open = line.find('`');
    if (open == std::string::npos) return {};
    std::string name;
    for (std::size_t i = open + 1; i < line.size(); ++i) {
        if (line[i] == '`') {
            if (i + 1 < line.size() && line[i + 1] == '`') {
                name += '`';
                ++i;
            } else {
                break;
            }
        } else {
            name += line[i];
        }
    }
    return name;
}

}  // namespace

std::string_view action_name(ArchiveAction a) {
    switch (a) {
        case ArchiveAction::Update: return "update";
        case ArchiveAction::Delete: return "delete";
        case ArchiveAction::DropTable: return "drop_table";
        case ArchiveAction::DropColumn: return "drop_column";
        case ArchiveAction::DropIndex: return "drop_index";
    }
    return "update";
}

ArchiveAction parse_action(std::string_view name) {
    for (auto a : {ArchiveAction::Update, ArchiveAction::Delete, ArchiveAction::DropTable, ArchiveAction::DropColumn,
                   ArchiveAction::DropIndex})
        if (action_name(a) == name) return a;
    throw StateError("archive log holds an unknown action '" + std::string(name) + "'");
}

std::string archive_table_name(const std::string& database, const std::string& table, std::int64_t id) {
    const std::string suffix = "__" + std::to_string(id);
    std::string name = database + "__" + table + suffix;
    if (name.size() <= 64) return name;
    // Keep the id readable at the end; the hash keeps distinct long names distinct.
    const std::string hash = "_" + target::postgres::short_hash(database + "." + table);
    std::string head = database + "__" + table;
    std::size_t keep = 64 - suffix.size() - hash.size();
    while (keep > 0 && (static_cast<unsigned char>(head[keep]) & 0xC0) == 0x80) --keep;  // UTF-8 boundary
    return head.substr(0, keep) + hash + suffix;
}

std::vector<std::string> insertable_columns(const model::Table& table) {
    std::vector<std::string> out;
    for (const auto& c : table.columns)
        if (c.generation_expression.empty()) out.push_back(c.name);
    return out;
}

Archive::Archive(source::mysql::MysqlConnection& connection, std::string source_database, std::string archive_database,
                 std::filesystem::path jsonl)
    : c_(connection),
      source_database_(std::move(source_database)),
      archive_database_(std::move(archive_database)),
      jsonl_(std::move(jsonl)) {
    if (archive_database_ == source_database_)
        throw UsageError("the archive database must not be the checked database " + source_database_);
}

void Archive::ensure_database() {
    if (ensured_) return;
    c_.execute("CREATE DATABASE IF NOT EXISTS " + quote_ident(archive_database_) + " CHARACTER SET utf8mb4");
    std::string ddl(kLogDdl);
    ddl.replace(ddl.find("{log}"), 5, qualified(archive_database_, std::string(kArchiveLogTable)));
    c_.execute(ddl);
    ensured_ = true;
}

ArchiveEntry Archive::begin(const std::string& fix, ArchiveAction action, const model::Table& table,
                            const std::string& column, const std::string& object, const std::string& definition,
                            const std::vector<std::string>& key_columns) {
    ensure_database();
    const std::string log = qualified(archive_database_, std::string(kArchiveLogTable));
    c_.execute("INSERT INTO " + log +
               " (source_db, source_table, fix, action, column_name, object_name, definition, key_columns) VALUES (" +
               c_.quote_literal(source_database_) + ", " + c_.quote_literal(table.name) + ", " + c_.quote_literal(fix) +
               ", " + c_.quote_literal(action_name(action)) + ", " + c_.quote_literal(column) + ", " +
               c_.quote_literal(object) + ", " + c_.quote_literal(definition) + ", " +
               c_.quote_literal(json(key_columns).dump()) + ")");
    ArchiveEntry e;
    e.id = std::stoll(c_.scalar("SELECT LAST_INSERT_ID()").value_or("0"));
    e.table = table.name;
    e.archive_table = archive_table_name(source_database_, table.name, e.id);
    e.qualified = qualified(archive_database_, e.archive_table);
    c_.execute("UPDATE " + log + " SET archive_table = " + c_.quote_literal(e.archive_table) +
               " WHERE id = " + std::to_string(e.id));
    if (action != ArchiveAction::DropTable)
        c_.execute("CREATE TABLE " + e.qualified + " LIKE " + qualified(source_database_, table.name));
    return e;
}

std::uint64_t Archive::archive_rows(const ArchiveEntry& e, const model::Table& table, const std::string& where) {
    const std::vector<std::string> cols = insertable_columns(table);
    const std::string source = qualified(source_database_, table.name);
    if (!jsonl_.empty()) {
        std::string hex;
        for (const auto& col : table.columns) hex += (hex.empty() ? "" : ", ") + ("HEX(" + quote_ident(col.name) + ")");
        for (const auto& r : c_.query("SELECT " + hex + " FROM " + source + " WHERE " + where).rows) {
            json row = json::object();
            for (std::size_t i = 0; i < table.columns.size(); ++i)
                row[table.columns[i].name] = r[i] ? json(*r[i]) : json(nullptr);
            pending_lines_.push_back(json{{"entry", e.id},
                                          {"database", source_database_},
                                          {"table", table.name},
                                          {"archive", archive_database_ + "." + e.archive_table},
                                          {"hex", row}}
                                         .dump());
        }
    }
    c_.execute("INSERT INTO " + e.qualified + " (" + key_list(cols) + ") SELECT " + key_list(cols) + " FROM " +
               source + " WHERE " + where);
    const std::uint64_t n = affected(c_);
    c_.execute("UPDATE " + qualified(archive_database_, std::string(kArchiveLogTable)) +
               " SET rows_archived = rows_archived + " + std::to_string(n) + " WHERE id = " + std::to_string(e.id));
    return n;
}

void Archive::flush_jsonl() {
    if (jsonl_.empty() || pending_lines_.empty()) return;
    std::ofstream out(jsonl_, std::ios::app | std::ios::binary);
    if (!out) throw UsageError("cannot append to the archive file " + jsonl_.string());
    for (const auto& line : pending_lines_) out << line << '\n';
    out.flush();
    if (!out) throw UsageError("cannot append to the archive file " + jsonl_.string());
    pending_lines_.clear();
}

namespace {

// One row of the archive log, as restore_archive undoes it.
struct LogEntry {
    std::string id, table, column, object, archive;
    ArchiveAction action = ArchiveAction::Update;
    json definition;
    std::vector<std::string> keys;
    std::uint64_t rows_archived = 0;
};

std::vector<LogEntry> pending_entries(source::mysql::MysqlConnection& c, const std::string& log, const std::string& db) {
    std::vector<LogEntry> out;
    for (const auto& r : c.query("SELECT id, source_table, action, column_name, object_name, definition, key_columns, "
                                 "archive_table, rows_archived FROM " + log + " WHERE source_db = " +
                                 c.quote_literal(db) + " AND restored_at IS NULL ORDER BY id DESC")
                             .rows) {
        LogEntry e;
        e.id = *r[0];
        e.table = *r[1];
        e.action = parse_action(*r[2]);
        e.column = *r[3];
        e.object = *r[4];
        e.definition = r[5]->empty() ? json::object() : json::parse(*r[5]);
        e.keys = json::parse(*r[6]).get<std::vector<std::string>>();
        e.archive = *r[7];
        e.rows_archived = std::stoull(r[8].value_or("0"));
        out.push_back(std::move(e));
    }
    return out;
}

// Where one entry's rows live and how it is marked restored.
struct Places {
    std::string source, archive, mark;
};

// The archived values of the entry's column written back over the source rows with the same key.
std::uint64_t copy_back_column(source::mysql::MysqlConnection& c, const LogEntry& e, const Places& p) {
    c.execute("UPDATE " + p.source + " AS s JOIN " + p.archive + " AS a ON " + join_on(e.keys) + " SET s." +
              quote_ident(e.column) + " = a." + quote_ident(e.column));
    return std::stoull(c.scalar("SELECT COUNT(*) FROM " + p.archive).value_or("0"));
}

std::uint64_t restore_update(source::mysql::MysqlConnection& c, const LogEntry& e, const Places& p) {
    Transaction t(c);
    const std::uint64_t rows = copy_back_column(c, e, p);
    c.execute(p.mark);
    t.commit();
    return rows;
}

std::uint64_t restore_deleted_rows(source::mysql::MysqlConnection& c, const LogEntry& e, const Places& p,
                                   const std::string& archive_db) {
    Transaction t(c);
    const auto clash = c.scalar("SELECT COUNT(*) FROM " + p.source + " AS s JOIN " + p.archive + " AS a ON " + join_on(e.keys));
    if (clash.value_or("0") != "0")
        throw StateError(*clash + " archived rows of " + e.table + " have keys that are in use again");
    const std::string cols = key_list(archive_columns(c, archive_db, e.archive));
    c.execute("INSERT INTO " + p.source + " (" + cols + ") SELECT " + cols + " FROM " + p.archive);
    const std::uint64_t rows = affected(c);
    c.execute(p.mark);
    t.commit();
    return rows;
}

std::uint64_t restore_dropped_table(source::mysql::MysqlConnection& c, const LogEntry& e, const Places& p) {
    c.execute("RENAME TABLE " + p.archive + " TO " + p.source);
    c.execute(p.mark);
    return e.rows_archived;
}

// The column comes back where it stood, then its values, then the indexes it was part of.
std::uint64_t restore_dropped_column(source::mysql::MysqlConnection& c, const LogEntry& e, const Places& p,
                                     const std::string& db) {
    const std::string after = e.definition.value("after", "");
    c.execute("ALTER TABLE " + p.source + " ADD COLUMN " + e.definition.at("column").get<std::string>() +
              (after.empty() ? " FIRST" : " AFTER " + quote_ident(after)));
    std::uint64_t rows = 0;
    {
        Transaction t(c);
        rows = copy_back_column(c, e, p);
        t.commit();
    }
    for (const auto& line : e.definition.value("indexes", std::vector<std::string>{})) {
        const std::string name = index_line_name(line);
        const bool exists = !name.empty() && index_exists(c, db, e.table, name);
        c.execute("ALTER TABLE " + p.source + (exists ? " DROP INDEX " + quote_ident(name) + "," : "") + " ADD " + line);
    }
    c.execute(p.mark);
    return rows;
}

std::uint64_t restore_dropped_index(source::mysql::MysqlConnection& c, const LogEntry& e, const Places& p) {
    c.execute("ALTER TABLE " + p.source + " ADD " + e.definition.at("index").get<std::string>());
    c.execute(p.mark);
    return 0;
}

std::string describe(const LogEntry& e) {
    return std::string(action_name(e.action)) + " " + e.table + (e.column.empty() ? "" : "." + e.column) +
           (e.object.empty() ? "" : " " + e.object);
}

}  // namespace

RestoreResult restore_archive(source::mysql::MysqlConnection& c, const std::string& db, const std::string& archive_db) {
    RestoreResult out;
    if (c.scalar("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = " + c.quote_literal(archive_db) +
                 " AND TABLE_NAME = " + c.quote_literal(kArchiveLogTable))
            .value_or("0") == "0")
        return out;
    const std::string log = qualified(archive_db, std::string(kArchiveLogTable));
    for (const LogEntry& e : pending_entries(c, log, db)) {
        const Places p{qualified(db, e.table), qualified(archive_db, e.archive),
                       "UPDATE " + log + " SET restored_at = NOW(6) WHERE id = " + e.id};
        std::uint64_t rows = 0;
        try {
            switch (e.action) {
                case ArchiveAction::Update: rows = restore_update(c, e, p); break;
                case ArchiveAction::Delete: rows = restore_deleted_rows(c, e, p, archive_db); break;
                case ArchiveAction::DropTable: rows = restore_dropped_table(c, e, p); break;
                case ArchiveAction::DropColumn: rows = restore_dropped_column(c, e, p, db); break;
                case ArchiveAction::DropIndex: rows = restore_dropped_index(c, e, p); break;
            }
        } catch (Error& error) {
            error.add_context("restoring archive entry " + e.id + " (" + describe(e) + ")");
            throw;
        }
        ++out.entries;
        out.rows += rows;
        out.done.push_back(describe(e) + ": " + std::to_string(rows) + " rows from " + archive_db + "." + e.archive);
    }
    return out;
}

}  // namespace m2pg::check
