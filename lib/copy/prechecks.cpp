#include "copy/prechecks.hpp"

#include "convert/text.hpp"
#include "convert/row_key.hpp"
#include "util/text.hpp"

namespace m2pg::copy {

namespace {

constexpr int kSampleKeys = 5;
constexpr int kSampleValues = 5;

std::string rows_text(unsigned long long n) { return std::to_string(n) + (n == 1 ? " row" : " rows"); }

// "'authorization_code' (1 row), '' (3 rows)": the refused values, most frequent first.
std::string refused_values(source::mysql::MysqlConnection& mysql, const std::string& table, const std::string& q,
                           const ValueCheck& check, unsigned long long total) {
    auto result = mysql.query("SELECT CAST(" + q + " AS BINARY), COUNT(*) FROM " + table + " WHERE " +
                              check.condition + " GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT " +
                              std::to_string(kSampleValues + 1));
    std::vector<std::string> shown;
    unsigned long long listed = 0;
    for (std::size_t r = 0; r < result.rows.size() && r < static_cast<std::size_t>(kSampleValues); ++r) {
        const auto& row = result.rows[r];
        const unsigned long long n = row[1] ? std::stoull(*row[1]) : 0;
        listed += n;
        shown.push_back((row[0] ? "'" + convert::excerpt(*row[0], 60) + "'" : std::string("NULL")) + " (" +
                        rows_text(n) + ")");
    }
    if (listed < total) shown.push_back("... (" + rows_text(total - listed) + " more)");
    return util::join(shown, ", ");
}

std::string sample_keys(source::mysql::MysqlConnection& mysql, const schema::TablePair& pair,
                        const std::string& table, const ValueCheck& check) {
    std::vector<std::string> names, quoted;
    for (auto i : pair.key_columns) {
        names.push_back(pair.columns[i].source);
        quoted.push_back(source::mysql::quote_ident(pair.columns[i].source));
    }
    if (names.empty()) return "(no key to name the rows)";
    auto result = mysql.query("SELECT " + util::join(quoted, ", ") + " FROM " + table + " WHERE " + check.condition +
                              " ORDER BY " + util::join(quoted, ", ") + " LIMIT " + std::to_string(kSampleKeys));
    std::vector<std::string> keys;
    for (const auto& row : result.rows) keys.push_back(convert::named_key_text(names, row));
    return util::join(keys, "; ");
}

}  // namespace

std::vector<std::string> run_value_checks(source::mysql::MysqlConnection& mysql, const schema::TablePair& pair,
                                          const std::vector<ValueCheck>& checks) {
    if (checks.empty()) return {};
    const std::string table = source::mysql::quote_ident(pair.source->name);
    std::string sql = "SELECT ";
    for (std::size_t i = 0; i < checks.size(); ++i)
        sql += (i ? ", " : "") + std::string("COALESCE(SUM(CASE WHEN ") + checks[i].condition + " THEN 1 ELSE 0 END), 0)";
    auto counts = mysql.query(sql + " FROM " + table);
    std::vector<std::string> problems;
    for (std::size_t i = 0; i < checks.size(); ++i) {
        const auto& value = counts.rows.at(0).at(i);
        const unsigned long long n = value ? std::stoull(*value) : 0;
        if (n == 0) continue;
        const auto& check = checks[i];
        const auto& column = pair.columns[check.column];
        std::string message = pair.source->name + "." + column.source + ": " + rows_text(n) + (n == 1 ? " holds " : " hold ") +
                              check.description;
        // NULL and '' say it all; other kinds show which values.
        if (check.kind != ValueCheckKind::NullIntoNotNull && check.kind != ValueCheckKind::EmptyJson)
            message += ": " + refused_values(mysql, table, source::mysql::quote_ident(column.source), check, n);
        message += "; rows " + sample_keys(mysql, pair, table, check);
        problems.push_back(std::move(message));
    }
    return problems;
}

}  // namespace m2pg::copy
