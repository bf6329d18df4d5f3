#include "source/mysql/catalog_assemble.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>
#include <utility>

#include "util/error.hpp"
#include "util/text.hpp"

namespace m2pg::source::mysql {
namespace {

// Reads one row's fields by column label, so the templates may reorder their columns.
class RowReader {
public:
    RowReader(const QueryResult& result, const Row& row) : result_(result), row_(row) {}

    const std::optional<std::string>& get(std::string_view name) const {
        return row_.at(result_.column_index(name));
    }
    std::string text(std::string_view name) const { return get(name).value_or(std::string()); }

    template <typename Int>
    std::optional<Int> number(std::string_view name) const {
        const std::optional<std::string>& value = get(name);
        if (!value) return std::nullopt;
        Int out{};
        const char* end = value->data() + value->size();
        auto [ptr, ec] = std::from_chars(value->data(), end, out);
        if (ec != std::errc() || ptr != end)
            throw SourceError("information_schema returned " + std::string(name) + " = '" +
                              *value + "', which is not a number");
        return out;
    }

private:
    const QueryResult& result_;
    const Row& row_;
};

std::map<std::string, std::string> charset_by_collation(const QueryResult& collations) {
    std::map<std::string, std::string> out;
    if (collations.columns.empty()) return out;
    const std::size_t name = collations.column_index("COLLATION_NAME");
    const std::size_t charset = collations.column_index("CHARACTER_SET_NAME");
    // MariaDB 10.10+: the short name is shared by charsets (uca1400_ai_ci), the full one not.
    auto full_it = std::find(collations.columns.begin(), collations.columns.end(),
                             "FULL_COLLATION_NAME");
    for (const Row& row : collations.rows) {
        if (!row[charset]) continue;
        if (row[name]) out.emplace(*row[name], *row[charset]);
        if (full_it != collations.columns.end()) {
            const auto& full = row[static_cast<std::size_t>(full_it - collations.columns.begin())];
            if (full) out[*full] = *row[charset];
        }
    }
    return out;
}

std::string charset_of(const std::map<std::string, std::string>& charsets,
                       const std::string& collation) {
    if (collation.empty()) return {};
    auto it = charsets.find(collation);
    if (it != charsets.end()) return it->second;
    // Every collation name starts with its charset's name, and no charset name has an '_'.
    return collation.substr(0, collation.find('_'));
}

// MySQL's quoted identifiers read as plain names in a note: "year(`d`)" -> "year(d)".
std::string without_backticks(std::string_view text) {
    std::string out;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '`') {
            out += text[i];
        } else if (quoted && i + 1 < text.size() && text[i + 1] == '`') {
            out += '`';
            ++i;
        } else {
            quoted = !quoted;
        }
    }
    return out;
}

bool has_word(const std::string& text, std::string_view word) {
    return text.find(word) != std::string::npos;
}

model::Column read_column(const RowReader& r) {
    model::Column c;
    c.name = r.text("column_name");
    c.ordinal = r.number<int>("ordinal_position").value_or(0);
    c.data_type = util::ascii_lower(r.text("data_type"));
    c.column_type = lower_column_type(r.text("column_type"));
    // Only numeric types carry the attributes; enum('unsigned') must not look unsigned.
    if (c.data_type != "enum" && c.data_type != "set") {
        c.is_unsigned = has_word(c.column_type, " unsigned");
        c.is_zerofill = has_word(c.column_type, " zerofill");
    }
    c.char_max_length = r.number<std::int64_t>("char_max_length");
    c.numeric_precision = r.number<std::int64_t>("numeric_precision");
    c.numeric_scale = r.number<std::int64_t>("numeric_scale");
    c.datetime_precision = r.number<std::int64_t>("datetime_precision");
    c.charset = r.text("charset");
    c.collation = r.text("collation");
    c.is_nullable = r.text("is_nullable") == "YES";
    const std::string extra = util::ascii_lower(r.text("extra"));
    c.is_auto_increment = has_word(extra, "auto_increment");
    c.on_update_current_timestamp = has_word(extra, "on update current_timestamp");
    // MySQL reports "" for ordinary columns, MariaDB NULL.
    c.generation_expression = r.text("generation_expression");
    c.is_stored_generated = !c.generation_expression.empty() &&
                            (has_word(extra, "stored") || has_word(extra, "persistent"));
    // A generated column cannot have a default, yet MariaDB reports the string NULL for it.
    if (c.generation_expression.empty()) c.default_value = r.get("column_default");
    c.comment = r.text("column_comment");
    return c;
}

model::IndexKind index_kind(const RowReader& r) {
    const std::string type = r.text("index_type");
    if (r.text("index_name") == "PRIMARY") return model::IndexKind::Primary;
    if (type == "FULLTEXT") return model::IndexKind::Fulltext;
    if (type == "SPATIAL") return model::IndexKind::Spatial;
    return r.text("non_unique") == "0" ? model::IndexKind::Unique : model::IndexKind::Secondary;
}

std::string event_detail(const RowReader& r) {
    std::string detail;
    if (r.text("event_type") == "RECURRING")
        detail = "EVERY " + r.text("interval_value") + " " + r.text("interval_field");
    else
        detail = "AT " + r.text("execute_at");
    return detail + ", " + r.text("status");
}

// "RANGE (year(from_date)), 19 partitions" from one catalog_partitions.sql row.
std::string partitioning_text(const RowReader& r) {
    std::string text = r.text("partition_method") + " (" +
                       without_backticks(r.text("partition_expression")) + ")";
    if (const std::string sub = r.text("subpartition_method"); !sub.empty())
        text += " SUBPARTITION BY " + sub + " (" +
                without_backticks(r.text("subpartition_expression")) + ")";
    const auto partitions = r.number<std::int64_t>("partition_count").value_or(0);
    text += ", " + std::to_string(partitions) + (partitions == 1 ? " partition" : " partitions");
    if (const auto subs = r.number<std::int64_t>("subpartition_count").value_or(0); subs > 0)
        text += ", " + std::to_string(subs) + (subs == 1 ? " subpartition" : " subpartitions");
    return text;
}

void sort_by_name(std::vector<model::RoutineInfo>& items) {
    std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) {
        return std::tie(a.name, a.kind) < std::tie(b.name, b.kind);
    });
}

class Assembler {
public:
    Assembler(const std::string& database, const CatalogRows& rows)
        : database_(database), rows_(rows), charsets_(charset_by_collation(rows.collations)) {}

    model::Catalog run(const std::string& server_version) {
        catalog_.database = database_;
        catalog_.server_version = server_version;
        for (const Row& row : rows_.schema.rows) {
            RowReader r(rows_.schema, row);
            catalog_.default_charset = r.text("default_charset");
            catalog_.default_collation = r.text("default_collation");
        }
        add_tables();
        add_columns();
        add_checks();
        add_partitions();
        add_indexes();
        add_foreign_keys();
        add_other_objects();
        finish_order();
        return std::move(catalog_);
    }

private:
    model::Table* table(const std::string& name) {
        auto it = by_name_.find(name);
        return it == by_name_.end() ? nullptr : &catalog_.tables[it->second];
    }

    void add_tables() {
        for (const Row& row : rows_.tables.rows) {
            RowReader r(rows_.tables, row);
            if (r.text("table_type") == "SEQUENCE") {
                catalog_.routines.push_back({r.text("table_name"), "SEQUENCE", {}});
                continue;
            }
            model::Table t;
            t.name = r.text("table_name");
            t.engine = r.text("engine");
            t.collation = r.text("table_collation");
            t.charset = charset_of(charsets_, t.collation);
            t.comment = r.text("table_comment");
            t.row_estimate = r.number<std::int64_t>("table_rows").value_or(0);
            t.data_bytes = r.number<std::int64_t>("data_length").value_or(0);
            t.index_bytes = r.number<std::int64_t>("index_length").value_or(0);
            t.auto_increment = r.number<std::uint64_t>("auto_increment");
            catalog_.tables.push_back(std::move(t));
        }
        std::sort(catalog_.tables.begin(), catalog_.tables.end(),
                  [](const auto& a, const auto& b) { return a.name < b.name; });
        for (std::size_t i = 0; i < catalog_.tables.size(); ++i)
            by_name_.emplace(catalog_.tables[i].name, i);
    }

    void add_columns() {
        for (const Row& row : rows_.columns.rows) {
            RowReader r(rows_.columns, row);
            // Views and sequences have columns too; only base tables keep them.
            if (model::Table* t = table(r.text("table_name"))) t->columns.push_back(read_column(r));
        }
    }

    // MariaDB's JSON is LONGTEXT guarded by json_valid(`col`): such a guard makes the column
    // json and is dropped; every other check is kept for the DDL to translate.
    void add_checks() {
        for (const Row& row : rows_.checks.rows) {
            RowReader r(rows_.checks, row);
            model::Table* t = table(r.text("table_name"));
            if (t == nullptr) continue;
            const std::string clause = r.text("check_clause");
            if (const std::optional<std::string> guarded = json_valid_column(clause);
                guarded && mark_json(*t, *guarded))
                continue;
            t->checks.push_back({r.text("constraint_name"), clause});
        }
    }

    static bool mark_json(model::Table& t, const std::string& column) {
        for (model::Column& c : t.columns) {
            if (c.name == column && (c.data_type == "longtext" || c.data_type == "json")) {
                c.data_type = "json";
                c.column_type = "json";
                return true;
            }
        }
        return false;
    }

    void add_partitions() {
        for (const Row& row : rows_.partitions.rows) {
            RowReader r(rows_.partitions, row);
            if (model::Table* t = table(r.text("table_name"))) t->partitioning = partitioning_text(r);
        }
    }

    void add_indexes() {
        std::map<std::pair<std::string, std::string>, std::size_t> seen;
        for (const Row& row : rows_.indexes.rows) {
            RowReader r(rows_.indexes, row);
            model::Table* t = table(r.text("table_name"));
            if (t == nullptr) continue;
            const std::string name = r.text("index_name");
            auto [it, is_new] = seen.try_emplace({t->name, name}, t->indexes.size());
            if (is_new) t->indexes.push_back({name, index_kind(r), {}});
            model::Index& index = t->indexes[it->second];
            model::IndexColumn column;
            // NULL for a MySQL 8 functional index part: there is no column to name.
            column.name = r.text("column_name");
            column.prefix_length = r.number<std::int64_t>("sub_part");
            column.descending = r.text("collation") == "D";
            index.columns.push_back(std::move(column));
        }
    }

    void add_foreign_keys() {
        std::map<std::pair<std::string, std::string>, std::size_t> seen;
        for (const Row& row : rows_.foreign_keys.rows) {
            RowReader r(rows_.foreign_keys, row);
            model::Table* t = table(r.text("table_name"));
            if (t == nullptr) continue;
            const std::string name = r.text("constraint_name");
            auto [it, is_new] = seen.try_emplace({t->name, name}, t->foreign_keys.size());
            if (is_new) {
                model::ForeignKey fk;
                fk.name = name;
                const std::string schema_name = r.text("referenced_schema");
                fk.referenced_table = r.text("referenced_table");
                if (!schema_name.empty() && schema_name != database_)
                    fk.referenced_table = schema_name + "." + fk.referenced_table;
                fk.on_update = r.text("update_rule");
                fk.on_delete = r.text("delete_rule");
                t->foreign_keys.push_back(std::move(fk));
            }
            model::ForeignKey& fk = t->foreign_keys[it->second];
            fk.columns.push_back(r.text("column_name"));
            fk.referenced_columns.push_back(r.text("referenced_column"));
        }
    }

    void add_other_objects() {
        for (const Row& row : rows_.views.rows) {
            RowReader r(rows_.views, row);
            catalog_.views.push_back({r.text("view_name"), "VIEW", r.text("view_definition")});
        }
        for (const Row& row : rows_.triggers.rows) {
            RowReader r(rows_.triggers, row);
            catalog_.triggers.push_back({r.text("trigger_name"), "TRIGGER", r.text("table_name")});
        }
        for (const Row& row : rows_.routines.rows) {
            RowReader r(rows_.routines, row);
            const std::string kind = r.text("routine_type");
            std::string detail;
            if (kind == "FUNCTION") detail = "returns " + r.text("returns_type");
            catalog_.routines.push_back({r.text("routine_name"), kind, detail});
        }
        for (const Row& row : rows_.events.rows) {
            RowReader r(rows_.events, row);
            catalog_.events.push_back({r.text("event_name"), "EVENT", event_detail(r)});
        }
    }

    void finish_order() {
        for (model::Table& t : catalog_.tables) {
            std::sort(t.columns.begin(), t.columns.end(),
                      [](const auto& a, const auto& b) { return a.ordinal < b.ordinal; });
            std::sort(t.indexes.begin(), t.indexes.end(), [](const auto& a, const auto& b) {
                const bool a_primary = a.kind == model::IndexKind::Primary;
                const bool b_primary = b.kind == model::IndexKind::Primary;
                if (a_primary != b_primary) return a_primary;
                return a.name < b.name;
            });
            std::sort(t.foreign_keys.begin(), t.foreign_keys.end(),
                      [](const auto& a, const auto& b) { return a.name < b.name; });
            std::sort(t.checks.begin(), t.checks.end(),
                      [](const auto& a, const auto& b) { return a.name < b.name; });
        }
        sort_by_name(catalog_.views);
        sort_by_name(catalog_.triggers);
        sort_by_name(catalog_.routines);
        sort_by_name(catalog_.events);
    }

    const std::string& database_;
    const CatalogRows& rows_;
    std::map<std::string, std::string> charsets_;
    std::map<std::string, std::size_t> by_name_;
    model::Catalog catalog_;
};

}  // namespace

model::Catalog assemble_catalog(const std::string& database, const std::string& server_version,
                                 const CatalogRows& rows) {
    return Assembler(database, rows).run(server_version);
}

std::optional<std::string> json_valid_column(std::string_view check_clause) {
    constexpr std::string_view kPrefix = "json_valid(`";
    if (check_clause.size() < kPrefix.size() + 2 ||
        util::ascii_lower(check_clause.substr(0, kPrefix.size())) != kPrefix || check_clause.back() != ')')
        return std::nullopt;
    std::string name;
    std::size_t i = kPrefix.size();
    const std::size_t end = check_clause.size() - 1;  // the closing ')'
    for (; i < end; ++i) {
        if (check_clause[i] != '`') {
            name += check_clause[i];
        } else if (i + 1 < end && check_clause[i + 1] == '`') {
            name += '`';
            ++i;
        } else {
            break;  // the closing backtick
        }
    }
    // The identifier must close right before the ')': "json_valid(`a`) or 1" is not ours.
    if (i + 1 != end || check_clause[i] != '`' || name.empty()) return std::nullopt;
    return name;
}

std::string lower_column_type(std::string_view column_type) {
    std::string out;
    out.reserve(column_type.size());
    bool in_quote = false;
    for (std::size_t i = 0; i < column_type.size(); ++i) {
        const char c = column_type[i];
        if (in_quote) {
            out += c;
            if (c == '\\' && i + 1 < column_type.size()) {
                out += column_type[++i];  // an escaped character, even a quote
            } else if (c == '\'') {
                in_quote = false;  // a doubled '' reopens on the next character
            }
        } else {
            if (c == '\'') in_quote = true;
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
    }
    return out;
}

}  // namespace m2pg::source::mysql
