#include "index/fulltext.hpp"

#include "target/postgres/identifier.hpp"
#include "util/error.hpp"

namespace m2pg::index {

using target::postgres::quote_ident;
using target::postgres::quote_literal;

std::string qualified(const std::string& schema, const std::string& name) {
    return quote_ident(schema) + "." + quote_ident(name);
}

std::string fulltext_document(const std::vector<std::string>& columns,
                              std::optional<std::size_t> prefix_chars) {
    if (columns.empty()) throw Error("internal: a full-text index needs at least one column");
    std::string document;
    if (columns.size() == 1) {
        document = quote_ident(columns.front());
    } else {
        for (const std::string& c : columns) {
            if (!document.empty()) document += " || ' ' || ";
            document += "coalesce(" + quote_ident(c) + ", '')";
        }
    }
    if (prefix_chars) document = "left(" + document + ", " + std::to_string(*prefix_chars) + ")";
    return document;
}

std::string fulltext_index_sql(const std::string& schema, const std::string& table,
                               const std::string& name, const std::string& config,
                               const std::vector<std::string>& columns,
                               std::optional<std::size_t> prefix_chars) {
    return "CREATE INDEX " + quote_ident(name) + " ON " + qualified(schema, table) +
           " USING gin (to_tsvector(" + quote_literal(config) + "::regconfig, " +
           fulltext_document(columns, prefix_chars) + "))";
}

std::string with_concurrently(const std::string& create_index_sql) {
    for (std::string prefix : {"CREATE INDEX ", "CREATE UNIQUE INDEX "})
        if (create_index_sql.rfind(prefix, 0) == 0)
            return prefix + "CONCURRENTLY " + create_index_sql.substr(prefix.size());
    throw Error("internal: not a CREATE INDEX statement: " + create_index_sql.substr(0, 60));
}

std::string drop_index_sql(const std::string& schema, const std::string& name, bool concurrently) {
    return std::string("DROP INDEX ") + (concurrently ? "CONCURRENTLY " : "") + "IF EXISTS " +
           qualified(schema, name);
}

}  // namespace m2pg::index
