#include "source/mysql/catalog.hpp"

#include "source/mysql/catalog_assemble.hpp"
#include "source/mysql/catalog_sql.hpp"
#include "util/error.hpp"

namespace m2pg::source::mysql {
namespace {

// The templates compare with @database so they run as-is in the mysql client; here it
// becomes an escaped literal, which also lets the server look up only that database
// instead of scanning every schema.
std::string bind_database(std::string_view sql, const std::string& database_literal) {
    constexpr std::string_view kPlaceholder = "@database";
    std::string out;
    out.reserve(sql.size() + 64);
    std::size_t from = 0;
    for (std::size_t at = sql.find(kPlaceholder); at != std::string_view::npos;
         at = sql.find(kPlaceholder, from)) {
        out.append(sql.substr(from, at - from));
        out += database_literal;
        from = at + kPlaceholder.size();
    }
    out.append(sql.substr(from));
    return out;
}

// information_schema.CHECK_CONSTRAINTS exists from MariaDB 10.2.22 and MySQL 8.0.16, but
// only MariaDB has its TABLE_NAME column, and only MariaDB needs it (JSON as LONGTEXT).
bool has_mariadb_check_constraints(const MysqlConnection& connection) {
    return connection.is_mariadb() && connection.server_version_number() >= 100222;
}

}  // namespace

model::Catalog read_catalog(MysqlConnection& connection, const std::string& database) {
    const std::string literal = connection.quote_literal(database);
    auto run = [&](std::string_view sql) { return connection.query(bind_database(sql, literal)); };
    try {
        CatalogRows rows;
        rows.schema = run(catalog_sql::kSchema);
        if (rows.schema.rows.empty()) {
            const std::string sql = bind_database(catalog_sql::kSchema, literal);
            throw SourceError("database " + quote_ident(database) + " does not exist on " +
                                  connection.display(),
                              sql, 1049);
        }
        rows.tables = run(catalog_sql::kTables);
        rows.collations = connection.query(catalog_sql::kCollations);
        rows.columns = run(catalog_sql::kColumns);
        rows.indexes = run(catalog_sql::kIndexes);
        rows.foreign_keys = run(catalog_sql::kForeignKeys);
        if (has_mariadb_check_constraints(connection)) rows.checks = run(catalog_sql::kChecks);
        rows.partitions = run(catalog_sql::kPartitions);
        rows.views = run(catalog_sql::kViews);
        rows.triggers = run(catalog_sql::kTriggers);
        rows.routines = run(catalog_sql::kRoutines);
        rows.events = run(catalog_sql::kEvents);
        const std::string version = connection.scalar("SELECT VERSION()").value_or("");
        return assemble_catalog(database, version, rows);
    } catch (Error& e) {
        e.add_context("reading the catalog of " + quote_ident(database) + " on " +
                      connection.display());
        throw;
    }
}

model::Catalog read_catalog(const util::MysqlDsn& dsn) {
    if (dsn.database.empty())
        throw UsageError("the MySQL DSN names no database: add /dbname (for example user@tcp(host:3306)/chat)");
    MysqlConnection connection(dsn);
    return read_catalog(connection, dsn.database);
}

}  // namespace m2pg::source::mysql
