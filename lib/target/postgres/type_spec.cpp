#include "target/postgres/type_spec.hpp"

#include <algorithm>
#include <map>

#include "target/postgres/identifier.hpp"

namespace m2pg::target::postgres {

namespace {

// Spellings of the built-in types → pg_type.typname. Multi-word spellings (double
// precision, character varying, timestamp with time zone) are joined before the lookup.
const std::map<std::string, std::string, std::less<>>& builtin_names() {
    static const std::map<std::string, std::string, std::less<>> names = {
        {"smallint", "int2"}, {"int2", "int2"}, {"integer", "int4"}, {"int", "int4"}, {"int4", "int4"},
        {"bigint", "int8"}, {"int8", "int8"}, {"smallserial", "int2"}, {"serial2", "int2"}, {"serial", "int4"},
        {"serial4", "int4"}, {"bigserial", "int8"}, {"serial8", "int8"}, {"real", "float4"}, {"float4", "float4"},
        {"double precision", "float8"}, {"float8", "float8"}, {"float", "float8"}, {"numeric", "numeric"},
        {"decimal", "numeric"}, {"dec", "numeric"}, {"boolean", "bool"}, {"bool", "bool"}, {"text", "text"},
        {"varchar", "varchar"}, {"character varying", "varchar"}, {"char varying", "varchar"},
        {"nchar varying", "varchar"}, {"national character varying", "varchar"}, {"character", "bpchar"},
        {"char", "bpchar"}, {"nchar", "bpchar"}, {"national character", "bpchar"}, {"bpchar", "bpchar"},
        {"bytea", "bytea"}, {"json", "json"}, {"jsonb", "jsonb"}, {"uuid", "uuid"}, {"inet", "inet"},
        {"cidr", "cidr"}, {"macaddr", "macaddr"}, {"macaddr8", "macaddr8"}, {"date", "date"},
        {"time", "time"}, {"time without time zone", "time"}, {"time with time zone", "timetz"},
        {"timetz", "timetz"}, {"timestamp", "timestamp"}, {"timestamp without time zone", "timestamp"},
        {"timestamp with time zone", "timestamptz"}, {"timestamptz", "timestamptz"}, {"interval", "interval"},
        {"money", "money"}, {"xml", "xml"}, {"tsvector", "tsvector"}, {"tsquery", "tsquery"}, {"oid", "oid"},
        {"name", "name"}, {"bit", "bit"}, {"bit varying", "varbit"}, {"varbit", "varbit"}, {"point", "point"},
        {"line", "line"}, {"lseg", "lseg"}, {"box", "box"}, {"path", "path"}, {"polygon", "polygon"},
        {"circle", "circle"}, {"int4range", "int4range"}, {"int8range", "int8range"}, {"numrange", "numrange"},
        {"tsrange", "tsrange"}, {"tstzrange", "tstzrange"}, {"daterange", "daterange"}, {"regclass", "regclass"},
    };
    return names;
}

// format_type()'s spelling of a typname without its typmod.
std::string display_name(const std::string& typname) {
    static const std::map<std::string, std::string, std::less<>> names = {
        {"int2", "smallint"}, {"int4", "integer"}, {"int8", "bigint"}, {"float4", "real"},
        {"float8", "double precision"}, {"bool", "boolean"}, {"varchar", "character varying"},
        {"bpchar", "character"}, {"varbit", "bit varying"}, {"timestamp", "timestamp without time zone"},
        {"timestamptz", "timestamp with time zone"}, {"time", "time without time zone"},
        {"timetz", "time with time zone"},
    };
    auto it = names.find(typname);
    return it == names.end() ? typname : it->second;
}

bool is_serial(const std::string& spelling) {
    return spelling.find("serial") != std::string::npos;
}

}  // namespace

TypeSpec array_of(const TypeSpec& element) {
    TypeSpec t = element;
    t.format += "[]";
    t.element = element.typname;
    t.typname = "_" + element.typname;
    return t;
}

std::optional<TypeSpec> read_type(const std::vector<SqlToken>& tokens, std::size_t& pos, std::size_t end) {
    auto word_at = [&](std::size_t i, std::string_view w) { return i < end && tokens[i].is(w); };
    std::size_t i = pos;
    if (i >= end || (tokens[i].kind != SqlTokenKind::Word && tokens[i].kind != SqlTokenKind::QuotedName)) return std::nullopt;
    // A schema-qualified name: the schema is left out (the caller models one schema).
    while (i + 2 < end && tokens[i + 1].is_symbol(".") &&
           (tokens[i + 2].kind == SqlTokenKind::Word || tokens[i + 2].kind == SqlTokenKind::QuotedName))
        i += 2;
    const bool quoted = tokens[i].kind == SqlTokenKind::QuotedName;
    std::string spelling = tokens[i++].text;
    if (!quoted) {
        if ((spelling == "double" && word_at(i, "precision")) ||
            ((spelling == "character" || spelling == "char" || spelling == "nchar" || spelling == "bit") &&
             word_at(i, "varying")))
            spelling += " " + tokens[i++].text;
        else if (spelling == "national" && word_at(i, "character")) {
            spelling += " " + tokens[i++].text;
            if (word_at(i, "varying")) spelling += " " + tokens[i++].text;
        }
    }
    std::vector<std::int64_t> args;
    auto read_args = [&] {
        if (i >= end || !tokens[i].is_symbol("(")) return;
        ++i;
        while (i < end && !tokens[i].is_symbol(")")) {
            if (tokens[i].kind == SqlTokenKind::Number) args.push_back(std::stoll(tokens[i].text));
            ++i;
        }
        if (i < end) ++i;
    };
    std::string interval_fields;
    read_args();
    if (!quoted && (spelling == "timestamp" || spelling == "time")) {
        if (word_at(i, "with") && word_at(i + 1, "time") && word_at(i + 2, "zone")) {
            spelling += " with time zone";
            i += 3;
        } else if (word_at(i, "without") && word_at(i + 1, "time") && word_at(i + 2, "zone")) {
            i += 3;
        }
    } else if (!quoted && spelling == "interval") {
        static const std::vector<std::string> kFields = {"year", "month", "day", "hour", "minute", "second", "to"};
        while (i < end && tokens[i].kind == SqlTokenKind::Word &&
               std::find(kFields.begin(), kFields.end(), tokens[i].text) != kFields.end())
            interval_fields += " " + tokens[i++].text;
        read_args();
    }

    TypeSpec t;
    const auto& builtins = builtin_names();
    auto known = quoted ? builtins.end() : builtins.find(spelling);
    if (known == builtins.end()) {
        t.is_builtin = false;
        t.typname = spelling;
        t.format = quote_ident(spelling);
    } else {
        t.typname = known->second;
        t.is_serial = is_serial(spelling);
        if (spelling == "float" && !args.empty()) t.typname = args[0] <= 24 ? "float4" : "float8";
        std::string typmod;
        if (t.typname == "varchar" || t.typname == "bpchar" || t.typname == "bit" || t.typname == "varbit") {
            // char and bit alone mean one character or bit; bpchar alone has no limit.
            if (args.empty() && (t.typname == "bit" || (t.typname == "bpchar" && spelling != "bpchar"))) args = {1};
            if (!args.empty()) {
                typmod = "(" + std::to_string(args[0]) + ")";
                if (t.typname == "varchar" || t.typname == "bpchar") t.max_chars = args[0];
            }
        } else if (t.typname == "numeric" && !args.empty()) {
            t.numeric_precision = args[0];
            t.numeric_scale = args.size() > 1 ? args[1] : 0;
            typmod = "(" + std::to_string(*t.numeric_precision) + "," + std::to_string(*t.numeric_scale) + ")";
        } else if (!args.empty() && t.typname != "float4" && t.typname != "float8") {
            typmod = "(" + std::to_string(args[0]) + ")";
        }
        const std::string shown = display_name(t.typname);
        if (t.typname == "bpchar" && typmod.empty()) {
            t.format = "bpchar";
        } else if (t.typname == "timestamp" || t.typname == "timestamptz" || t.typname == "time" || t.typname == "timetz") {
            // The precision goes after the first word: "timestamp(3) with time zone".
            const auto space = shown.find(' ');
            t.format = shown.substr(0, space) + typmod + shown.substr(space);
        } else {
            t.format = shown + interval_fields + typmod;
        }
    }
    bool array = false;
    for (;;) {
        if (i < end && tokens[i].is_symbol("[")) {
            while (i < end && !tokens[i].is_symbol("]")) ++i;
            if (i < end) ++i;
            array = true;
        } else if (word_at(i, "array")) {
            ++i;
            array = true;
        } else {
            break;
        }
    }
    pos = i;
    return array ? array_of(t) : t;
}

}  // namespace m2pg::target::postgres
