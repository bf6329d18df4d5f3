#include "copy/value_checks.hpp"

#include <optional>
#include <utility>

#include "schema/value_conditions.hpp"
#include "source/mysql/connection.hpp"
#include "util/text.hpp"

namespace m2pg::copy {

namespace {

using convert::Codec;

bool is_date(const model::Column& c) {
    const std::string t = util::ascii_lower(c.data_type);
    return t == "date" || t == "datetime" || t == "timestamp";
}

// MySQL json (MariaDB: longtext guarded by json_valid) never holds ''.
bool is_json(const model::Column& c) { return util::ascii_lower(c.data_type) == "json"; }

const model::Column* source_column(const schema::TablePair& pair, const std::string& name) {
    for (const auto& c : pair.source->columns)
        if (c.name == name) return &c;
    return nullptr;
}

}  // namespace

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
        if (column->is_enum && !column->is_array())
            add(ValueCheckKind::NotALabel, schema::not_a_label(q, column->enum_labels),
                "a value that is not a label of the enum " + cp.target_type + " (" +
                    schema::quoted_list(column->enum_labels) + ")");
        if (cp.codec == Codec::Json && !cp.empty_json_as_object && !is_json(*source))
            add(ValueCheckKind::EmptyJson, "OCTET_LENGTH(" + q + ") = 0",
                "'', which " + cp.target_type + " refuses (if the app means an empty object there, the profile's "
                "[empty_json] columns makes it {})");
        const auto from = schema::mysql_integer_range(*source);
        if (!from || (cp.codec != Codec::Int && cp.codec != Codec::Bool)) continue;
        if (column->base_type == "bool") {
            add(ValueCheckKind::NotABoolean, q + " NOT IN (0, 1)",
                "a value other than 0 and 1, which boolean cannot hold");
        } else if (const auto to = schema::pg_integer_range(column->base_type)) {
            if (auto outside = schema::integer_outside(q, *from, *to); !outside.empty())
                add(ValueCheckKind::OutOfRange, std::move(outside),
                    "a value outside " + cp.target_type + " (" + to->min + ".." + to->max + ")");
        }
    }
    return checks;
}

}  // namespace m2pg::copy
