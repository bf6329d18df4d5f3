#include "check/server_info.hpp"

#include "util/error.hpp"

namespace m2pg::check {

using source::mysql::quote_ident;

report::ServerInfo read_server_info(source::mysql::MysqlConnection& c) {
    report::ServerInfo s;
    const auto row = c.query("SELECT VERSION(), @@GLOBAL.sql_mode, @@character_set_server, @@collation_server, CURRENT_USER()");
    auto at = [&](std::size_t i) { return row.rows.at(0)[i].value_or(""); };
    s.version = at(0);
    s.sql_mode = at(1);
    s.character_set_server = at(2);
    s.collation_server = at(3);
    s.user = at(4);
    const auto sep = s.user.rfind('@');
    if (sep == std::string::npos) return s;
    try {
        s.auth_plugin = c.scalar("SELECT plugin FROM mysql.user WHERE User = " + c.quote_literal(s.user.substr(0, sep)) +
                                 " AND Host = " + c.quote_literal(s.user.substr(sep + 1)))
                            .value_or("");
    } catch (const SourceError&) {
        // 1142/1044: the account may not read mysql.user. The plugin is then reported as
        // unknown, which is a finding, not a reason to stop the check.
    }
    return s;
}

AppliedMigrations read_applied_migrations(source::mysql::MysqlConnection& c, const std::string& database,
                                          const std::string& table, const std::string& version_column) {
    AppliedMigrations out;
    const auto found = c.scalar("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = " +
                                c.quote_literal(database) + " AND TABLE_NAME = " + c.quote_literal(table));
    if (found.value_or("0") == "0") return out;
    out.table_found = true;
    const std::string col = quote_ident(version_column);
    const auto result = c.query("SELECT " + col + " FROM " + quote_ident(database) + "." + quote_ident(table) +
                                " WHERE " + col + " IS NOT NULL ORDER BY " + col);
    for (const auto& r : result.rows) {
        try {
            out.versions.push_back(std::stoll(*r[0]));
        } catch (const std::exception&) {
            throw SourceError("migration table " + table + " holds a version that is not a number: '" + *r[0] + "'");
        }
    }
    return out;
}

}  // namespace m2pg::check
