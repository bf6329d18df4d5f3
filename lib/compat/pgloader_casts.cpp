#include "compat/pgloader_casts.hpp"

#include <cctype>

#include "compat/pgloader_names.hpp"
#include "util/text.hpp"

namespace m2pg::compat {

namespace {

enum class Extra { None, AutoIncrement, OnUpdate };
enum class Guard { Any, Unsigned, Width0, Width1, HasTypemod };
enum class Typemod { Drop, Keep };

struct TypeRule {
    std::string_view mysql_type;
    Extra extra;
    Guard guard;
    std::string_view pg_type;
    Typemod typemod;
    std::string_view options;    // more cast options, e.g. "drop default"
    std::string_view transform;  // pgloader.transforms function
    std::string_view comment;    // written above the rule when not empty
};

constexpr std::string_view kNul = "remove-null-characters";
constexpr std::string_view kZeroDate = "zero-dates-to-null";
constexpr std::string_view kBytes = "byte-vector-to-bytea";
// MariaDB reports a nullable column's missing default as the string NULL, which pgloader
// writes into a bytea column as DEFAULT '\x4e554c4c' (the bytes of "NULL").
constexpr std::string_view kNoDefault = "drop default";

constexpr Extra kAI = Extra::AutoIncrement;
constexpr Extra kNo = Extra::None;
constexpr Extra kUpd = Extra::OnUpdate;

// First matching rule wins, in pgloader as in lib/convert/types.cpp. Unsigned before
// signed for every integer type: bigint unsigned must never reach a bigint rule.
constexpr TypeRule kTypeRules[] = {
    {"tinyint", kNo, Guard::Width1, "boolean", Typemod::Drop, "", "tinyint-to-boolean",
     "integers: tinyint(1) only is boolean; unsigned widens one step; AUTO_INCREMENT needs its own rules"},
    {"tinyint", kAI, Guard::Any, "smallserial", Typemod::Drop, "", "", ""},
    {"tinyint", kNo, Guard::Any, "smallint", Typemod::Drop, "", "", ""},
    {"smallint", kAI, Guard::Unsigned, "serial", Typemod::Drop, "", "", ""},
    {"smallint", kNo, Guard::Unsigned, "integer", Typemod::Drop, "", "", ""},
    {"smallint", kAI, Guard::Any, "smallserial", Typemod::Drop, "", "", ""},
    {"smallint", kNo, Guard::Any, "smallint", Typemod::Drop, "", "", ""},
    {"mediumint", kAI, Guard::Any, "serial", Typemod::Drop, "", "", ""},
    {"mediumint", kNo, Guard::Any, "integer", Typemod::Drop, "", "", ""},
    {"int", kAI, Guard::Unsigned, "bigserial", Typemod::Drop, "", "", ""},
    {"int", kNo, Guard::Unsigned, "bigint", Typemod::Drop, "", "", ""},
    {"int", kAI, Guard::Any, "serial", Typemod::Drop, "", "", ""},
    {"int", kNo, Guard::Any, "integer", Typemod::Drop, "", "", ""},
    // Every bigint unsigned value fits numeric(20); bigserial would overflow above 2^63.
    {"bigint", kAI, Guard::Unsigned, "numeric(20)", Typemod::Drop, "", "", ""},
    {"bigint", kNo, Guard::Unsigned, "numeric(20)", Typemod::Drop, "", "", ""},
    {"bigint", kAI, Guard::Any, "bigserial", Typemod::Drop, "", "", ""},
    {"bigint", kNo, Guard::Any, "bigint", Typemod::Drop, "", "", ""},
    {"decimal", kNo, Guard::Any, "numeric", Typemod::Keep, "", "", "numbers"},
    {"float", kNo, Guard::Any, "real", Typemod::Drop, "", "", ""},
    {"double", kNo, Guard::Any, "double precision", Typemod::Drop, "", "", ""},
    {"char", kNo, Guard::Width0, "varchar", Typemod::Drop, "", kNul,
     "text: NUL bytes stripped (Postgres text cannot hold them); char(n) is varchar(n)"},
    {"char", kNo, Guard::Any, "varchar", Typemod::Keep, "", kNul, ""},
    {"varchar", kNo, Guard::Width0, "varchar", Typemod::Drop, "", kNul, ""},
    {"varchar", kNo, Guard::Any, "varchar", Typemod::Keep, "", kNul, ""},
    {"tinytext", kNo, Guard::Any, "text", Typemod::Drop, "", kNul, ""},
    {"text", kNo, Guard::Any, "text", Typemod::Drop, "", kNul, ""},
    {"mediumtext", kNo, Guard::Any, "text", Typemod::Drop, "", kNul, ""},
    {"longtext", kNo, Guard::Any, "text", Typemod::Drop, "", kNul, ""},
    {"json", kNo, Guard::Any, "jsonb", Typemod::Drop, "", kNul, "MySQL 8 json (MariaDB's are column rules above)"},
    {"enum", kNo, Guard::Any, "text", Typemod::Drop, "", "", "enum and set: text and text[], not enum types"},
    {"set", kNo, Guard::Any, "text[]", Typemod::Drop, "", "set-to-enum-array", ""},
    {"binary", kNo, Guard::Any, "bytea", Typemod::Drop, kNoDefault, kBytes, "bytes"},
    {"varbinary", kNo, Guard::Any, "bytea", Typemod::Drop, kNoDefault, kBytes, ""},
    {"tinyblob", kNo, Guard::Any, "bytea", Typemod::Drop, kNoDefault, kBytes, ""},
    {"blob", kNo, Guard::Any, "bytea", Typemod::Drop, kNoDefault, kBytes, ""},
    {"mediumblob", kNo, Guard::Any, "bytea", Typemod::Drop, kNoDefault, kBytes, ""},
    {"longblob", kNo, Guard::Any, "bytea", Typemod::Drop, kNoDefault, kBytes, ""},
    {"date", kNo, Guard::Any, "date", Typemod::Drop, "", kZeroDate,
     "dates: zero and partial-zero dates become NULL; datetime is timestamp(n), timestamp is timestamptz(n)"},
    {"datetime", kUpd, Guard::HasTypemod, "timestamp", Typemod::Keep, "", kZeroDate, ""},
    {"datetime", kUpd, Guard::Any, "timestamp(0)", Typemod::Drop, "", kZeroDate, ""},
    {"datetime", kNo, Guard::HasTypemod, "timestamp", Typemod::Keep, "", kZeroDate, ""},
    {"datetime", kNo, Guard::Any, "timestamp(0)", Typemod::Drop, "", kZeroDate, ""},
    {"timestamp", kUpd, Guard::HasTypemod, "timestamptz", Typemod::Keep, "", kZeroDate, ""},
    {"timestamp", kUpd, Guard::Any, "timestamptz(0)", Typemod::Drop, "", kZeroDate, ""},
    {"timestamp", kNo, Guard::HasTypemod, "timestamptz", Typemod::Keep, "", kZeroDate, ""},
    {"timestamp", kNo, Guard::Any, "timestamptz(0)", Typemod::Drop, "", kZeroDate, ""},
    {"time", kNo, Guard::Any, "interval", Typemod::Drop, "", "", "MySQL time spans -838:59:59 to 838:59:59"},
    {"year", kNo, Guard::Any, "smallint", Typemod::Drop, "", "", ""},
    {"bit", kNo, Guard::Width1, "boolean", Typemod::Drop, "", "bits-to-boolean",
     "bit(n) arrives padded to whole bytes: no length, or bit(12) rejects its 16 bits"},
    {"bit", kNo, Guard::Any, "bit varying", Typemod::Drop, "", "bits-to-hex-bitstring", ""},
    {"uuid", kNo, Guard::Any, "uuid", Typemod::Drop, "", "", "MariaDB 10.7+ and 10.10+ types"},
    {"inet4", kNo, Guard::Any, "inet", Typemod::Drop, "", "", ""},
    {"inet6", kNo, Guard::Any, "inet", Typemod::Drop, "", "", ""},
};

std::string_view extra_text(Extra extra) {
    switch (extra) {
        case Extra::None: return "";
        case Extra::AutoIncrement: return " with extra auto_increment";
        case Extra::OnUpdate: return " with extra on update current timestamp";
    }
    return "";
}

std::string_view guard_text(Guard guard) {
    switch (guard) {
        case Guard::Any: return "";
        case Guard::Unsigned: return " when unsigned";
        case Guard::Width0: return " when (= precision 0)";
        case Guard::Width1: return " when (= precision 1)";
        case Guard::HasTypemod: return " when (>= precision 0)";
    }
    return "";
}

std::string render(const TypeRule& rule) {
    std::string out = "type " + std::string(rule.mysql_type) + std::string(extra_text(rule.extra)) +
                      std::string(guard_text(rule.guard)) + " to " + *cast_type(rule.pg_type) +
                      (rule.typemod == Typemod::Drop ? " drop typemod" : " keep typemod");
    if (!rule.options.empty()) out += " " + std::string(rule.options);
    if (!rule.transform.empty()) out += " using " + std::string(rule.transform);
    return out;
}

std::optional<std::string> render(const ColumnRule& rule) {
    auto table = cast_name(rule.table);
    auto column = cast_name(rule.column);
    auto type = cast_type(rule.pg_type);
    if (!table || !column || !type) return std::nullopt;
    std::string out = "column " + *table + "." + *column + " to " + *type + " drop typemod";
    if (rule.drop_default) out += " drop default";
    if (rule.drop_not_null) out += " drop not null";
    if (!rule.transform.empty()) out += " using " + std::string(rule.transform);
    return out;
}

// A rule and its comment, in pgloader's comma-separated list.
struct Line {
    std::string rule;
    std::string comment_above;
    std::string comment_after;
};

std::string join_rules(const std::vector<Line>& lines) {
    std::string out;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const Line& line = lines[i];
        if (!line.comment_above.empty()) out += "    -- " + line.comment_above + "\n";
        out += "    " + line.rule + (i + 1 < lines.size() ? "," : "");
        if (!line.comment_after.empty()) out += "  -- " + line.comment_after;
        out += "\n";
    }
    if (!out.empty()) out.pop_back();
    return out;
}

// pgloader's parse-column-typemod: the numbers in the parentheses of COLUMN_TYPE.
struct Typemods {
    std::optional<long> precision;
    std::optional<long> scale;
};

Typemods parse_typemods(std::string_view column_type) {
    Typemods out;
    std::size_t open = column_type.find('(');
    if (open == std::string_view::npos) return out;
    std::size_t close = column_type.find(')', open);
    std::string_view inner = column_type.substr(open + 1, close - open - 1);
    auto number = [](std::string_view s) -> std::optional<long> {
        if (s.empty() || s.size() > 9) return std::nullopt;
        for (char c : s)
            if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
        return std::stol(std::string(s));
    };
    std::size_t comma = inner.find(',');
    out.precision = number(inner.substr(0, comma));
    if (comma != std::string_view::npos) out.scale = number(inner.substr(comma + 1));
    return out;
}

bool guard_matches(Guard guard, const Typemods& typemods, bool is_unsigned) {
    switch (guard) {
        case Guard::Any: return true;
        case Guard::Unsigned: return is_unsigned;
        case Guard::Width0: return typemods.precision == 0L;
        case Guard::Width1: return typemods.precision == 1L;
        case Guard::HasTypemod: return typemods.precision.has_value();
    }
    return false;
}

std::string_view serial_as_integer(std::string_view pg_type) {
    if (pg_type == "smallserial") return "smallint";
    if (pg_type == "serial") return "integer";
    if (pg_type == "bigserial") return "bigint";
    return pg_type;
}

}  // namespace

std::string_view transform_for(convert::Codec codec) {
    using convert::Codec;
    switch (codec) {
        case Codec::Bool: return "tinyint-to-boolean";
        case Codec::BitBool: return "bits-to-boolean";
        case Codec::Bit: return "bits-to-hex-bitstring";
        case Codec::Text:
        case Codec::Json: return kNul;
        case Codec::Bytes: return kBytes;
        case Codec::Date:
        case Codec::DateTime:
        case Codec::Timestamp: return kZeroDate;
        case Codec::Set: return "set-to-enum-array";
        case Codec::Int:
        case Codec::Decimal:
        case Codec::Float:
        case Codec::Double:
        case Codec::MysqlTime:
        case Codec::Year:
        case Codec::Enum:
        case Codec::Geometry:
        case Codec::JsonArray:
        case Codec::Uuid:
        case Codec::Inet: return "";
    }
    return "";
}

CastClause render_cast_rules(const std::vector<ColumnRule>& column_rules) {
    CastClause out;
    std::vector<Line> lines;
    for (const ColumnRule& rule : column_rules) {
        auto text = render(rule);
        if (!text) {
            out.warnings.push_back("no CAST rule for " + rule.table + "." + rule.column +
                                   ": pgloader's grammar cannot write a name holding both quote characters (" +
                                   rule.reason + ")");
            continue;
        }
        lines.push_back({*text, lines.empty() ? "columns the type rules cannot get right" : "", util::one_line(rule.reason)});
    }
    for (const TypeRule& rule : kTypeRules) lines.push_back({render(rule), std::string(rule.comment), ""});
    out.text = join_rules(lines);
    return out;
}

std::optional<std::string> type_rule_result(const model::Column& column) {
    const std::string type = util::ascii_lower(column.data_type);
    const std::string column_type = util::ascii_lower(column.column_type);
    const Typemods typemods = parse_typemods(column_type);
    const bool is_unsigned = column.is_unsigned || column_type.find("unsigned") != std::string::npos;
    const Extra extra = column.is_auto_increment             ? Extra::AutoIncrement
                        : column.on_update_current_timestamp ? Extra::OnUpdate
                                                             : Extra::None;
    for (const TypeRule& rule : kTypeRules) {
        if (rule.mysql_type != type || rule.extra != extra || !guard_matches(rule.guard, typemods, is_unsigned))
            continue;
        std::string pg_type(serial_as_integer(rule.pg_type));
        if (rule.typemod == Typemod::Keep && typemods.precision) {
            pg_type += "(" + std::to_string(*typemods.precision);
            if (typemods.scale) pg_type += "," + std::to_string(*typemods.scale);
            pg_type += ")";
        }
        return pg_type;
    }
    return std::nullopt;
}

}  // namespace m2pg::compat
