#pragma once
// The tables a schema will hold, read from DDL text instead of a server: an app's Postgres
// migrations, or the DDL m2pg generates. apply() plays CREATE/ALTER/DROP TABLE, CREATE/
// ALTER/DROP TYPE (enums), CREATE DOMAIN and the DDL inside DO blocks (both branches of an
// IF, as if each ran: migrations guard DDL with "does it exist yet" tests, which a fresh
// schema passes) in order; tables() then answers what read_target_tables would read from
// a server where the same text ran. Statements that change no table column (indexes,
// views, functions, data) are ignored. Pure: no server, never throws on odd SQL.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "target/postgres/catalog.hpp"
#include "target/postgres/sql_lexer.hpp"
#include "target/postgres/type_spec.hpp"

namespace m2pg::target::postgres {

class SchemaModel {
public:
    explicit SchemaModel(std::string schema = "public") : schema_(std::move(schema)) {}

    // Plays the DDL of one script (one migration file).
    void apply(std::string_view sql);

    // The tables by name, columns in definition order, checks by name, enum labels resolved.
    std::vector<TargetTable> tables() const;

private:
    struct Column {
        TargetColumn column;
        std::string user_type;  // an enum or domain name, resolved in tables()
    };
    struct Table {
        std::vector<Column> columns;
        std::map<std::string, std::string> checks;  // name → definition
        Column* find(const std::string& name);
    };
    using Tokens = std::vector<SqlToken>;

    void run_statements(const Tokens& t, std::size_t begin, std::size_t end, bool in_block);
    void statement(const Tokens& t, std::size_t begin, std::size_t end);
    void do_block(const Tokens& t, std::size_t begin, std::size_t end);
    void create_table(const Tokens& t, std::size_t p, std::size_t end);
    void alter_table(const Tokens& t, std::size_t p, std::size_t end);
    void drop_table(const Tokens& t, std::size_t p, std::size_t end);
    void create_type(const Tokens& t, std::size_t p, std::size_t end);
    void alter_type(const Tokens& t, std::size_t p, std::size_t end);
    void create_domain(const Tokens& t, std::size_t p, std::size_t end);
    // A column definition (name type constraints...) up to the ',' or ')' that ends it.
    void column_definition(const std::string& table, Table& into, const Tokens& t, std::size_t& p, std::size_t end,
                           bool if_not_exists);
    // A table constraint: CHECK adds a check, PRIMARY KEY makes its columns NOT NULL.
    void table_constraint(const std::string& table, Table& into, const Tokens& t, std::size_t& p, std::size_t end,
                          std::string name);
    void add_check(Table& into, std::string name, const std::string& definition);
    void set_type(Column& c, const TypeSpec& type) const;

    std::string schema_;
    std::map<std::string, Table> tables_;
    std::map<std::string, std::vector<std::string>> enums_;  // labels in sort order
    std::map<std::string, TypeSpec> domains_;                // base type
};

}  // namespace m2pg::target::postgres
