#include "check/targets.hpp"

#include <algorithm>

#include "migrate/migration_file.hpp"
#include "schema/ddl.hpp"
#include "schema/pairing.hpp"
#include "target/postgres/connection.hpp"
#include "target/postgres/identifier.hpp"
#include "target/postgres/schema_model.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace m2pg::check {

namespace {

std::string key(std::string_view table, std::string_view column) {
    return util::ascii_lower(table) + "." + util::ascii_lower(column);
}

// The CHECK lists of `table` that name `column` (Postgres names: folded unless quoted).
std::vector<AllowedList> allowed_lists(const TargetTable& table, const TargetColumn& column) {
    std::vector<AllowedList> out;
    for (const auto& check : table.checks)
        if (auto allowed = target::postgres::allowed_values(check.definition); allowed && allowed->column == column.name)
            out.push_back({check.name, std::move(*allowed)});
    return out;
}

}  // namespace

TargetSchema target_from_database(const util::PgDsn& dsn, const std::string& schema) {
    target::postgres::PgConnection pg(dsn);
    TargetSchema out;
    out.tables = target::postgres::read_target_tables(pg, schema);
    out.source = "the target database " + dsn.display() + " (schema " + schema + ")";
    out.is_given = true;
    return out;
}

TargetSchema target_from_migrations(const std::filesystem::path& directory, const migrate::HistoryTables& history,
                                    const std::vector<std::int64_t>& versions) {
    target::postgres::SchemaModel model;
    for (const auto& sql : migrate::history_tables_ddl(history)) model.apply(sql);
    std::size_t played = 0;
    for (const auto& file : migrate::load_directory(directory)) {
        if (!versions.empty() && !std::binary_search(versions.begin(), versions.end(), file.version)) continue;
        model.apply(file.up_sql);
        ++played;
    }
    TargetSchema out;
    out.tables = model.tables();
    out.source = "migrations " + directory.string();
    if (!versions.empty())
        out.source += " (the " + std::to_string(played) + " of them the MySQL side applied, up to " +
                      migrate::version_label(versions.back()) + ")";
    out.is_given = true;
    return out;
}

TargetSchema generated_target() {
    TargetSchema out;
    out.source = "generated DDL";
    return out;
}

TargetTable generated_table(const model::Table& table, const convert::TypeConfig& types) {
    model::Catalog one;
    model::Table copy = table;
    // A column whose type has no Postgres type would stop the whole statement.
    std::erase_if(copy.columns, [&](const model::Column& c) {
        try {
            convert::map_column(types, table.name, c);
            return false;
        } catch (const ConvertError&) {
            return true;
        }
    });
    // Only the columns matter here: keys and foreign keys belong to other phases.
    copy.indexes.clear();
    copy.foreign_keys.clear();
    copy.checks.clear();
    one.tables.push_back(std::move(copy));
    schema::DdlOptions options;
    options.types = types;
    target::postgres::SchemaModel model;
    for (const auto& sql : schema::tables_ddl(one, options)) model.apply(sql);
    auto tables = model.tables();
    if (tables.empty()) return TargetTable{"public", target::postgres::target_name(table.name, {}), {}, {}};
    return std::move(tables.front());
}

const ColumnLanding* TableLanding::find(std::string_view source_column) const {
    for (const auto& c : columns)
        if (c.source->name == source_column) return &c;
    return nullptr;
}

TableLanding land_table(const model::Table& table, const TargetSchema& target, const convert::TypeConfig& types) {
    TableLanding out;
    out.source = &table;
    const TargetTable* found = target.is_given ? schema::find_target_table(table.name, target.tables) : nullptr;
    TargetTable generated;
    if (!found) {
        generated = generated_table(table, types);
        found = &generated;
        out.is_generated = true;
    }
    out.target_name = found->name;
    out.source_of_types = out.is_generated ? "generated DDL" : target.source;
    for (const auto& column : table.columns) {
        ColumnLanding c;
        c.source = &column;
        try {
            c.mapping = convert::map_column(types, table.name, column);
        } catch (const ConvertError& e) {
            c.landing = Landing::Unsupported;
            c.problem = e.what();
            out.columns.push_back(std::move(c));
            continue;
        }
        const TargetColumn* t = schema::find_target_column(*found, column.name);
        if (!t) {
            c.landing = Landing::NoTargetColumn;
            out.columns.push_back(std::move(c));
            continue;
        }
        c.target = *t;
        c.allowed = allowed_lists(*found, *t);
        c.empty_json_as_object = convert::writes_empty_json_as_object(types, table.name, column.name);
        try {
            c.codec = schema::codec_for(c.mapping, *t, table.name, column.name);
        } catch (const ConvertError& e) {
            c.landing = Landing::NoConversion;
            c.problem = e.what();
        }
        out.columns.push_back(std::move(c));
    }
    for (const auto& t : found->columns) {
        if (!t.not_null || t.has_default) continue;
        const bool filled = std::any_of(out.columns.begin(), out.columns.end(),
                                        [&](const ColumnLanding& c) { return c.has_target() && c.target.name == t.name; });
        if (!filled) out.unfilled.push_back(t);
    }
    return out;
}

std::optional<std::int64_t> TargetLimits::limit(std::string_view table, std::string_view column) const {
    auto it = varchar_chars.find(key(table, column));
    if (it == varchar_chars.end()) return std::nullopt;
    return it->second;
}

TargetLimits limits_of(const std::vector<TableLanding>& tables) {
    TargetLimits limits;
    for (const auto& t : tables)
        for (const auto& c : t.columns)
            if (c.has_target() && !c.target.is_array() && c.target.max_chars &&
                (c.target.base_type == "varchar" || c.target.base_type == "bpchar"))
                limits.varchar_chars[key(t.source->name, c.source->name)] = *c.target.max_chars;
    return limits;
}

}  // namespace m2pg::check
