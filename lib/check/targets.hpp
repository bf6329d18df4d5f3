#pragma once
// What the target schema allows per column: the character limit of every varchar(n)
// column, either from an app's Postgres migrations (a profile) or from the DDL m2pg would
// generate. Lengths are characters, as Postgres varchar(n) counts them.
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "convert/types.hpp"
#include "model/catalog.hpp"

namespace m2pg::check {

// Keyed by lower-case "table.column" (Postgres names fold MySQL's `Posts.Message`).
struct TargetLimits {
    std::map<std::string, std::int64_t> varchar_chars;
    std::string source;  // "profile migrations DIR" or "generated DDL", for messages

    std::optional<std::int64_t> limit(std::string_view table, std::string_view column) const;
};

// Scans SQL text for varchar(n) / character varying(n) column definitions in
// CREATE TABLE bodies and in ALTER TABLE t ADD [COLUMN] c type / ALTER [COLUMN] c [SET DATA]
// TYPE type. Later statements win (a migration widening a column replaces the limit); a
// column altered to a type without a limit loses it. Pure: comments and quoted
// identifiers ("Users") are handled, everything else is ignored.
void scan_varchar_limits(std::string_view sql, TargetLimits& limits);

// Every NNNNNN_name.up.sql of `directory`, in version order. A missing directory gives
// no limits (the caller falls back to generated DDL).
TargetLimits limits_from_migrations(const std::filesystem::path& directory);

// The varchar(n) columns of the DDL m2pg generates for `catalog` under `types`.
TargetLimits limits_from_catalog(const model::Catalog& catalog, const convert::TypeConfig& types);

}  // namespace m2pg::check
