#pragma once
// MySQL CHECK clauses in Postgres. Only a small set of operators and functions reads the
// same in both (comparison, BETWEEN, IN, LIKE, AND/OR/NOT, IS [NOT] NULL, <=>, + - *,
// MOD and DIV by a constant, char_length, lower/upper, abs, coalesce, REGEXP with a plain
// pattern), and only on values whose Postgres types compare as MySQL's do. Anything else
// is refused with the reason, never guessed: the constraint is validated against the
// copied rows, so a check stricter than MySQL's would fail the whole DDL phase.
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace m2pg::schema {

// A column the clause may name, as the DDL creates it.
struct CheckColumn {
    std::string sql;        // the Postgres identifier, quoted as needed
    std::string pg_type;    // the mapped type: "integer", "varchar(20)", "numeric(10,2)", ...
    std::string collation;  // MySQL's COLLATION_NAME for text, else empty
};

// Finds a column by its MySQL name (MySQL compares column names case-insensitively);
// nullopt when the table has none by that name.
using CheckColumnLookup = std::function<std::optional<CheckColumn>(std::string_view mysql_name)>;

struct CheckTranslation {
    std::optional<std::string> sql;  // the Postgres expression, without CHECK ( )
    std::string problem;             // why not, when sql is empty: "the function json_valid"
};

// Pure. "`age` between 18 and 99" → "age BETWEEN 18 AND 99".
CheckTranslation translate_check_clause(std::string_view mysql_clause, const CheckColumnLookup& columns);

}  // namespace m2pg::schema
