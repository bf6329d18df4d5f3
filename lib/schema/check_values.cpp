#include "schema/check_values.hpp"

#include <cctype>
#include <charconv>
#include <cstdint>
#include <limits>
#include <utility>

#include "schema/check_literals.hpp"
#include "util/text.hpp"

namespace m2pg::schema::check_values {

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

void refuse(const std::string& why) { throw CheckRefusal(why); }

std::string kind_name(Kind kind) {
    switch (kind) {
        case Kind::Boolean: return "a condition";
        case Kind::Integer: return "an integer";
        case Kind::Exact: return "a decimal";
        case Kind::Float: return "a float";
        case Kind::Text: return "text";
        case Kind::Date: return "a date";
        case Kind::Timestamp: return "a datetime";
        case Kind::Null: return "NULL";
    }
    return "a value";
}

bool is_numeric(Kind k) { return k == Kind::Integer || k == Kind::Exact || k == Kind::Float; }
bool is_temporal(Kind k) { return k == Kind::Date || k == Kind::Timestamp; }

std::string operand(const Value& v, int min_level) {
    return v.level >= min_level ? v.sql : "(" + v.sql + ")";
}

Value make(std::string sql, Kind kind, int level) {
    Value v;
    v.sql = std::move(sql);
    v.kind = kind;
    v.level = level;
    return v;
}

Value widen(Value v) {
    if (v.kind != Kind::Integer || v.is_wide) return v;
    v.sql = operand(v, kAtom) + "::bigint";
    v.level = kAtom;
    v.is_wide = true;
    return v;
}

Value number_value(const std::string& text) {
    Value v = make(text, Kind::Integer, kAtom);
    v.is_literal = true;
    if (text.find_first_of(".eE") != std::string::npos) {
        v.kind = text.find_first_of("eE") != std::string::npos ? Kind::Float : Kind::Exact;
        return v;
    }
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) v.kind = Kind::Exact;  // numeric in Postgres
    else v.is_wide = value > std::numeric_limits<std::int32_t>::max();
    return v;
}

Value column_value(const CheckColumn& c, const std::string& name) {
    const std::string type = util::ascii_lower(c.pg_type);
    const std::string base = type.substr(0, type.find('('));
    Value v = make(c.sql, Kind::Integer, kAtom);
    if (base == "smallint" || base == "int2" || base == "integer" || base == "int" || base == "int4") {
        v.kind = Kind::Integer;
    } else if (base == "bigint" || base == "int8") {
        v.is_wide = true;
    } else if (base == "numeric" || base == "decimal") {
        v.kind = Kind::Exact;
    } else if (base == "real" || base == "float4" || base == "double precision" || base == "float8") {
        v.kind = Kind::Float;
    } else if (base == "text" || base == "varchar" || base == "character varying" || base == "char" ||
               base == "character" || base == "bpchar") {
        v.kind = Kind::Text;
        const std::string collation = util::ascii_lower(c.collation);
        const bool exact = ends_with(collation, "_bin") || ends_with(collation, "_cs") || collation == "binary";
        v.origin = exact ? TextOrigin::Exact : TextOrigin::Insensitive;
        v.collation = c.collation.empty() ? "(unknown)" : c.collation;
    } else if (base == "date") {
        v.kind = Kind::Date;
    } else if (base == "timestamp" || type == "timestamp without time zone") {
        v.kind = Kind::Timestamp;
    } else {
        refuse("`" + name + "`, which becomes " + c.pg_type + " in Postgres");
    }
    return v;
}

void require_boolean(const Value& v, std::string_view op) {
    if (v.kind != Kind::Boolean)
        refuse(std::string(op) + " applied to " + kind_name(v.kind) +
               ", which MySQL reads as true or false and Postgres does not");
}
void require_numeric(const Value& v, std::string_view op) {
    if (!is_numeric(v.kind)) refuse(std::string(op) + " applied to " + kind_name(v.kind));
}
void require_text(const Value& v, std::string_view op) {
    if (v.kind != Kind::Text) refuse(std::string(op) + " applied to " + kind_name(v.kind));
}

void require_text_comparison(const Value& l, const Value& r, std::string_view op) {
    for (const Value* v : {&l, &r})
        if (v->origin == TextOrigin::Insensitive)
            refuse(std::string(op) + " on text under the collation " + v->collation +
                   ", which ignores case (or accents, or trailing spaces) in MySQL and not in Postgres");
    if (l.origin == TextOrigin::Literal && r.origin == TextOrigin::Literal)
        refuse(std::string(op) + " on two string literals, compared under the connection's collation in MySQL");
}

namespace {

void require_temporal_literal(const Value& temporal, const Value& literal, std::string_view op) {
    const bool ok = temporal.kind == Kind::Date ? is_plain_date(literal.text) : is_plain_datetime(literal.text);
    if (!literal.is_literal || !ok)
        refuse(std::string(op) + " between " + kind_name(temporal.kind) + " and " +
               (literal.is_literal ? "'" + literal.text + "'" : std::string("text")) +
               ", which Postgres does not read as " + kind_name(temporal.kind));
}

}  // namespace

void require_comparable(const Value& l, const Value& r, std::string_view op) {
    if (l.kind == Kind::Null && r.kind == Kind::Null) refuse(std::string(op) + " between two NULLs");
    if (l.kind == Kind::Null || r.kind == Kind::Null) return;
    if (is_numeric(l.kind) && is_numeric(r.kind)) return;
    if (l.kind == Kind::Text && r.kind == Kind::Text) return require_text_comparison(l, r, op);
    if (is_temporal(l.kind) && is_temporal(r.kind)) return;
    if (is_temporal(l.kind) && r.kind == Kind::Text) return require_temporal_literal(l, r, op);
    if (is_temporal(r.kind) && l.kind == Kind::Text) return require_temporal_literal(r, l, op);
    refuse(std::string(op) + " between " + kind_name(l.kind) + " and " + kind_name(r.kind) +
           ", which MySQL converts and Postgres rejects");
}

void require_positive_integer_literal(const Value& v, std::string_view op) {
    if (!v.is_literal || v.kind != Kind::Integer || v.sql.find_first_not_of("0123456789") != std::string::npos ||
        v.sql.find_first_not_of('0') == std::string::npos)
        refuse(std::string(op) + " by something other than a positive integer constant");
}

}  // namespace m2pg::schema::check_values
