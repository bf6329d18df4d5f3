#pragma once
// Which MySQL columns need a CAST rule of their own in a pgloader command file, and which
// will still come out of pgloader with another type than m2pg copy gives them.
#include <string>
#include <vector>

#include "compat/pgloader_casts.hpp"
#include "convert/types.hpp"
#include "profile/profile.hpp"
#include "profile/scope.hpp"
#include "model/catalog.hpp"

namespace m2pg::compat {

struct ColumnPlan {
    // One rule per column the type rules cannot get right, in catalog order: a profile
    // cast; a JSON column (MariaDB reports JSON as longtext, so no type rule sees it); a
    // date whose default m2pg drops (a zero date; NOT NULL goes too where m2pg drops it).
    // Each rule carries m2pg's own type and the transform of m2pg's codec.
    std::vector<ColumnRule> rules;
    // "Table.column (bit(12)): pgloader bit varying, m2pg copy bit varying(12)" for every
    // other column whose type the type rules cannot make m2pg's.
    std::vector<std::string> differences;
    // Profile casts naming no MySQL column.
    std::vector<std::string> warnings;
};

// Pure. `types` carries the profile's casts as column overrides; only the tables of the
// profile's scope for `request` are planned (`profile` may be null). Throws UsageError
// for a profile cast whose type is not a Postgres type name.
ColumnPlan plan_columns(const model::Catalog& catalog, const convert::TypeConfig& types,
                        const profile::Profile* profile, const profile::ScopeRequest& request = {});

}  // namespace m2pg::compat
