#include "report/catalog_json.hpp"

#include <optional>
#include <string>

#include "report/json_reader.hpp"
#include "util/error.hpp"

namespace m2pg::report {

using nlohmann::json;

namespace {

template <typename T>
json optional_json(const std::optional<T>& value) {
    return value ? json(*value) : json(nullptr);
}

json column_to_json(const model::Column& c) {
    return json{{"name", c.name},
                {"ordinal", c.ordinal},
                {"data_type", c.data_type},
                {"column_type", c.column_type},
                {"is_unsigned", c.is_unsigned},
                {"is_zerofill", c.is_zerofill},
                {"char_max_length", optional_json(c.char_max_length)},
                {"numeric_precision", optional_json(c.numeric_precision)},
                {"numeric_scale", optional_json(c.numeric_scale)},
                {"datetime_precision", optional_json(c.datetime_precision)},
                {"charset", c.charset},
                {"collation", c.collation},
                {"is_nullable", c.is_nullable},
                {"default_value", optional_json(c.default_value)},
                {"is_auto_increment", c.is_auto_increment},
                {"on_update_current_timestamp", c.on_update_current_timestamp},
                {"generation_expression", c.generation_expression},
                {"is_stored_generated", c.is_stored_generated},
                {"comment", c.comment}};
}

model::Column column_from_json(const JsonReader& r) {
    model::Column c;
    c.name = r.str("name");
    c.ordinal = r.number<int>("ordinal");
    c.data_type = r.str("data_type");
    c.column_type = r.str("column_type");
    c.is_unsigned = r.boolean("is_unsigned");
    c.is_zerofill = r.boolean("is_zerofill");
    c.char_max_length = r.optional_number<std::int64_t>("char_max_length");
    c.numeric_precision = r.optional_number<std::int64_t>("numeric_precision");
    c.numeric_scale = r.optional_number<std::int64_t>("numeric_scale");
    c.datetime_precision = r.optional_number<std::int64_t>("datetime_precision");
    c.charset = r.str("charset");
    c.collation = r.str("collation");
    c.is_nullable = r.boolean("is_nullable");
    c.default_value = r.optional_str("default_value");
    c.is_auto_increment = r.boolean("is_auto_increment");
    c.on_update_current_timestamp = r.boolean("on_update_current_timestamp");
    c.generation_expression = r.str("generation_expression");
    c.is_stored_generated = r.boolean("is_stored_generated");
    c.comment = r.str("comment");
    return c;
}

json index_to_json(const model::Index& index) {
    json columns = json::array();
    for (const auto& c : index.columns)
        columns.push_back(
            json{{"name", c.name}, {"prefix_length", optional_json(c.prefix_length)}, {"descending", c.descending}});
    return json{{"name", index.name}, {"kind", index_kind_name(index.kind)}, {"columns", columns}};
}

model::Index index_from_json(const JsonReader& r) {
    model::Index index;
    index.name = r.str("name");
    index.kind = parse_index_kind(r.str("kind"));
    for (std::size_t i = 0; i < r.array("columns").size(); ++i) {
        JsonReader c = r.child("columns", i);
        index.columns.push_back(model::IndexColumn{c.str("name"), c.optional_number<std::int64_t>("prefix_length"),
                                                    c.boolean("descending")});
    }
    return index;
}

json foreign_key_to_json(const model::ForeignKey& fk) {
    return json{{"name", fk.name},
                {"columns", fk.columns},
                {"referenced_table", fk.referenced_table},
                {"referenced_columns", fk.referenced_columns},
                {"on_update", fk.on_update},
                {"on_delete", fk.on_delete}};
}

model::ForeignKey foreign_key_from_json(const JsonReader& r) {
    model::ForeignKey fk;
    fk.name = r.str("name");
    fk.columns = r.strings("columns");
    fk.referenced_table = r.str("referenced_table");
    fk.referenced_columns = r.strings("referenced_columns");
    fk.on_update = r.str("on_update");
    fk.on_delete = r.str("on_delete");
    return fk;
}

json check_to_json(const model::CheckConstraint& check) {
    return json{{"name", check.name}, {"clause", check.clause}};
}

model::CheckConstraint check_from_json(const JsonReader& r) {
    return model::CheckConstraint{r.str("name"), r.str("clause")};
}

json table_to_json(const model::Table& t) {
    json columns = json::array(), indexes = json::array(), fks = json::array(), checks = json::array();
    for (const auto& c : t.columns) columns.push_back(column_to_json(c));
    for (const auto& i : t.indexes) indexes.push_back(index_to_json(i));
    for (const auto& f : t.foreign_keys) fks.push_back(foreign_key_to_json(f));
    for (const auto& c : t.checks) checks.push_back(check_to_json(c));
    return json{{"name", t.name},
                {"engine", t.engine},
                {"collation", t.collation},
                {"charset", t.charset},
                {"comment", t.comment},
                {"row_estimate", t.row_estimate},
                {"data_bytes", t.data_bytes},
                {"index_bytes", t.index_bytes},
                {"auto_increment", optional_json(t.auto_increment)},
                {"columns", columns},
                {"indexes", indexes},
                {"foreign_keys", fks},
                {"checks", checks},
                {"partitioning", t.partitioning}};
}

// `node` is the table's object, for the fields reports written before them lack.
model::Table table_from_json(const JsonReader& r, const json& node) {
    model::Table t;
    t.name = r.str("name");
    t.engine = r.str("engine");
    t.collation = r.str("collation");
    t.charset = r.str("charset");
    t.comment = r.str("comment");
    t.row_estimate = r.number<std::int64_t>("row_estimate");
    t.data_bytes = r.number<std::int64_t>("data_bytes");
    t.index_bytes = r.number<std::int64_t>("index_bytes");
    t.auto_increment = r.optional_number<std::uint64_t>("auto_increment");
    for (std::size_t i = 0; i < r.array("columns").size(); ++i) t.columns.push_back(column_from_json(r.child("columns", i)));
    for (std::size_t i = 0; i < r.array("indexes").size(); ++i) t.indexes.push_back(index_from_json(r.child("indexes", i)));
    for (std::size_t i = 0; i < r.array("foreign_keys").size(); ++i)
        t.foreign_keys.push_back(foreign_key_from_json(r.child("foreign_keys", i)));
    // Reports from before CHECK constraints and partitioning were read have neither field:
    // their tables had none that m2pg knew of.
    if (node.is_object() && node.contains("checks"))
        for (std::size_t i = 0; i < r.array("checks").size(); ++i)
            t.checks.push_back(check_from_json(r.child("checks", i)));
    if (node.is_object() && node.contains("partitioning")) t.partitioning = r.str("partitioning");
    return t;
}

json routines_to_json(const std::vector<model::RoutineInfo>& list) {
    json out = json::array();
    for (const auto& r : list) out.push_back(json{{"name", r.name}, {"kind", r.kind}, {"detail", r.detail}});
    return out;
}

std::vector<model::RoutineInfo> routines_from_json(const JsonReader& r, const std::string& key) {
    std::vector<model::RoutineInfo> out;
    for (std::size_t i = 0; i < r.array(key).size(); ++i) {
        JsonReader item = r.child(key, i);
        out.push_back(model::RoutineInfo{item.str("name"), item.str("kind"), item.str("detail")});
    }
    return out;
}

}  // namespace

std::string_view index_kind_name(model::IndexKind kind) {
    switch (kind) {
        case model::IndexKind::Primary: return "primary";
        case model::IndexKind::Unique: return "unique";
        case model::IndexKind::Secondary: return "secondary";
        case model::IndexKind::Fulltext: return "fulltext";
        case model::IndexKind::Spatial: return "spatial";
    }
    return "secondary";
}

model::IndexKind parse_index_kind(std::string_view name) {
    if (name == "primary") return model::IndexKind::Primary;
    if (name == "unique") return model::IndexKind::Unique;
    if (name == "secondary") return model::IndexKind::Secondary;
    if (name == "fulltext") return model::IndexKind::Fulltext;
    if (name == "spatial") return model::IndexKind::Spatial;
    throw UsageError("report: unknown index kind '" + std::string(name) + "'");
}

json catalog_to_json(const model::Catalog& catalog) {
    json tables = json::array();
    for (const auto& t : catalog.tables) tables.push_back(table_to_json(t));
    return json{{"database", catalog.database},
                {"server_version", catalog.server_version},
                {"default_charset", catalog.default_charset},
                {"default_collation", catalog.default_collation},
                {"tables", tables},
                {"views", routines_to_json(catalog.views)},
                {"triggers", routines_to_json(catalog.triggers)},
                {"routines", routines_to_json(catalog.routines)},
                {"events", routines_to_json(catalog.events)}};
}

model::Catalog catalog_from_json(const json& node) {
    JsonReader r(node, "catalog");
    model::Catalog c;
    c.database = r.str("database");
    c.server_version = r.str("server_version");
    c.default_charset = r.str("default_charset");
    c.default_collation = r.str("default_collation");
    for (std::size_t i = 0; i < r.array("tables").size(); ++i)
        c.tables.push_back(table_from_json(r.child("tables", i), r.array("tables")[i]));
    c.views = routines_from_json(r, "views");
    c.triggers = routines_from_json(r, "triggers");
    c.routines = routines_from_json(r, "routines");
    c.events = routines_from_json(r, "events");
    return c;
}

}  // namespace m2pg::report
