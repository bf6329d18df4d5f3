#pragma once
// The target check compares the data with, and where each MySQL column lands in it. The
// target's tables come from one of three places, all described as target::postgres::
// TargetTable (types, NOT NULL, enum labels, character limits, numeric precision, array
// element types, CHECK constraints):
//   a live Postgres that already has the schema (--target: read_target_tables),
//   an app's Postgres migrations played offline (--migrations-dir, or the profile's:
//     target::postgres::SchemaModel),
//   the DDL m2pg would generate for the MySQL table (no target given, or a table the
//     target lacks), played through the same SchemaModel.
// Columns are paired by schema/pairing's rule, with the codec the copy would use.
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "convert/types.hpp"
#include "migrate/history.hpp"
#include "model/catalog.hpp"
#include "target/postgres/catalog.hpp"
#include "target/postgres/simple_check.hpp"
#include "util/dsn.hpp"

namespace m2pg::check {

using target::postgres::TargetColumn;
using target::postgres::TargetTable;

struct TargetSchema {
    std::vector<TargetTable> tables;
    // For messages: "the target database m2pg@db:5432/app (schema public)",
    // "migrations /path", or "generated DDL".
    std::string source;
    bool is_given = false;  // false: no target, every table is checked against generated DDL
};

// Reads `schema` of a live Postgres. Throws ConnectionError / TargetError from Postgres.
TargetSchema target_from_database(const util::PgDsn& dsn, const std::string& schema);

// Plays the NNNNNN_name.up.sql files of `directory` in version order, after the tables in
// which `m2pg schema --run-migrations` records them (`history`): all of them, or when
// `versions` is not empty only those, as `m2pg schema --applied-migrations` applies exactly
// the versions the MySQL side has. Throws UsageError (migrate::load_directory) when the
// directory is missing or holds no migration.
TargetSchema target_from_migrations(const std::filesystem::path& directory, const migrate::HistoryTables& history = {},
                                    const std::vector<std::int64_t>& versions = {});

// No target: every table is checked against the DDL m2pg would generate for it.
TargetSchema generated_target();

// The table `m2pg schema --from-mysql` (and copy --create-tables) would create for `table`
// under `types`, leaving out the columns whose type has no Postgres type. Pure.
TargetTable generated_table(const model::Table& table, const convert::TypeConfig& types);

enum class Landing {
    Paired,          // a target column; `codec` is how the copy converts into it
    NoConversion,    // a target column, but the copy has no exact conversion into its type
    NoTargetColumn,  // the target table has no column of that name: the copy refuses
    Unsupported,     // the MySQL type has no Postgres type (an unsupported_type finding)
};

// A CHECK constraint of the target that limits one column to a list of literals.
struct AllowedList {
    std::string constraint;
    target::postgres::AllowedValues allowed;
};

struct ColumnLanding {
    const model::Column* source = nullptr;
    Landing landing = Landing::Paired;
    convert::Mapping mapping;  // the MySQL column as the type map (and profile casts) read it
    TargetColumn target;       // Paired and NoConversion only
    convert::Codec codec = convert::Codec::Text;
    std::string problem;               // NoConversion / Unsupported: the reason
    std::vector<AllowedList> allowed;  // the target's CHECK lists on this column
    bool empty_json_as_object = false;  // '' is written as {} (the profile's [empty_json] columns)

    bool has_target() const { return landing == Landing::Paired || landing == Landing::NoConversion; }
};

struct TableLanding {
    const model::Table* source = nullptr;
    std::string target_name;
    // The target has no such table (or none was given): the columns are those of the
    // generated DDL. With a target given, the copy stops here unless told to create it.
    bool is_generated = false;
    std::string source_of_types;  // TargetSchema::source, or "generated DDL"
    std::vector<ColumnLanding> columns;  // in MySQL column order
    // Target columns no MySQL column fills that are NOT NULL without a default (or identity):
    // every row the copy writes would be refused.
    std::vector<TargetColumn> unfilled;

    const ColumnLanding* find(std::string_view source_column) const;
};

// Where each column of `table` lands in `target` (or in its generated table). Throws
// StateError when two target tables match the name only case-insensitively.
TableLanding land_table(const model::Table& table, const TargetSchema& target, const convert::TypeConfig& types);

// The character limit of every column that lands in varchar(n) / char(n), keyed by the
// lower-case MySQL "table.column": what --fix-varchar cuts or deletes to.
struct TargetLimits {
    std::map<std::string, std::int64_t> varchar_chars;

    std::optional<std::int64_t> limit(std::string_view table, std::string_view column) const;
};

TargetLimits limits_of(const std::vector<TableLanding>& tables);

}  // namespace m2pg::check
