#pragma once
// model::Catalog <-> JSON, field for field, so an air-gapped `m2pg schema --from-report`
// rebuilds exactly the catalog `m2pg check` read. Optional fields are JSON null.
#include <nlohmann/json.hpp>

#include "model/catalog.hpp"

namespace m2pg::report {

nlohmann::json catalog_to_json(const model::Catalog& catalog);

// Throws UsageError naming the JSON path of a missing or mistyped field.
model::Catalog catalog_from_json(const nlohmann::json& json);

std::string_view index_kind_name(model::IndexKind kind);
// "primary" | "unique" | "secondary" | "fulltext" | "spatial"; throws UsageError otherwise.
model::IndexKind parse_index_kind(std::string_view name);

}  // namespace m2pg::report
