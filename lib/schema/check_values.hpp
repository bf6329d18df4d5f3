#pragma once
// The values of a MySQL CHECK clause as lib/schema/check_clause renders them for Postgres:
// their Postgres type, their SQL and precedence, and the rules for when an operation on
// them means the same in both systems. Postgres rejects int = text where MySQL converts,
// and a comparison stricter in Postgres would fail the constraint's validation, so every
// rule here refuses (throws CheckRefusal with the reason) rather than guesses.
#include <string>
#include <string_view>

#include "schema/check_clause.hpp"
#include "util/error.hpp"

namespace m2pg::schema::check_values {

enum class Kind { Boolean, Integer, Exact, Float, Text, Date, Timestamp, Null };

// Where a text value's collation comes from. MySQL compares under the column's
// collation; Postgres compares bytes (deterministic collations), which agrees only when
// MySQL's collation is case- and accent-sensitive. (A _bin collation still pads with
// spaces in MySQL: 'a ' = 'a' there. Values with trailing spaces in a checked column are
// the one case this lets through.)
enum class TextOrigin { Exact, Insensitive, Literal };

// Postgres operator precedence, lowest first; an operand below the level its operator
// needs is parenthesised.
enum Level { kOr, kAnd, kNot, kPredicate, kAdditive, kMultiplicative, kUnary, kAtom };

struct Value {
    std::string sql;
    Kind kind = Kind::Boolean;
    int level = kAtom;
    bool is_literal = false;
    bool is_wide = false;  // an Integer that is bigint in Postgres
    TextOrigin origin = TextOrigin::Literal;
    std::string collation;  // of the column behind an Insensitive text
    std::string text;       // a string literal's value
};

// Why a clause is not translated; translate_check_clause turns it into its problem text.
class CheckRefusal : public Error {
public:
    using Error::Error;
};

[[noreturn]] void refuse(const std::string& why);

std::string kind_name(Kind kind);  // "an integer", "text", "a condition", ...
bool is_numeric(Kind kind);
bool is_temporal(Kind kind);

// v's SQL, in parentheses when its precedence is below min_level.
std::string operand(const Value& v, int min_level);
Value make(std::string sql, Kind kind, int level);

// An int2/int4 as bigint: Postgres overflows where MySQL computes in BIGINT.
Value widen(Value v);

// A number as written: Integer (wide beyond int4), Exact with a point, Float with an exponent.
Value number_value(const std::string& text);

// The column as the DDL creates it; refuses a type no clause can use alike (boolean,
// jsonb, timestamptz, bytea, ...).
Value column_value(const CheckColumn& column, const std::string& mysql_name);

// Each refuses with "<op> applied to ..." or "<op> between ..." unless the operation
// reads the same in both systems.
void require_boolean(const Value& v, std::string_view op);
void require_numeric(const Value& v, std::string_view op);
void require_text(const Value& v, std::string_view op);
void require_text_comparison(const Value& l, const Value& r, std::string_view op);
void require_comparable(const Value& l, const Value& r, std::string_view op);
// A zero divisor gives NULL in MySQL and an error in Postgres.
void require_positive_integer_literal(const Value& v, std::string_view op);

}  // namespace m2pg::schema::check_values
