#pragma once
// The plain catalog model: what lib/source/mysql/catalog reads from information_schema,
// what lib/convert maps, what lib/schema/ddl turns into Postgres DDL and what the report
// file serialises. No I/O and no behaviour here, only data.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace m2pg::model {

struct Column {
    std::string name;
    int ordinal = 0;                       // ORDINAL_POSITION, 1-based
    std::string data_type;                 // DATA_TYPE, lower case: "int", "varchar", "enum"
    std::string column_type;               // COLUMN_TYPE, lower case: "int(10) unsigned", "enum('a','b')"
    bool is_unsigned = false;
    bool is_zerofill = false;
    std::optional<std::int64_t> char_max_length;    // CHARACTER_MAXIMUM_LENGTH (characters)
    std::optional<std::int64_t> numeric_precision;  // NUMERIC_PRECISION
    std::optional<std::int64_t> numeric_scale;      // NUMERIC_SCALE
    std::optional<std::int64_t> datetime_precision; // DATETIME_PRECISION (fractional digits)
    std::string charset;                   // CHARACTER_SET_NAME, empty for non-text
    std::string collation;                 // COLLATION_NAME, empty for non-text
    bool is_nullable = true;
    // COLUMN_DEFAULT as MariaDB 10.2+ reports it: a quoted literal ('abc'), a number,
    // NULL, or an expression (current_timestamp(), ...). nullopt: no default at all.
    std::optional<std::string> default_value;
    bool is_auto_increment = false;
    bool on_update_current_timestamp = false;  // EXTRA has "on update current_timestamp"
    std::string generation_expression;         // non-empty for generated columns
    bool is_stored_generated = false;          // STORED/PERSISTENT rather than VIRTUAL
    std::string comment;
};

enum class IndexKind { Primary, Unique, Secondary, Fulltext, Spatial };

struct IndexColumn {
    std::string name;
    std::optional<std::int64_t> prefix_length;  // SUB_PART: KEY (col(10))
    bool descending = false;
};

struct Index {
    std::string name;  // "PRIMARY" for the primary key
    IndexKind kind = IndexKind::Secondary;
    std::vector<IndexColumn> columns;  // in SEQ_IN_INDEX order
};

struct ForeignKey {
    std::string name;
    std::vector<std::string> columns;
    std::string referenced_table;
    std::vector<std::string> referenced_columns;
    std::string on_update = "RESTRICT";  // CASCADE, SET NULL, RESTRICT, NO ACTION, SET DEFAULT
    std::string on_delete = "RESTRICT";
};

// A CHECK constraint as MySQL reports it. MariaDB names a column-level check after its
// column; the JSON alias guard json_valid(`col`) is not kept here (the column becomes json).
struct CheckConstraint {
    std::string name;
    std::string clause;  // CHECK_CLAUSE, MySQL's text: "`age` between 18 and 99"
};

struct Table {
    std::string name;
    std::string engine;
    std::string collation;      // TABLE_COLLATION
    std::string charset;        // derived from the collation
    std::string comment;
    std::int64_t row_estimate = 0;  // TABLE_ROWS (an estimate for InnoDB)
    std::int64_t data_bytes = 0;    // DATA_LENGTH
    std::int64_t index_bytes = 0;   // INDEX_LENGTH
    std::optional<std::uint64_t> auto_increment;  // next AUTO_INCREMENT value
    std::vector<Column> columns;    // in ordinal order
    std::vector<Index> indexes;     // primary first, then by name
    std::vector<ForeignKey> foreign_keys;
    std::vector<CheckConstraint> checks;  // by name
    // Empty unless MySQL partitions the table: "RANGE (year(from_date)), 19 partitions".
    std::string partitioning;

    const Column* find_column(const std::string& column_name) const;
    const Index* primary_key() const;
};

// Objects we do not migrate but must list so the user knows.
struct RoutineInfo {
    std::string name;
    std::string kind;  // VIEW, TRIGGER, PROCEDURE, FUNCTION, EVENT
    std::string detail;  // the trigger's table, the view definition excerpt, ...
};

struct Catalog {
    std::string database;
    std::string server_version;   // SELECT VERSION()
    std::string default_charset;
    std::string default_collation;
    std::vector<Table> tables;    // base tables, sorted by name
    std::vector<RoutineInfo> views;
    std::vector<RoutineInfo> triggers;
    std::vector<RoutineInfo> routines;  // procedures and functions
    std::vector<RoutineInfo> events;

    const Table* find_table(const std::string& table_name) const;
};

}  // namespace m2pg::model
