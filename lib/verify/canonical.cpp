#include "verify/canonical.hpp"

#include <string_view>

#include "target/postgres/identifier.hpp"
#include "source/mysql/connection.hpp"
#include "util/error.hpp"

namespace m2pg::verify {

namespace {

using convert::Codec;

enum class SourceKind { Any, Float, Text };  // what the MySQL column is, where it matters
enum class Post { None, FloatBits };  // applied to both expressions

// One row of the canonical table. Placeholders: {c} the quoted column, {w} bit(n)'s n,
// {t} (digest templates only) the text expression of the same row. An empty digest means
// the text itself goes into the row text; a digest keeps wide values (text, blobs,
// geometry, JSON) out of the row text and the packet limits.
struct Rule {
    Codec codec;
    SourceKind source;
    const char* target;  // target_base() of the Postgres column; "" matches any
    const char* mysql_text;
    const char* pg_text;
    const char* mysql_digest;
    const char* pg_digest;
    Post post = Post::None;
};

// MySQL zero and partial-zero dates are NULL in Postgres (copy nulls them, counted).
#define M2PG_ZERO_DATE "YEAR({c}) = 0 OR MONTH({c}) = 0 OR DAY({c}) = 0"
// Copy strips NUL bytes from text (Postgres text cannot hold them).
#define M2PG_MYSQL_TEXT "REPLACE(CAST({c} AS CHAR), CHAR(0 USING utf8mb4), '')"

// First matching row wins.
const Rule kRules[] = {
    // Integers: `+ 0` drops ZEROFILL padding and prints YEAR as a number; unsigned stays
    // unsigned (bigint unsigned 18446744073709551615 prints whole). numeric targets may
    // carry a scale (numeric(20,2) prints 5.00), trim_scale takes it away.
    {Codec::Int, SourceKind::Any, "numeric", "CAST({c} + 0 AS CHAR)", "trim_scale({c})::text", "", ""},
    {Codec::Int, SourceKind::Any, "", "CAST({c} + 0 AS CHAR)", "({c})::text", "", ""},
    {Codec::Year, SourceKind::Any, "", "CAST({c} + 0 AS CHAR)", "({c})::text", "", ""},
    // tinyint(1) and bit(1) → boolean: 1/0 on both sides (a MySQL 2 reads 2 and differs).
    {Codec::Bool, SourceKind::Any, "", "CAST({c} + 0 AS CHAR)", "({c})::int::text", "", ""},
    {Codec::BitBool, SourceKind::Any, "", "CAST({c} + 0 AS CHAR)", "({c})::int::text", "", ""},
    // decimal(p,s) → numeric: the value without trailing fraction zeros, so a target with
    // another scale compares by value.
    {Codec::Decimal, SourceKind::Any, "",
     "IF(LOCATE('.', CAST({c} AS CHAR)) > 0, TRIM(TRAILING '.' FROM TRIM(TRAILING '0' FROM CAST({c} AS CHAR))), "
     "CAST({c} AS CHAR))",
     "trim_scale({c})::text", "", ""},
    // FLOAT is read as DOUBLE by copy and rounds back to the same float4 in Postgres, so
    // both sides see the float's exact double value; an integer going into real is
    // rounded to float first, as Postgres did. The value is compared as its binary
    // mantissa and exponent (mysql_float_bits): the two servers print some doubles with
    // different, equally exact digits (3.172230058817275e16 vs 3.1722300588172752e+16).
    {Codec::Float, SourceKind::Float, "", "CAST({c} AS DOUBLE)", "({c})::float8", "", "", Post::FloatBits},
    {Codec::Float, SourceKind::Any, "", "CAST(CAST({c} AS FLOAT) AS DOUBLE)", "({c})::float8", "", "",
     Post::FloatBits},
    {Codec::Double, SourceKind::Any, "", "CAST({c} AS DOUBLE)", "({c})::float8", "", "", Post::FloatBits},
    // Text: CAST AS CHAR converts any MySQL charset (latin1, ...) to utf8mb4 and prints
    // enum labels, UUID and INET6 values and JSON text as copy read them. char(n) targets
    // pad, and their text drops trailing spaces: so does the MySQL side.
    {Codec::Text, SourceKind::Any, "bpchar", "TRIM(TRAILING ' ' FROM " M2PG_MYSQL_TEXT ")", "({c})::text",
     "MD5({t})", "md5({t})"},
    {Codec::Text, SourceKind::Any, "", M2PG_MYSQL_TEXT, "({c})::text", "MD5({t})", "md5({t})"},
    {Codec::Enum, SourceKind::Any, "", M2PG_MYSQL_TEXT, "({c})::text", "MD5({t})", "md5({t})"},
    // Bytes: the raw bytes; a text column going into bytea went as its utf8mb4 bytes.
    {Codec::Bytes, SourceKind::Text, "", "LOWER(HEX(CAST({c} AS CHAR)))", "encode({c}, 'hex')",
     "MD5(CAST({c} AS CHAR))", "md5({c})"},
    {Codec::Bytes, SourceKind::Any, "", "LOWER(HEX({c}))", "encode({c}, 'hex')", "MD5({c})", "md5({c})"},
    // Geometry: copy reads ST_AsBinary (WKB, little-endian), into bytea or PostGIS.
    {Codec::Geometry, SourceKind::Any, "geometry", "LOWER(HEX(ST_AsBinary({c})))", "encode(ST_AsBinary({c}), 'hex')",
     "MD5(ST_AsBinary({c}))", "md5(ST_AsBinary({c}))"},
    {Codec::Geometry, SourceKind::Any, "", "LOWER(HEX(ST_AsBinary({c})))", "encode({c}, 'hex')",
     "MD5(ST_AsBinary({c}))", "md5({c})"},
    // Dates: zero dates are NULL; Postgres values MySQL cannot hold (BC, infinity) print
    // as ::text, which never matches a MySQL rendering.
    {Codec::Date, SourceKind::Any, "", "IF(" M2PG_ZERO_DATE ", NULL, DATE_FORMAT({c}, '%Y-%m-%d'))",
     "CASE WHEN isfinite({c}) AND {c} >= DATE '0001-01-01' THEN to_char({c}, 'YYYY-MM-DD') ELSE ({c})::text END",
     "", ""},
    {Codec::DateTime, SourceKind::Any, "",
     "IF(" M2PG_ZERO_DATE ", NULL, DATE_FORMAT({c}, '%Y-%m-%d %H:%i:%s.%f'))",
     "CASE WHEN isfinite({c}) AND {c} >= TIMESTAMP '0001-01-01' THEN to_char({c}, 'YYYY-MM-DD HH24:MI:SS.US') "
     "ELSE ({c})::text END",
     "", ""},
    // timestamptz: the MySQL session reads in UTC and copy wrote "+00", so compare in UTC.
    {Codec::Timestamp, SourceKind::Any, "",
     "IF(" M2PG_ZERO_DATE ", NULL, DATE_FORMAT({c}, '%Y-%m-%d %H:%i:%s.%f'))",
     "CASE WHEN isfinite({c}) AND {c} >= TIMESTAMPTZ '0001-01-01 00:00:00+00' "
     "THEN to_char({c} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') ELSE ({c})::text END",
     "", ""},
    // TIME → interval (or time): the signed length in microseconds. extract(epoch) is exact
    // numeric on PostgreSQL 14+.
    {Codec::MysqlTime, SourceKind::Any, "", "CAST(CAST(TIME_TO_SEC({c}) * 1000000 AS SIGNED) AS CHAR)",
     "(extract(epoch FROM {c}) * 1000000)::bigint::text", "", ""},
    // bit(n) → bit varying(n): the n binary digits.
    {Codec::Bit, SourceKind::Any, "", "LPAD(BIN({c} + 0), {w}, '0')", "({c})::text", "", ""},
    // set → text[]: member count, then the members joined by ',' (MySQL forbids commas in
    // set members), so {} and {""} differ.
    {Codec::Set, SourceKind::Any, "",
     "CONCAT(IF({c} = '', 0, LENGTH({c}) - LENGTH(REPLACE({c}, ',', '')) + 1), ':', CAST({c} AS CHAR))",
     "cardinality({c})::text || ':' || array_to_string({c}, ',', '\\N')", "", ""},
    // JSON → jsonb (or json): jsonb's own text; MySQL's side is computed client-side.
    {Codec::Json, SourceKind::Any, "", "CAST({c} AS CHAR)", "({c})::jsonb::text", "", "md5({t})"},
    // JSON array → Postgres array: to_jsonb renders the array as the JSON array it came
    // from (strings re-escaped, numbers as numeric prints them), which is what jsonb prints
    // for the MySQL document, computed client-side.
    {Codec::JsonArray, SourceKind::Any, "", "CAST({c} AS CHAR)", "to_jsonb({c})::text", "", "md5({t})"},
    {Codec::Uuid, SourceKind::Any, "", "LOWER(CAST({c} AS CHAR))", "({c})::text", "", ""},
    // inet: host() drops a full-length mask (/32, /128) that ::text would print.
    {Codec::Inet, SourceKind::Any, "", "CAST({c} AS CHAR)",
     "CASE WHEN masklen({c}) = CASE family({c}) WHEN 4 THEN 32 ELSE 128 END THEN host({c}) ELSE ({c})::text END", "",
     ""},
};

#undef M2PG_ZERO_DATE
#undef M2PG_MYSQL_TEXT

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// The Postgres base type of a format_type() text, as far as the rules care.
std::string target_base(const std::string& target_type) {
    if (starts_with(target_type, "numeric")) return "numeric";
    if (starts_with(target_type, "character varying")) return "varchar";
    if (starts_with(target_type, "character") || starts_with(target_type, "bpchar")) return "bpchar";
    if (starts_with(target_type, "geometry")) return "geometry";
    return target_type;
}

SourceKind source_kind(const std::string& source_type) {
    if (starts_with(source_type, "float")) return SourceKind::Float;
    for (const char* text : {"char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum", "set", "json"})
        if (starts_with(source_type, text)) return SourceKind::Text;
    return SourceKind::Any;
}

std::string fill(std::string_view tpl, const std::string& column, int width, const std::string& text = {}) {
    std::string out;
    for (std::size_t i = 0; i < tpl.size(); ++i) {
        if (tpl[i] == '{' && i + 2 < tpl.size() && tpl[i + 2] == '}') {
            const char name = tpl[i + 1];
            if (name == 'c' || name == 'w' || name == 't') {
                out += name == 'c' ? column : name == 'w' ? std::to_string(width) : text;
                i += 2;
                continue;
            }
        }
        out += tpl[i];
    }
    return out;
}

}  // namespace

std::string mysql_float_bits(const std::string& x) {
    const std::string a = "ABS(" + x + ")";
    // LOG2 is computed as a quotient of logarithms and may be one off near powers of two:
    // the ratio to POW(2, e0) (exact for integer exponents) corrects it. The lower clamps
    // keep POW away from underflow and overflow (MariaDB fails on both).
    const std::string e0 = "LEAST(GREATEST(FLOOR(LOG2(" + a + ")), -1074), 1023)";
    const std::string r = "(" + a + " / POW(2, " + e0 + "))";
    const std::string e = "GREATEST(" + e0 + " - (" + r + " < 1) + (" + r + " >= 2), -1022)";
    const std::string m = "CAST(" + a + " / POW(2, " + e + " - 52) AS UNSIGNED)";
    return "IF(" + a + " = 0, '0', CONCAT(IF(" + x + " < 0, '-', ''), " + m + ", 'p', CAST(" + e + " AS SIGNED)))";
}

std::string pg_float_bits(const std::string& x) {
    const std::string bits = "(('x' || encode(float8send(" + x + "), 'hex'))::bit(64)::bigint)";
    const std::string field = "((" + bits + " >> 52) & 2047)";
    const std::string mantissa = "(" + bits + " & 4503599627370495)";
    return "CASE WHEN " + x + " = 0 THEN '0' ELSE CASE WHEN " + x + " < 0 THEN '-' ELSE '' END || CASE WHEN " + field +
           " = 0 THEN " + mantissa + " ELSE " + mantissa + " + 4503599627370496 END::text || 'p' || CASE WHEN " +
           field + " = 0 THEN -1022 ELSE " + field + " - 1023 END::text END";
}

ColumnCanon canonical_column(const schema::ColumnPair& pair) {
    const std::string base = target_base(pair.target_type);
    const SourceKind kind = source_kind(pair.source_type);
    for (const Rule& rule : kRules) {
        if (rule.codec != pair.codec) continue;
        if (rule.source != SourceKind::Any && rule.source != kind) continue;
        if (*rule.target != '\0' && base != rule.target) continue;
        const std::string mysql_col = source::mysql::quote_ident(pair.source);
        const std::string pg_col = target::postgres::quote_ident(pair.target);
        ColumnCanon c;
        c.column = pair.source;
        c.mysql_text = fill(rule.mysql_text, mysql_col, pair.bit_width);
        c.pg_text = fill(rule.pg_text, pg_col, pair.bit_width);
        if (rule.post == Post::FloatBits) {
            c.mysql_text = mysql_float_bits(c.mysql_text);
            c.pg_text = pg_float_bits(c.pg_text);
        }
        c.mysql_hash = *rule.mysql_digest ? fill(rule.mysql_digest, mysql_col, pair.bit_width, c.mysql_text) : c.mysql_text;
        c.pg_hash = *rule.pg_digest ? fill(rule.pg_digest, pg_col, pair.bit_width, c.pg_text) : c.pg_text;
        c.client_side = pair.codec == Codec::Json || pair.codec == Codec::JsonArray;
        // Copy wrote {} for '' in these columns (the profile's [empty_json]).
        if (pair.empty_json_as_object)
            c.mysql_text = "IF(OCTET_LENGTH(" + mysql_col + ") = 0, '{}', " + c.mysql_text + ")";
        return c;
    }
    throw Error("internal: verify has no canonical form for " + pair.source + " (" + pair.source_type + " → " +
                pair.target_type + ", codec " + std::string(convert::codec_name(pair.codec)) + ")");
}

TableCanon canonical_table(const schema::TablePair& pair) {
    TableCanon t;
    for (const auto& column : pair.columns) {
        t.columns.push_back(canonical_column(column));
        t.client_side = t.client_side || t.columns.back().client_side;
    }
    // key_columns index the source table's columns; pair.columns follows the same order
    // (pair_table fails on a column it cannot pair), but match by name to be sure.
    if (pair.source)
        for (std::size_t k : pair.key_columns)
            for (std::size_t i = 0; i < pair.columns.size(); ++i)
                if (pair.columns[i].source == pair.source->columns[k].name) t.key.push_back(i);
    return t;
}

std::string mysql_field(const std::string& expr) {
    const std::string b = "CAST(" + expr + " AS BINARY)";
    return "IFNULL(CONCAT(LENGTH(" + b + "), ':', " + b + "), 'N')";
}

std::string pg_field(const std::string& expr) {
    const std::string v = "(" + expr + ")";
    return "COALESCE(octet_length(" + v + ")::text || ':' || " + v + ", 'N')";
}

void append_field(const char* data, std::size_t len, std::string& row_text) {
    if (data == nullptr) {
        row_text += 'N';
        return;
    }
    row_text += std::to_string(len);
    row_text += ':';
    row_text.append(data, len);
}

std::string mysql_row_text(const TableCanon& table) {
    std::string out = "CONCAT(";
    for (std::size_t i = 0; i < table.columns.size(); ++i)
        out += (i ? ", " : "") + mysql_field(table.columns[i].mysql_hash);
    return out + ")";
}

std::string pg_row_text(const TableCanon& table) {
    std::string out;
    for (std::size_t i = 0; i < table.columns.size(); ++i)
        out += (i ? " || " : "") + pg_field(table.columns[i].pg_hash);
    return "(" + out + ")";
}

std::string mysql_key_text(const TableCanon& table) {
    if (table.key.empty()) return "''";
    std::string out = "CONCAT(";
    for (std::size_t i = 0; i < table.key.size(); ++i)
        out += (i ? ", " : "") + mysql_field(table.columns[table.key[i]].mysql_text);
    return out + ")";
}

std::string pg_key_text(const TableCanon& table) {
    if (table.key.empty()) return "''";
    std::string out;
    for (std::size_t i = 0; i < table.key.size(); ++i)
        out += (i ? " || " : "") + pg_field(table.columns[table.key[i]].pg_text);
    return "(" + out + ")";
}

std::string display_key(const std::string& key_text, const std::vector<std::string>& names) {
    std::string out;
    std::size_t pos = 0;
    for (std::size_t i = 0; pos < key_text.size(); ++i) {
        std::string value;
        if (key_text[pos] == 'N') {
            value = "NULL";
            ++pos;
        } else {
            const std::size_t colon = key_text.find(':', pos);
            std::size_t len = 0;
            bool ok = colon != std::string::npos && colon > pos;
            for (std::size_t j = pos; ok && j < colon; ++j) {
                if (key_text[j] < '0' || key_text[j] > '9') ok = false;
                else len = len * 10 + static_cast<std::size_t>(key_text[j] - '0');
            }
            if (!ok || colon + 1 + len > key_text.size()) return key_text;
            value = key_text.substr(colon + 1, len);
            pos = colon + 1 + len;
        }
        if (!out.empty()) out += ", ";
        out += (i < names.size() ? names[i] : "?") + "=" + value;
    }
    return out;
}

}  // namespace m2pg::verify
