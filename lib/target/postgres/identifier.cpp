#include "target/postgres/identifier.hpp"

#include <fmt/format.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <iterator>
#include <cstdint>

#include "util/error.hpp"

namespace m2pg::target::postgres {

namespace {

// PostgreSQL 15 keywords outside the UNRESERVED category, as
// `SELECT word FROM pg_get_keywords() WHERE catcode <> 'U'` lists them; the same set
// Postgres' own quote_ident() quotes (151 words). Sorted for binary search.
constexpr std::string_view kQuotedKeywords[] = {
    "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric",
    "authorization", "between", "bigint", "binary", "bit", "boolean", "both", "case", "cast",
    "char", "character", "check", "coalesce", "collate", "collation", "column", "concurrently",
    "constraint", "create", "cross", "current_catalog", "current_date", "current_role",
    "current_schema", "current_time", "current_timestamp", "current_user", "dec", "decimal",
    "default", "deferrable", "desc", "distinct", "do", "else", "end", "except", "exists",
    "extract", "false", "fetch", "float", "for", "foreign", "freeze", "from", "full", "grant",
    "greatest", "group", "grouping", "having", "ilike", "in", "initially", "inner", "inout",
    "int", "integer", "intersect", "interval", "into", "is", "isnull", "join", "lateral",
    "leading", "least", "left", "like", "limit", "localtime", "localtimestamp", "national",
    "natural", "nchar", "none", "normalize", "not", "notnull", "null", "nullif", "numeric",
    "offset", "on", "only", "or", "order", "out", "outer", "overlaps", "overlay", "placing",
    "position", "precision", "primary", "real", "references", "returning", "right", "row",
    "select", "session_user", "setof", "similar", "smallint", "some", "substring", "symmetric",
    "table", "tablesample", "then", "time", "timestamp", "to", "trailing", "treat", "trim",
    "true", "union", "unique", "user", "using", "values", "varchar", "variadic", "verbose",
    "when", "where", "window", "with", "xmlattributes", "xmlconcat", "xmlelement",
    "xmlexists", "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot",
    "xmlserialize", "xmltable",
};

bool is_plain(std::string_view name) {
    if (name.empty()) return false;
    auto lower_or_underscore = [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; };
    if (!lower_or_underscore(name.front())) return false;
    return std::all_of(name.begin(), name.end(), [&](char c) {
        return lower_or_underscore(c) || (c >= '0' && c <= '9');
    });
}

bool is_utf8_continuation(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

}  // namespace

bool is_quoted_keyword(std::string_view word) {
    return std::binary_search(std::begin(kQuotedKeywords), std::end(kQuotedKeywords), word);
}

std::string target_name(std::string_view mysql_name, IdentifierCase policy) {
    if (policy == IdentifierCase::Preserve) return std::string(mysql_name);
    bool is_ascii = std::all_of(mysql_name.begin(), mysql_name.end(),
                                [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (is_ascii) {
        std::string out(mysql_name);
        for (char& c : out)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        return out;
    }
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(
        icu::StringPiece(mysql_name.data(), static_cast<int32_t>(mysql_name.size())));
    text.toLower(icu::Locale::getRoot());
    std::string out;
    text.toUTF8String(out);
    return out;
}

std::string quote_ident(std::string_view name) {
    if (name.empty()) throw ConvertError(Where{}, "empty identifier");
    if (name.find('\0') != std::string_view::npos)
        throw ConvertError(Where{}, "identifier contains a NUL byte");
    if (is_plain(name) && !is_quoted_keyword(name)) return std::string(name);
    std::string out = "\"";
    for (char c : name) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string quote_literal(std::string_view value) {
    if (value.find('\0') != std::string_view::npos)
        throw ConvertError(Where{}, "a Postgres string literal cannot hold a NUL byte");
    std::string out = "'";
    for (char c : value) {
        if (c == '\'') out += '\'';
        out += c;
    }
    return out + "'";
}

void require_identifier_fits(std::string_view name, std::string_view what) {
    if (name.size() > kMaxIdentifierBytes)
        throw ConvertError(Where{}, std::string(what) + " name '" + std::string(name) + "' is " +
                                        std::to_string(name.size()) +
                                        " bytes; Postgres identifiers hold at most 63");
}

std::string short_hash(std::string_view text) {
    std::uint32_t hash = 2166136261u;
    for (char c : text) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 16777619u;
    }
    return fmt::format("{:08x}", hash);
}

std::string fit_identifier(std::string_view name) {
    if (name.size() <= kMaxIdentifierBytes) return std::string(name);
    std::size_t keep = kMaxIdentifierBytes - 9;  // "_" + 8 hex digits
    while (keep > 0 && is_utf8_continuation(name[keep])) --keep;
    return std::string(name.substr(0, keep)) + "_" + short_hash(name);
}

}  // namespace m2pg::target::postgres
