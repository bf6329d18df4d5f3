#pragma once
// Shared by the check integration tests: run a check on a scratch database, find a
// finding, and take a byte image of a table (HEX of every column) to prove restores exact.
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "check/check.hpp"
#include "support/servers.hpp"

namespace m2pg::test::check {

// An archive database named after the scratch database, dropped with it.
struct ArchiveDb {
    explicit ArchiveDb(const MysqlScratch& db) : db_(db), name(db.name() + "_arc") {}
    ~ArchiveDb() { db_.exec("DROP DATABASE IF EXISTS `" + name + "`"); }
    ArchiveDb(const ArchiveDb&) = delete;
    ArchiveDb& operator=(const ArchiveDb&) = delete;
    const MysqlScratch& db_;
    std::string name;
};

// A throwaway profile folder: profile.toml plus one Postgres migration.
struct TempProfile {
    TempProfile(const std::string& name, const std::string& toml_extra, const std::string& postgres_sql)
        : dir(std::filesystem::temp_directory_path() / ("m2pg_chk_profile_" + name)) {
        std::filesystem::create_directories(dir / "postgres");
        std::ofstream(dir / "postgres" / "000001_init.up.sql") << postgres_sql;
        std::ofstream(dir / "profile.toml") << "name = \"" << name << "\"\n" << toml_extra
                                            << "\n[migrations]\npostgres_dir = \"postgres\"\n";
    }
    ~TempProfile() { std::filesystem::remove_all(dir); }
    TempProfile(const TempProfile&) = delete;
    TempProfile& operator=(const TempProfile&) = delete;
    profile::Profile load() const { return profile::load_profile((dir / "profile.toml").string()); }
    std::filesystem::path dir;
};

inline m2pg::check::CheckResult run(const MysqlScratch& db, m2pg::check::CheckOptions options = {}) {
    return m2pg::check::run_check(db.dsn(), options);
}

inline const report::Finding* find(const m2pg::check::CheckResult& r, const std::string& code,
                                   const std::string& table = {}, const std::string& column = {}) {
    for (const auto& f : r.report.findings)
        if (f.code == code && (table.empty() || f.table == table) && (column.empty() || f.column == column)) return &f;
    return nullptr;
}

inline std::size_t count_code(const m2pg::check::CheckResult& r, const std::string& code) {
    std::size_t n = 0;
    for (const auto& f : r.report.findings) n += f.code == code;
    return n;
}

// Every row of `table`, every column as HEX() (NULL stays NULL), in primary-key order.
inline std::vector<Row> hex_image(const MysqlScratch& db, const std::string& table, const std::string& order_by) {
    std::string cols;
    for (const auto& r : db.query("SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '" +
                                  db.name() + "' AND TABLE_NAME = '" + table + "' ORDER BY ORDINAL_POSITION"))
        cols += (cols.empty() ? "" : ", ") + ("HEX(`" + *r[0] + "`)");
    return db.query("SELECT " + cols + " FROM `" + table + "` ORDER BY " + order_by);
}

}  // namespace m2pg::test::check
