#include "copy/value_checks.hpp"

#include <optional>
#include <utility>

#include "source/mysql/connection.hpp"
#include "util/text.hpp"

namespace m2pg::copy {

namespace {

using convert::Codec;

// Integers as decimal text: bigint unsigned does not fit a signed 64-bit number.
struct Range {
    std::string min;
    std::string max;
};

std::optional<Range> mysql_integer_range(const model::Column& c) {
    const std::string t = util::ascii_lower(c.data_type);
    if (t == "tinyint") return c.is_unsigned ? Range{"0", "255"} : Range{"-128", "127"};
    if (t == "smallint") return c.is_unsigned ? Range{"0", "65535"} : Range{"-32768", "32767"};
    if (t == "mediumint") return c.is_unsigned ? Range{"0", "16777215"} : Range{"-8388608", "8388607"};
    if (t == "int" || t == "integer") return c.is_unsigned ? Range{"0", "4294967295"} : Range{"-2147483648", "2147483647"};
    if (t == "bigint")
        return c.is_unsigned ? Range{"0", "18446744073709551615"} : Range{"-9223372036854775808", "9223372036854775807"};
    return std::nullopt;
}

std::optional<Range> pg_integer_range(const std::string& base_type) {
    if (base_type == "int2") return Range{"-32768", "32767"};
    if (base_type == "int4") return Range{"-2147483648", "2147483647"};
    if (base_type == "int8") return Range{"-9223372036854775808", "9223372036854775807"};
    return std::nullopt;
}

// a < b for integers written in decimal without leading zeros.
bool less(const std::string& a, const std::string& b) {
    const bool na = a[0] == '-', nb = b[0] == '-';
    if (na != nb) return na;
    const std::string ma = na ? a.substr(1) : a, mb = nb ? b.substr(1) : b;
    const bool magnitude_less = ma.size() != mb.size() ? ma.size() < mb.size() : ma < mb;
    const bool equal = ma == mb;
    return na ? !magnitude_less && !equal : magnitude_less;
}

bool is_date(const model::Column& c) {
    const std::string t = util::ascii_lower(c.data_type);
    return t == "date" || t == "datetime" || t == "timestamp";
}

std::string hex_literal(const std::string& bytes) {
    static const char* kDigits = "0123456789ABCDEF";
    std::string out = "X'";
    for (unsigned char b : bytes) {
        out += kDigits[b >> 4];
        out += kDigits[b & 15];
    }
    return out + "'";
}

std::string quoted_labels(const std::vector<std::string>& labels) {
    std::vector<std::string> quoted;
    for (const auto& l : labels) quoted.push_back("'" + l + "'");
    return util::join(quoted, ", ");
}

const model::Column* source_column(const schema::TablePair& pair, const std::string& name) {
    for (const auto& c : pair.source->columns)
        if (c.name == name) return &c;
    return nullptr;
}

}  // namespace

std::string label_bytes(const std::string& q) {
    return "CAST(REPLACE(CONVERT(" + q + " USING utf8mb4), CHAR(0 USING utf8mb4), '') AS BINARY)";
}

std::vector<ValueCheck> plan_value_checks(const schema::TablePair& pair, const target::postgres::TargetTable& target) {
    std::vector<ValueCheck> checks;
    for (std::size_t i = 0; i < pair.columns.size(); ++i) {
        const auto& cp = pair.columns[i];
        const auto* source = source_column(pair, cp.source);
        const auto* column = target.find_column(cp.target);
        if (!source || !column) continue;
        const std::string q = source::mysql::quote_ident(cp.source);
        auto add = [&](ValueCheckKind kind, std::string condition, std::string description) {
            checks.push_back({kind, i, std::move(condition), std::move(description)});
        };

        if (column->not_null) {
            // A zero date is written as NULL (counted), which NOT NULL refuses just the same.
            std::vector<std::string> nulls;
            if (source->is_nullable) nulls.push_back(q + " IS NULL");
            if (is_date(*source)) nulls.push_back("YEAR(" + q + ") = 0 OR MONTH(" + q + ") = 0 OR DAY(" + q + ") = 0");
            if (!nulls.empty())
                add(ValueCheckKind::NullIntoNotNull, util::join(nulls, " OR "),
                    std::string(is_date(*source) ? "NULL or a zero date (which copy writes as NULL)" : "NULL") +
                        ", but the column " + cp.target + " " + cp.target_type + " is NOT NULL");
        }
        if (column->is_enum && !column->is_array()) {
            std::vector<std::string> literals;
            for (const auto& l : column->enum_labels) literals.push_back(hex_literal(l));
            add(ValueCheckKind::NotALabel,
                literals.empty() ? q + " IS NOT NULL" : label_bytes(q) + " NOT IN (" + util::join(literals, ", ") + ")",
                "a value that is not a label of the enum " + cp.target_type + " (" +
                    quoted_labels(column->enum_labels) + ")");
        }
        const auto from = mysql_integer_range(*source);
        if (!from || (cp.codec != Codec::Int && cp.codec != Codec::Bool)) continue;
        if (column->base_type == "bool") {
            add(ValueCheckKind::NotABoolean, q + " NOT IN (0, 1)",
                "a value other than 0 and 1, which boolean cannot hold");
        } else if (const auto to = pg_integer_range(column->base_type)) {
            std::vector<std::string> outside;
            if (less(from->min, to->min)) outside.push_back(q + " < " + to->min);
            if (less(to->max, from->max)) outside.push_back(q + " > " + to->max);
            if (!outside.empty())
                add(ValueCheckKind::OutOfRange, util::join(outside, " OR "),
                    "a value outside " + cp.target_type + " (" + to->min + ".." + to->max + ")");
        }
    }
    return checks;
}

}  // namespace m2pg::copy
