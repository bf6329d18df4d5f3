#include "convert/types.hpp"

#include <algorithm>
#include <cctype>
#include <fnmatch.h>
#include <optional>

#include "util/error.hpp"
#include "util/text.hpp"

namespace m2pg::convert {

namespace {

// COLUMN_TYPE taken apart: "decimal(10,2) unsigned zerofill" → decimal, {10, 2}, unsigned.
struct MysqlType {
    std::string name;               // DATA_TYPE (json when the catalog says so)
    std::vector<std::string> args;  // numeric modifiers; empty for enum and set
    bool is_unsigned = false;
    bool is_zerofill = false;
};

using Predicate = bool (*)(const TypeConfig&, const MysqlType&);

struct TypeRule {
    std::string_view mysql_type;  // DATA_TYPE
    Predicate when;
    std::string_view pg_type;     // {1}, {2}: COLUMN_TYPE modifiers; {fsp}: {1} or 0
    Codec codec;
    std::string_view note;
};

std::optional<long> arg_number(const MysqlType& t, std::size_t i) {
    if (t.args.size() <= i || t.args[i].empty()) return std::nullopt;
    if (!std::all_of(t.args[i].begin(), t.args[i].end(),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }))
        return std::nullopt;
    return std::stol(t.args[i]);
}

bool any(const TypeConfig&, const MysqlType&) { return true; }
bool is_unsigned(const TypeConfig&, const MysqlType& t) { return t.is_unsigned; }
bool is_width_one(const MysqlType& t) { return t.args.size() == 1 && arg_number(t, 0) == 1; }
bool tinyint_as_boolean(const TypeConfig& c, const MysqlType& t) {
    return c.tinyint1_as_boolean && is_width_one(t);
}
bool unsigned_as_numeric(const TypeConfig& c, const MysqlType& t) {
    return t.is_unsigned && c.bigint_unsigned == BigintUnsignedPolicy::Numeric;
}
// FLOAT(p) with 24 < p <= 53 is a DOUBLE in MySQL; FLOAT(M,D) stays single precision.
bool float_is_double(const TypeConfig&, const MysqlType& t) {
    return t.args.size() == 1 && arg_number(t, 0).value_or(0) > 24;
}
bool char_as_char(const TypeConfig& c, const MysqlType&) { return c.char_type == CharPolicy::Char; }
bool zero_length(const TypeConfig&, const MysqlType& t) { return arg_number(t, 0) == 0; }
bool json_as_json(const TypeConfig& c, const MysqlType&) { return c.json == JsonPolicy::Json; }
bool bit_as_boolean(const TypeConfig& c, const MysqlType& t) {
    return c.bit == BitPolicy::Bit1AsBoolean && is_width_one(t);
}
bool postgis(const TypeConfig& c, const MysqlType&) { return c.spatial == SpatialPolicy::PostGis; }

constexpr std::string_view kZeroDate = "zero and partial-zero dates become NULL";
constexpr std::string_view kBigintPolicy =
    "bigint unsigned stored as bigint by policy: a value above 9223372036854775807 fails the copy";
constexpr std::string_view kJsonb = "jsonb does not keep key order, duplicate keys or whitespace";
constexpr std::string_view kWkb = "stored as WKB in bytea: the SRID is not kept";

// First matching row wins; profile overrides are consulted before this table.
constexpr TypeRule kRules[] = {
//   mysql          when                 postgres                       codec
    {"tinyint",    tinyint_as_boolean,  "boolean",                     Codec::Bool, ""},
    {"tinyint",    any,                 "smallint",                    Codec::Int, ""},
    {"smallint",   is_unsigned,         "integer",                     Codec::Int, ""},  // unsigned widens one step
    {"smallint",   any,                 "smallint",                    Codec::Int, ""},
    {"mediumint",  any,                 "integer",                     Codec::Int, ""},
    {"int",        is_unsigned,         "bigint",                      Codec::Int, ""},
    {"int",        any,                 "integer",                     Codec::Int, ""},
    {"bigint",     unsigned_as_numeric, "numeric(20)",                 Codec::Decimal, ""},
    {"bigint",     is_unsigned,         "bigint",                      Codec::Int, kBigintPolicy},
    {"bigint",     any,                 "bigint",                      Codec::Int, ""},
    {"decimal",    any,                 "numeric({1},{2})",            Codec::Decimal, ""},
    {"float",      float_is_double,     "double precision",            Codec::Double, ""},
    {"float",      any,                 "real",                        Codec::Float, ""},
    {"double",     any,                 "double precision",            Codec::Double, ""},
    // Postgres has no varchar(0); CHAR(0) holds only '' or NULL.
    {"char",       zero_length,         "varchar",                     Codec::Text, ""},
    {"char",       char_as_char,        "char({1})",                   Codec::Text, ""},
    {"char",       any,                 "varchar({1})",                Codec::Text, ""},
    {"varchar",    zero_length,         "varchar",                     Codec::Text, ""},
    {"varchar",    any,                 "varchar({1})",                Codec::Text, ""},
    {"tinytext",   any,                 "text",                        Codec::Text, ""},
    {"text",       any,                 "text",                        Codec::Text, ""},
    {"mediumtext", any,                 "text",                        Codec::Text, ""},
    {"longtext",   any,                 "text",                        Codec::Text, ""},
    {"json",       json_as_json,        "json",                        Codec::Json, ""},
    {"json",       any,                 "jsonb",                       Codec::Json, kJsonb},
    {"binary",     any,                 "bytea",                       Codec::Bytes, ""},
    {"varbinary",  any,                 "bytea",                       Codec::Bytes, ""},
    {"tinyblob",   any,                 "bytea",                       Codec::Bytes, ""},
    {"blob",       any,                 "bytea",                       Codec::Bytes, ""},
    {"mediumblob", any,                 "bytea",                       Codec::Bytes, ""},
    {"longblob",   any,                 "bytea",                       Codec::Bytes, ""},
    {"date",       any,                 "date",                        Codec::Date, kZeroDate},
    {"datetime",   any,                 "timestamp({fsp})",            Codec::DateTime, kZeroDate},
    {"timestamp",  any,                 "timestamptz({fsp})",          Codec::Timestamp, kZeroDate},
    {"time",       any,                 "interval",                    Codec::MysqlTime, ""},  // spans ±838:59:59
    {"year",       any,                 "smallint",                    Codec::Year, ""},
    {"bit",        bit_as_boolean,      "boolean",                     Codec::BitBool, ""},
    {"bit",        any,                 "bit varying({1})",            Codec::Bit, ""},
    {"enum",       any,                 "text",                        Codec::Enum, ""},  // + CHECK in DDL
    {"set",        any,                 "text[]",                      Codec::Set, ""},
    {"geometry",           postgis,     "geometry",                    Codec::Geometry, ""},
    {"point",              postgis,     "geometry(Point)",             Codec::Geometry, ""},
    {"linestring",         postgis,     "geometry(LineString)",        Codec::Geometry, ""},
    {"polygon",            postgis,     "geometry(Polygon)",           Codec::Geometry, ""},
    {"multipoint",         postgis,     "geometry(MultiPoint)",        Codec::Geometry, ""},
    {"multilinestring",    postgis,     "geometry(MultiLineString)",   Codec::Geometry, ""},
    {"multipolygon",       postgis,     "geometry(MultiPolygon)",      Codec::Geometry, ""},
    {"geometrycollection", postgis,     "geometry(GeometryCollection)", Codec::Geometry, ""},
    {"geomcollection",     postgis,     "geometry(GeometryCollection)", Codec::Geometry, ""},  // MySQL 8 name
    {"geometry",           any,         "bytea",                       Codec::Geometry, kWkb},
    {"point",              any,         "bytea",                       Codec::Geometry, kWkb},
    {"linestring",         any,         "bytea",                       Codec::Geometry, kWkb},
    {"polygon",            any,         "bytea",                       Codec::Geometry, kWkb},
    {"multipoint",         any,         "bytea",                       Codec::Geometry, kWkb},
    {"multilinestring",    any,         "bytea",                       Codec::Geometry, kWkb},
    {"multipolygon",       any,         "bytea",                       Codec::Geometry, kWkb},
    {"geometrycollection", any,         "bytea",                       Codec::Geometry, kWkb},
    {"geomcollection",     any,         "bytea",                       Codec::Geometry, kWkb},
    {"uuid",       any,                 "uuid",                        Codec::Uuid, ""},  // MariaDB 10.7+
    {"inet4",      any,                 "inet",                        Codec::Inet, ""},  // MariaDB 10.10+
    {"inet6",      any,                 "inet",                        Codec::Inet, ""},
};

// Index of the ')' closing the '(' at `open`, skipping quoted enum/set members.
std::size_t closing_paren(std::string_view s, std::size_t open) {
    char quote = 0;
    for (std::size_t i = open + 1; i < s.size(); ++i) {
        char c = s[i];
        if (quote) {
            if (c == '\\') ++i;
            else if (c == quote) {
                if (i + 1 < s.size() && s[i + 1] == quote) ++i;
                else quote = 0;
            }
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == ')') {
            return i;
        }
    }
    return std::string_view::npos;
}

MysqlType parse_type(std::string_view table, const model::Column& column) {
    std::string type = util::ascii_lower(column.column_type);
    MysqlType out;
    std::size_t end = type.find_first_of("( ");
    std::string base = type.substr(0, end);
    out.name = column.data_type.empty() ? base : util::ascii_lower(column.data_type);
    std::size_t rest = end;
    if (end != std::string::npos && type[end] == '(') {
        std::size_t close = closing_paren(type, end);
        if (close == std::string::npos)
            throw ConvertError(Where{std::string(table), column.name, ""},
                               "malformed MySQL type '" + column.column_type + "'");
        if (base != "enum" && base != "set") {
            std::string inner = type.substr(end + 1, close - end - 1);
            std::size_t from = 0;
            while (true) {
                std::size_t comma = inner.find(',', from);
                std::string arg = inner.substr(from, comma - from);
                arg.erase(std::remove(arg.begin(), arg.end(), ' '), arg.end());
                out.args.push_back(arg);
                if (comma == std::string::npos) break;
                from = comma + 1;
            }
        }
        rest = close + 1;
    }
    std::string words = rest == std::string::npos ? "" : type.substr(rest);
    out.is_unsigned = column.is_unsigned || words.find("unsigned") != std::string::npos;
    out.is_zerofill = column.is_zerofill || words.find("zerofill") != std::string::npos;
    return out;
}

std::string expand(std::string_view pattern, const MysqlType& t, std::string_view table,
                   const model::Column& column) {
    std::string out;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] != '{') {
            out += pattern[i];
            continue;
        }
        std::size_t close = pattern.find('}', i);
        std::string_view key = pattern.substr(i + 1, close - i - 1);
        i = close;
        std::optional<long> value;
        if (key == "fsp") value = t.args.empty() ? 0L : arg_number(t, 0);
        else value = arg_number(t, static_cast<std::size_t>(key[0] - '1'));
        if (!value)
            throw ConvertError(Where{std::string(table), column.name, ""},
                               "MySQL type '" + column.column_type + "' lacks the modifiers of " +
                                   std::string(pattern));
        out += std::to_string(*value);
    }
    return out;
}

const TypeRule* find_rule(const TypeConfig& config, const MysqlType& t) {
    for (const TypeRule& rule : kRules)
        if (rule.mysql_type == t.name && rule.when(config, t)) return &rule;
    return nullptr;
}

enum class PgFamily { Boolean, Integer, Numeric, Float, Double, Text, TextArray, Bytes, Json, Other };

PgFamily pg_family(std::string_view pg_type) {
    std::string base = util::ascii_lower(pg_type.substr(0, pg_type.find('(')));
    while (!base.empty() && base.back() == ' ') base.pop_back();
    static const std::map<std::string, PgFamily, std::less<>> kFamilies = {
        {"boolean", PgFamily::Boolean},  {"bool", PgFamily::Boolean},
        {"smallint", PgFamily::Integer}, {"integer", PgFamily::Integer},
        {"int", PgFamily::Integer},      {"bigint", PgFamily::Integer},
        {"int2", PgFamily::Integer},     {"int4", PgFamily::Integer},
        {"int8", PgFamily::Integer},     {"numeric", PgFamily::Numeric},
        {"decimal", PgFamily::Numeric},  {"real", PgFamily::Float},
        {"float4", PgFamily::Float},     {"double precision", PgFamily::Double},
        {"float8", PgFamily::Double},    {"text", PgFamily::Text},
        {"varchar", PgFamily::Text},     {"character varying", PgFamily::Text},
        {"char", PgFamily::Text},        {"character", PgFamily::Text},
        {"bpchar", PgFamily::Text},      {"citext", PgFamily::Text},
        {"text[]", PgFamily::TextArray}, {"bytea", PgFamily::Bytes},
        {"json", PgFamily::Json},        {"jsonb", PgFamily::Json},
    };
    auto it = kFamilies.find(base);
    return it == kFamilies.end() ? PgFamily::Other : it->second;
}

// The codec decodes MySQL values, so it follows the MySQL type; only where the override
// changes what a value means (0/1 as a number or a truth value, a set as text or array)
// does it switch.
Codec codec_for_override(Codec mysql_codec, PgFamily family) {
    switch (family) {
        case PgFamily::Boolean:
            if (mysql_codec == Codec::Int) return Codec::Bool;
            if (mysql_codec == Codec::Bit) return Codec::BitBool;
            return mysql_codec;
        case PgFamily::Integer:
            if (mysql_codec == Codec::Bool) return Codec::Int;
            if (mysql_codec == Codec::BitBool) return Codec::Bit;
            if (mysql_codec == Codec::Decimal) return Codec::Int;
            return mysql_codec;
        case PgFamily::Text:
            return mysql_codec == Codec::Set ? Codec::Text : mysql_codec;
        default:
            return mysql_codec;
    }
}

std::optional<Codec> codec_for_family(PgFamily family) {
    switch (family) {
        case PgFamily::Boolean: return Codec::Bool;
        case PgFamily::Integer: return Codec::Int;
        case PgFamily::Numeric: return Codec::Decimal;
        case PgFamily::Float: return Codec::Float;
        case PgFamily::Double: return Codec::Double;
        case PgFamily::Text: return Codec::Text;
        case PgFamily::Bytes: return Codec::Bytes;
        case PgFamily::Json: return Codec::Json;
        default: return std::nullopt;
    }
}

const std::string* find_override(const TypeConfig& config, std::string_view table,
                                 const std::string& column) {
    const std::string key = std::string(table) + "." + column;
    for (const auto& [name, pg_type] : config.column_overrides)
        if (util::ascii_iequals(name, key)) return &pg_type;
    return nullptr;
}

// The override goes into DDL verbatim, so only type-name characters are allowed.
void check_override(std::string_view table, const model::Column& column,
                    const std::string& pg_type) {
    bool ok = !pg_type.empty() && std::all_of(pg_type.begin(), pg_type.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
               std::string_view(" _(),.[]\"").find(c) != std::string_view::npos;
    });
    if (!ok)
        throw UsageError("column override for " + std::string(table) + "." + column.name +
                         ": '" + pg_type + "' is not a Postgres type name");
}

void add_note(std::string& notes, std::string_view note) {
    if (note.empty()) return;
    if (!notes.empty()) notes += "; ";
    notes += note;
}

}  // namespace

std::string unescape_mysql_string(std::string_view body) {
    std::string out;
    out.reserve(body.size());
    for (std::size_t i = 0; i < body.size(); ++i) {
        char c = body[i];
        if (c == '\'' && i + 1 < body.size() && body[i + 1] == '\'') {
            out += '\'';
            ++i;
        } else if (c == '\\' && i + 1 < body.size()) {
            char e = body[++i];
            switch (e) {
                case '0': out += '\0'; break;
                case 'b': out += '\b'; break;
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                case 'Z': out += '\x1a'; break;
                case '%': out += "\\%"; break;  // MySQL keeps these for LIKE patterns
                case '_': out += "\\_"; break;
                default: out += e; break;
            }
        } else {
            out += c;
        }
    }
    return out;
}

std::vector<std::string> parse_enum_values(std::string_view column_type) {
    std::size_t open = column_type.find('(');
    auto fail = [&]() {
        return ConvertError(Where{}, "malformed enum/set type '" + std::string(column_type) + "'");
    };
    if (open == std::string_view::npos) throw fail();
    std::vector<std::string> values;
    std::size_t i = open + 1;
    while (true) {
        while (i < column_type.size() && column_type[i] == ' ') ++i;
        if (i < column_type.size() && column_type[i] == ')' && values.empty()) break;
        if (i >= column_type.size() || column_type[i] != '\'') throw fail();
        std::size_t start = ++i;
        for (;; ++i) {
            if (i >= column_type.size()) throw fail();
            if (column_type[i] == '\\') ++i;
            else if (column_type[i] == '\'') {
                if (i + 1 < column_type.size() && column_type[i + 1] == '\'') ++i;
                else break;
            }
        }
        values.push_back(unescape_mysql_string(column_type.substr(start, i - start)));
        ++i;
        while (i < column_type.size() && column_type[i] == ' ') ++i;
        if (i < column_type.size() && column_type[i] == ',') {
            ++i;
            continue;
        }
        if (i < column_type.size() && column_type[i] == ')') break;
        throw fail();
    }
    return values;
}

Mapping map_column(const TypeConfig& config, std::string_view table_name,
                   const model::Column& column) {
    MysqlType type = parse_type(table_name, column);
    const TypeRule* rule = find_rule(config, type);
    const std::string* override_type = find_override(config, table_name, column.name);

    Mapping out;
    if (type.name == "enum" || type.name == "set") {
        try {
            out.enum_values = parse_enum_values(column.column_type);
        } catch (ConvertError& e) {
            throw ConvertError(Where{std::string(table_name), column.name, ""}, e.what());
        }
    }
    if (override_type) {
        check_override(table_name, column, *override_type);
        PgFamily family = pg_family(*override_type);
        std::optional<Codec> codec =
            rule ? codec_for_override(rule->codec, family) : codec_for_family(family);
        if (!codec)
            throw ConvertError(Where{std::string(table_name), column.name, ""},
                               "unsupported MySQL type '" + column.column_type +
                                   "' and no codec for its override '" + *override_type + "'");
        out.pg_type = *override_type;
        out.codec = *codec;
        out.is_override = true;
        if (rule && rule->codec == out.codec) add_note(out.note, rule->note);
    } else {
        if (!rule)
            throw ConvertError(Where{std::string(table_name), column.name, ""},
                               "unsupported MySQL type '" + column.column_type + "'");
        out.pg_type = expand(rule->pg_type, type, table_name, column);
        out.codec = rule->codec;
        add_note(out.note, rule->note);
    }

    bool is_date = out.codec == Codec::Date || out.codec == Codec::DateTime ||
                   out.codec == Codec::Timestamp;
    // With a zero-date default the DDL drops NOT NULL (schema/defaults.cpp), so such rows copy.
    bool has_zero_default = column.default_value && column.default_value->rfind("'0000-00-00", 0) == 0;
    if (is_date && !column.is_nullable && !has_zero_default && !out.note.empty())
        out.note += " (the column is NOT NULL, so such a row fails the copy)";
    if (!column.generation_expression.empty())
        add_note(out.note, "generated column (" + column.generation_expression +
                               ") becomes a plain column: values are copied, later writes "
                               "do not recompute it");
    if (column.on_update_current_timestamp)
        add_note(out.note, "ON UPDATE CURRENT_TIMESTAMP is not kept (needs a trigger)");
    if (type.is_zerofill) add_note(out.note, "ZEROFILL display padding is not kept");
    return out;
}

bool writes_empty_json_as_object(const TypeConfig& config, std::string_view table, std::string_view column) {
    const std::string name = std::string(table) + "." + std::string(column);
    return std::any_of(config.empty_json_as_object.begin(), config.empty_json_as_object.end(),
                       [&](const std::string& pattern) {
                           return ::fnmatch(pattern.c_str(), name.c_str(), FNM_CASEFOLD) == 0;
                       });
}

std::string_view codec_name(Codec codec) {
    switch (codec) {
        case Codec::Bool: return "Bool";
        case Codec::Int: return "Int";
        case Codec::Decimal: return "Decimal";
        case Codec::Float: return "Float";
        case Codec::Double: return "Double";
        case Codec::Text: return "Text";
        case Codec::Bytes: return "Bytes";
        case Codec::Date: return "Date";
        case Codec::DateTime: return "DateTime";
        case Codec::Timestamp: return "Timestamp";
        case Codec::MysqlTime: return "MysqlTime";
        case Codec::Year: return "Year";
        case Codec::Bit: return "Bit";
        case Codec::BitBool: return "BitBool";
        case Codec::Enum: return "Enum";
        case Codec::Set: return "Set";
        case Codec::Json: return "Json";
        case Codec::JsonArray: return "JsonArray";
        case Codec::Geometry: return "Geometry";
        case Codec::Uuid: return "Uuid";
        case Codec::Inet: return "Inet";
    }
    return "?";
}

}  // namespace m2pg::convert
