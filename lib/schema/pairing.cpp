#include "schema/pairing.hpp"

#include <algorithm>

#include "model/row_key.hpp"
#include "source/mysql/connection.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace m2pg::schema {

namespace {

using convert::Codec;

// Which source codecs can go into a Postgres base type, and the codec that does it.
// The first row whose target matches and whose source list holds the source codec wins;
// kAnySource rows accept every codec not caught before them.
struct PairRule {
    const char* target_base;  // pg_type.typname
    std::vector<Codec> sources;
    Codec codec;
};

const std::vector<Codec> kAnySource = {};
const std::vector<Codec> kIntegers = {Codec::Int, Codec::Year, Codec::Bool};
const std::vector<Codec> kTexts = {Codec::Text, Codec::Enum, Codec::Json, Codec::Uuid, Codec::Inet};

const std::vector<PairRule>& rules() {
    static const std::vector<PairRule> table = {
        {"bool", {Codec::Bool, Codec::Int}, Codec::Bool},  // tinyint → boolean: 0/1 only, else an error
        {"bool", {Codec::BitBool}, Codec::BitBool},
        {"int2", kIntegers, Codec::Int},
        {"int4", kIntegers, Codec::Int},
        {"int8", kIntegers, Codec::Int},
        {"numeric", {Codec::Int, Codec::Decimal, Codec::Year, Codec::Bool}, Codec::Int},
        {"float4", {Codec::Float, Codec::Int}, Codec::Float},
        {"float8", {Codec::Float, Codec::Double, Codec::Int}, Codec::Double},
        {"text", kTexts, Codec::Text},
        {"varchar", kTexts, Codec::Text},
        {"bpchar", kTexts, Codec::Text},
        {"citext", kTexts, Codec::Text},
        {"jsonb", {Codec::Json, Codec::Text}, Codec::Json},
        {"json", {Codec::Json, Codec::Text}, Codec::Json},
        {"bytea", {Codec::Bytes, Codec::Text}, Codec::Bytes},
        {"bytea", {Codec::Geometry}, Codec::Geometry},
        {"date", {Codec::Date}, Codec::Date},
        {"timestamp", {Codec::DateTime, Codec::Timestamp}, Codec::DateTime},
        // DATETIME has no zone; the session reads TIMESTAMP in UTC, so both are UTC instants.
        {"timestamptz", {Codec::DateTime, Codec::Timestamp}, Codec::Timestamp},
        {"interval", {Codec::MysqlTime}, Codec::MysqlTime},
        {"time", {Codec::MysqlTime}, Codec::MysqlTime},  // Postgres rejects values outside 0..24h
        {"varbit", {Codec::Bit}, Codec::Bit},
        {"bit", {Codec::Bit}, Codec::Bit},
        {"_text", {Codec::Set}, Codec::Set},
        {"_varchar", {Codec::Set}, Codec::Set},
        {"uuid", {Codec::Uuid, Codec::Text}, Codec::Uuid},
        {"inet", {Codec::Inet, Codec::Text}, Codec::Inet},
        {"geometry", {Codec::Geometry}, Codec::Geometry},
    };
    return table;
}

}  // namespace

convert::ArrayElement array_element(const TargetColumn& target) {
    return convert::array_element_for(target.element_type, target.max_chars.value_or(0),
                                      target.numeric_precision.has_value(), target.type);
}

convert::Codec codec_for(const convert::Mapping& source, const TargetColumn& target, const std::string& table,
                         const std::string& column) {
    // A Postgres enum reads the label text: MySQL enum or text values must be labels.
    if (target.is_enum && (source.codec == Codec::Enum || source.codec == Codec::Text)) return Codec::Text;
    // A JSON array of scalars (json, or text holding JSON) into an array of an element type
    // that holds JSON's scalars exactly (convert/json_array.hpp); each value is checked.
    if (target.is_array() && (source.codec == Codec::Json || source.codec == Codec::Text)) {
        if (array_element(target).kind != convert::ArrayElementKind::None) return Codec::JsonArray;
        throw ConvertError(Where{table, column, ""},
                           "no exact conversion from JSON array elements into Postgres " + target.type +
                               " (JSON arrays go into text, varchar(n), integer and numeric arrays); change the "
                               "target column or add a profile cast");
    }
    // Decimal values keep their digits whatever the numeric target; Int covers "pass through".
    if (target.base_type == "numeric" && source.codec == Codec::Decimal) return Codec::Decimal;
    for (const auto& rule : rules()) {
        if (target.base_type != rule.target_base) continue;
        if (std::find(rule.sources.begin(), rule.sources.end(), source.codec) != rule.sources.end())
            return rule.codec;
    }
    throw ConvertError(Where{table, column, ""},
                       "no exact conversion from MySQL " + source.pg_type + " values (" +
                           std::string(convert::codec_name(source.codec)) + ") into Postgres " + target.type +
                           "; change the target column or add a profile cast");
}

const TargetTable* find_target_table(const std::string& source_table, const std::vector<TargetTable>& targets) {
    for (const auto& t : targets)
        if (t.name == source_table) return &t;
    const TargetTable* found = nullptr;
    for (const auto& t : targets) {
        if (!util::ascii_iequals(t.name, source_table)) continue;
        if (found)
            throw StateError("MySQL table " + source_table + " matches both " + found->name + " and " + t.name +
                             " in Postgres; rename one or pass --tables");
        found = &t;
    }
    return found;
}

const TargetColumn* find_target_column(const TargetTable& target, const std::string& source_column) {
    for (const auto& c : target.columns)
        if (c.name == source_column) return &c;
    for (const auto& c : target.columns)
        if (util::ascii_iequals(c.name, source_column)) return &c;
    return nullptr;
}

TablePair pair_table(const model::Table& source, const std::vector<TargetTable>& targets,
                     const convert::TypeConfig& types) {
    const TargetTable* target = find_target_table(source.name, targets);
    if (!target)
        throw StateError("MySQL table " + source.name +
                         " has no table in the target: create it first (m2pg schema, or --create-tables) or "
                         "--exclude it");

    TablePair pair;
    std::vector<std::string> problems;  // every column's, so one run shows them all
    pair.source = &source;
    pair.target_schema = target->schema;
    pair.target_name = target->name;
    for (const auto& column : source.columns) {
        const TargetColumn* it = find_target_column(*target, column.name);
        if (!it) {
            problems.push_back(ConvertError(Where{source.name, column.name, ""}, "the target table " + target->name +
                                                                                    " has no such column; its data would be lost")
                                   .what());
            continue;
        }
        ColumnPair cp;
        convert::Mapping mapping;
        try {
            mapping = convert::map_column(types, source.name, column);
            cp.codec = codec_for(mapping, *it, source.name, column.name);
        } catch (const ConvertError& e) {
            problems.push_back(e.what());
            continue;
        }
        cp.source = column.name;
        cp.target = it->name;
        cp.source_type = column.column_type;
        cp.target_type = it->type;
        if (cp.codec == Codec::JsonArray) cp.array_element = array_element(*it);
        cp.empty_json_as_object =
            cp.codec == Codec::Json && convert::writes_empty_json_as_object(types, source.name, column.name);
        if (cp.codec == Codec::Bit) cp.bit_width = static_cast<int>(column.numeric_precision.value_or(1));
        cp.select_expr = source::mysql::quote_ident(column.name);
        // MySQL's internal geometry is a 4-byte SRID then WKB; ST_AsBinary gives plain WKB.
        if (mapping.codec == Codec::Geometry) cp.select_expr = "ST_AsBinary(" + cp.select_expr + ")";
        // MariaDB prints FLOAT with 6 significant digits (16777217 reads back as 16777200);
        // as DOUBLE it prints the float's exact value, which Postgres rounds back to the same float.
        if (mapping.codec == Codec::Float) cp.select_expr = "CAST(" + cp.select_expr + " AS DOUBLE)";
        pair.columns.push_back(std::move(cp));
    }
    if (!problems.empty()) throw ConvertError(Where{}, util::join(problems, "\n  "));
    for (const auto& key : model::row_key_columns(source))
        for (std::size_t i = 0; i < source.columns.size(); ++i)
            if (source.columns[i].name == key) pair.key_columns.push_back(i);
    return pair;
}

}  // namespace m2pg::schema
