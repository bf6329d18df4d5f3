#pragma once
// What copy asks of the MySQL data before the first row moves, when the target column is
// narrower than the MySQL column (an app's own Postgres schema): a NULL where the target
// says NOT NULL, a string outside a Postgres enum, a tinyint other than 0/1 going into
// boolean, an integer beyond the target's integer type. Each is one MySQL condition, true
// for a value the target column would refuse (schema/value_conditions, shared with check).
// Pure: prechecks.hpp runs them.
#include <cstddef>
#include <string>
#include <vector>

#include "schema/pairing.hpp"
#include "target/postgres/catalog.hpp"

namespace m2pg::copy {

enum class ValueCheckKind {
    NullIntoNotNull,  // NULL (or a zero date, which copy writes as NULL) into NOT NULL
    NotALabel,        // a string that is not a label of the target's enum type
    NotABoolean,      // an integer other than 0 and 1 into boolean
    OutOfRange,       // an integer beyond the target's smallint/integer/bigint
    EmptyJson,        // '' in a text column going into json/jsonb (not in the profile's [empty_json])
};

struct ValueCheck {
    ValueCheckKind kind = ValueCheckKind::NullIntoNotNull;
    std::size_t column = 0;  // index into TablePair::columns
    std::string condition;   // MySQL: true for a refused value (NULL counts as false, except for NOT NULL)
    // What the rows hold, for "N rows hold ...": "a value that is not a label of the enum
    // channel_type ('P', 'G', 'O', 'D')", "NULL, but the column createat bigint is NOT NULL".
    std::string description;
};

// The checks of one table pair against its target table (the one pair_table paired it
// with). Columns whose target takes every value the MySQL column can hold get none, so a
// table of the same types on both sides costs nothing.
std::vector<ValueCheck> plan_value_checks(const schema::TablePair& pair, const target::postgres::TargetTable& target);

}  // namespace m2pg::copy
