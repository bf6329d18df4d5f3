#pragma once
// The CHECK constraints a data check can test value by value: one column limited to a list
// of literals. Read from pg_get_constraintdef text ("CHECK (((type)::text = ANY
// ((ARRAY['D'::character varying, 'O'::character varying])::text[])))") or from the text
// of a migration ("CHECK (type IN ('D', 'O'))"). Pure.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace m2pg::target::postgres {

struct AllowedValues {
    std::string column;               // as Postgres names it (folded unless quoted)
    std::vector<std::string> values;  // the literals, in order
    bool numeric = false;             // the literals are numbers, not strings
};

// `col IN (lit, ...)`, `col = ANY (ARRAY[lit, ...])` or `col = lit OR col = lit ...`, with
// any casts and parentheses; nullopt for every other CHECK.
std::optional<AllowedValues> allowed_values(std::string_view check_definition);

}  // namespace m2pg::target::postgres
