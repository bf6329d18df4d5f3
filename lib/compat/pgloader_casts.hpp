#pragma once
// pgloader's CAST clause, written so that the tables pgloader creates follow m2pg's type
// map (lib/convert/types.cpp) as far as pgloader can express it. Facts of pgloader 3.6
// that shape it (its source, src/sources/common/casting-rules.lisp, and runs of Debian's
// 3.6.7):
// - user rules come before its defaults and the first match wins;
// - a rule applies to an AUTO_INCREMENT column (or one with ON UPDATE CURRENT_TIMESTAMP)
//   only when it says "with extra ...", and a rule without one applies only to columns
//   without it, so those columns need rules of their own;
// - a rule keeps the MySQL typemod unless it says "drop typemod" (tinyint(1) → boolean
//   without it is "boolean(1)", a syntax error that aborts the whole schema);
// - a rule's "using" function is the only transformation applied: a rule without one
//   sends the MySQL text as is (binary columns must name byte-vector-to-bytea);
// - "when (...)" guards see the typemod's first number as precision and never match a
//   column that has no typemod.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "convert/types.hpp"
#include "model/catalog.hpp"

namespace m2pg::compat {

// A rule for one column, written before the type rules.
struct ColumnRule {
    std::string table;   // MySQL spelling
    std::string column;
    std::string pg_type;  // complete, typemod included ("timestamp(6)")
    std::string_view transform;  // a pgloader.transforms function, or empty
    bool drop_default = false;
    bool drop_not_null = false;
    std::string reason;  // one line, for a comment after the rule
    // With drop_default: the Postgres default to set after the load, where pgloader cannot
    // write MySQL's (it quotes current_timestamp(6) as a timestamp literal). Empty: none.
    std::string restore_default = {};
};

// The pgloader function that turns values decoded by `codec` into what m2pg copy writes,
// or "" when pgloader's raw text is already that.
std::string_view transform_for(convert::Codec codec);

// For TEXT that holds JSON (a profile casts it to json): NUL bytes stripped and an empty
// string, which no json column takes, written as {} (what the app reads it as). A lambda,
// which pgloader 3.6 accepts after "using".
inline constexpr std::string_view kTextToJson =
    "(lambda (value) (let ((kept (remove-null-characters value))) (if (and kept (string= kept \"\")) \"{}\" kept)))";

struct CastClause {
    std::string text;  // the rules, one per line, indented, comma-separated, with comments
    std::vector<std::string> warnings;  // rules left out because pgloader cannot spell a name
};

// The whole list after CAST: the column rules in order, then the type rules. A column
// rule naming something pgloader's grammar cannot write is left out and warned about.
CastClause render_cast_rules(const std::vector<ColumnRule>& column_rules);

// The Postgres type the type rules give `column` the way pgloader applies them (serial
// types as the integer type they are), or nullopt when none matches and pgloader's own
// defaults decide. `data_type` is what pgloader reads from information_schema, which for a
// MariaDB JSON column is longtext, not the json the catalog reader reports.
std::optional<std::string> type_rule_result(const model::Column& column);

}  // namespace m2pg::compat
