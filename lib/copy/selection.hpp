#pragma once
// Which MySQL tables a run works on: the --tables / --exclude filter that copy and verify
// share, so both tools read the same flags the same way.
#include <string>
#include <vector>

#include "schema/model.hpp"

namespace m2pg::copy {

// The catalog's tables named in `tables` (all when it names none) and not in `exclude`, in
// catalog order; names compare ASCII case-insensitively and empty names are ignored, so
// --tables "" means all tables. Throws UsageError listing every `tables` entry the catalog
// does not hold (lower-cased, sorted).
std::vector<const schema::Table*> select_tables(const schema::Catalog& catalog, const std::vector<std::string>& tables,
                                                const std::vector<std::string>& exclude);

}  // namespace m2pg::copy
