#include "schema/ddl.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <limits>
#include <map>
#include <set>

#include "schema/check_clause.hpp"
#include "schema/ddl_names.hpp"
#include "schema/defaults.hpp"
#include "model/lookup.hpp"
#include "util/text.hpp"
#include "target/postgres/identifier.hpp"
#include "util/error.hpp"

namespace m2pg::schema {
using model::Catalog;
using model::Table;
using model::Column;
using model::Index;
using model::IndexKind;
using model::IndexColumn;
using model::ForeignKey;
using model::CheckConstraint;
using model::find_column_ci;
using model::find_table_ci;
using target::postgres::target_name;
using target::postgres::quote_ident;
using target::postgres::quote_literal;
using target::postgres::fit_identifier;

namespace {

using convert::Codec;
using convert::Mapping;
using util::join;

std::string upper_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}


std::string base_type(const std::string& pg_type) {
    return util::ascii_lower(pg_type.substr(0, pg_type.find('(')));
}

bool is_text_type(const std::string& pg_type) {
    static const std::set<std::string> kText = {"text", "varchar", "character varying", "char",
                                                "character", "bpchar", "citext"};
    return kText.count(base_type(pg_type)) > 0;
}

bool is_integer_type(const std::string& pg_type) {
    static const std::set<std::string> kInt = {"smallint", "integer", "int", "bigint",
                                               "int2", "int4", "int8"};
    return kInt.count(base_type(pg_type)) > 0;
}

std::int64_t integer_type_max(const std::string& pg_type) {
    std::string base = base_type(pg_type);
    if (base == "smallint" || base == "int2") return std::numeric_limits<std::int16_t>::max();
    if (base == "integer" || base == "int" || base == "int4")
        return std::numeric_limits<std::int32_t>::max();
    return std::numeric_limits<std::int64_t>::max();
}

// Postgres accepts a foreign key when the referencing type equals the referenced one's
// operator family, or casts to it implicitly (integer → numeric, varchar → text).
bool is_fk_compatible(const std::string& child, const std::string& parent) {
    if (is_integer_type(child) && is_integer_type(parent)) return true;
    if (is_text_type(child) && is_text_type(parent)) return true;
    if (is_integer_type(child) && base_type(parent) == "numeric") return true;
    return base_type(child) == base_type(parent);
}

std::string referential_action(const std::string& action, const Table& table,
                               const ForeignKey& fk) {
    static const std::set<std::string> kActions = {"RESTRICT", "CASCADE", "SET NULL",
                                                   "NO ACTION", "SET DEFAULT"};
    std::string upper = upper_ascii(action);
    if (!kActions.count(upper))
        throw ConvertError(Where{table.name, "", ""},
                           "foreign key " + fk.name + ": unknown referential action '" + action + "'");
    return upper;
}

class Planner {
public:
    Planner(const Catalog& catalog, const DdlOptions& options)
        : catalog_(catalog), options_(options), names_(catalog, options.identifier_case) {}

    DdlPlan run() {
        for (const Table& t : catalog_.tables) map_table(t);
        for (const Table& t : catalog_.tables) add_table(t);
        for (const Table& t : catalog_.tables) add_indexes(t);
        for (const Table& t : catalog_.tables) add_foreign_keys(t);
        for (const Table& t : catalog_.tables) add_checks(t);
        for (const Table& t : catalog_.tables) add_fulltext(t);
        return std::move(plan_);
    }

private:
    const Catalog& catalog_;
    const DdlOptions& options_;
    DdlNames names_;
    DdlPlan plan_;
    std::map<std::pair<std::string, std::string>, Mapping> mappings_;  // (table, column)

    void emit(DdlPhase phase, const Table& t, std::string object, std::string sql) {
        plan_.statements.push_back(DdlStatement{phase, t.name, std::move(object), std::move(sql)});
    }
    void note(const Table& t, std::string column, std::string object, std::string message) {
        plan_.notes.push_back(
            DdlNote{t.name, std::move(column), std::move(object), std::move(message)});
    }

    std::string table_sql(const Table& t) const { return qualified_table(options_, t.name); }
    std::string column_sql(const std::string& mysql_column) const {
        return quote_ident(target_name(mysql_column, options_.identifier_case));
    }
    std::string schema_object(const std::string& pg_name) const {
        return quote_ident(options_.target_schema) + "." + quote_ident(pg_name);
    }
    const Mapping& mapping(const Table& t, const Column& c) const {
        return mappings_.at({t.name, c.name});
    }

    void map_table(const Table& t) {
        for (const Column& c : t.columns) {
            Mapping m = convert::map_column(options_.types, t.name, c);
            if (!m.note.empty()) note(t, c.name, "", m.note);
            mappings_.emplace(std::make_pair(t.name, c.name), std::move(m));
        }
    }

    // AUTO_INCREMENT: identity where Postgres allows it (integer types); elsewhere
    // (numeric(20) for bigint unsigned) a sequence of its own feeds the default.
    std::string auto_increment_clause(const Table& t, const Column& c, const Mapping& m) {
        std::optional<std::uint64_t> start = t.auto_increment;
        if (is_integer_type(m.pg_type)) {
            std::string clause = " GENERATED BY DEFAULT AS IDENTITY";
            if (start && *start > 1 &&
                *start <= static_cast<std::uint64_t>(integer_type_max(m.pg_type)))
                clause += " (START WITH " + std::to_string(*start) + ")";
            return clause;
        }
        std::string sequence = schema_object(names_.sequence(t, c));
        std::string create = "CREATE SEQUENCE " + sequence;
        if (start && *start > 1 &&
            *start <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
            create += " START WITH " + std::to_string(*start);
        emit(DdlPhase::Tables, t, names_.sequence(t, c), create);
        note(t, c.name, "", "AUTO_INCREMENT on " + m.pg_type +
                                " uses a sequence, which stops at 9223372036854775807");
        return " DEFAULT nextval(" + quote_literal(sequence) + "::regclass)";
    }

    std::string column_definition(const Table& t, const Column& c) {
        const Mapping& m = mapping(t, c);
        std::string sql = "  " + column_sql(c.name) + " " + m.pg_type;
        bool not_null = !c.is_nullable;
        if (c.is_auto_increment) {
            sql += auto_increment_clause(t, c, m);
        } else {
            DefaultTranslation d = translate_default(c, m);
            if (d.expression) sql += " DEFAULT " + *d.expression;
            if (!d.note.empty()) note(t, c.name, "", d.note);
            if (d.drop_not_null) not_null = false;
        }
        if (not_null) sql += " NOT NULL";
        std::vector<std::string> members;
        for (const std::string& v : m.enum_values) members.push_back(quote_literal(v));
        // Outside strict mode MySQL stores an invalid enum value as '' (index 0), so any enum
        // column can hold it: the CHECK admits it, or such a row could not be copied exactly.
        const bool enum_check = !members.empty() && m.codec == Codec::Enum && is_text_type(m.pg_type);
        if (enum_check && std::find(m.enum_values.begin(), m.enum_values.end(), "") == m.enum_values.end())
            members.push_back("''");
        if (enum_check)
            sql += " CONSTRAINT " + quote_ident(names_.check(t, c)) + " CHECK (" +
                   column_sql(c.name) + " IN (" + join(members, ", ") + "))";
        if (m.codec == Codec::Set && m.pg_type == "text[]")
            sql += " CONSTRAINT " + quote_ident(names_.check(t, c)) + " CHECK (" +
                   column_sql(c.name) + " <@ ARRAY[" + join(members, ", ") + "]::text[])";
        return sql;
    }

    // Key columns for a constraint: Postgres cannot put an expression in a primary key,
    // so a prefix part keeps the whole column (unique whenever the prefix is).
    std::vector<std::string> key_columns(const Table& t, const Index& index) {
        std::vector<std::string> cols;
        for (const IndexColumn& ic : index.columns) {
            if (ic.prefix_length)
                note(t, ic.name, index.name,
                     "prefix key part (" + std::to_string(*ic.prefix_length) +
                         ") becomes the whole column in the Postgres primary key");
            cols.push_back(column_sql(ic.name));
        }
        return cols;
    }

    void add_table(const Table& t) {
        if (!t.partitioning.empty())
            note(t, "", "", "partitioned in MySQL (" + t.partitioning + "); created as a plain table");
        std::vector<std::string> lines;
        for (const Column& c : t.columns) lines.push_back(column_definition(t, c));
        const Index* pk = t.primary_key();
        if (pk && options_.primary_key == PrimaryKeyPlacement::Inline)
            lines.push_back("  CONSTRAINT " + quote_ident(names_.primary_key(t)) +
                            " PRIMARY KEY (" + join(key_columns(t, *pk), ", ") + ")");
        emit(DdlPhase::Tables, t, target_name(t.name, options_.identifier_case),
             "CREATE TABLE " + table_sql(t) + " (\n" + join(lines, ",\n") + "\n)");
        for (const Column& c : t.columns)
            if (c.is_auto_increment && !is_integer_type(mapping(t, c).pg_type))
                emit(DdlPhase::Tables, t, names_.sequence(t, c),
                     "ALTER SEQUENCE " + schema_object(names_.sequence(t, c)) + " OWNED BY " +
                         table_sql(t) + "." + column_sql(c.name));
        if (!t.comment.empty())
            emit(DdlPhase::Tables, t, target_name(t.name, options_.identifier_case),
                 "COMMENT ON TABLE " + table_sql(t) + " IS " + quote_literal(t.comment));
        for (const Column& c : t.columns)
            if (!c.comment.empty())
                emit(DdlPhase::Tables, t, target_name(t.name, options_.identifier_case),
                     "COMMENT ON COLUMN " + table_sql(t) + "." + column_sql(c.name) + " IS " +
                         quote_literal(c.comment));
    }

    // One index element; prefix parts become left()/substr() expressions.
    std::optional<std::string> index_element(const Table& t, const Index& index,
                                             const IndexColumn& ic) {
        const Column* c = find_column_ci(t, ic.name);
        if (!c) {
            note(t, ic.name, index.name, "index column not in the table; index skipped");
            return std::nullopt;
        }
        std::string element = column_sql(c->name);
        const Mapping& m = mapping(t, *c);
        if (ic.prefix_length) {
            std::string n = std::to_string(*ic.prefix_length);
            if (is_text_type(m.pg_type)) element = "(left(" + element + ", " + n + "))";
            else if (m.pg_type == "bytea") element = "(substr(" + element + ", 1, " + n + "))";
            else
                note(t, c->name, index.name,
                     "prefix length " + n + " ignored for " + m.pg_type + "; whole column indexed");
        }
        if (ic.descending) element += " DESC";
        return element;
    }

    void add_indexes(const Table& t) {
        for (const Index& index : t.indexes) {
            if (index.kind == IndexKind::Fulltext) continue;
            if (index.kind == IndexKind::Primary) {
                if (options_.primary_key == PrimaryKeyPlacement::Deferred) add_deferred_pk(t, index);
                continue;
            }
            std::string name = names_.index(t, index);
            if (index.kind == IndexKind::Spatial) {
                add_spatial(t, index, name);
                continue;
            }
            std::vector<std::string> elements;
            for (const IndexColumn& ic : index.columns) {
                auto element = index_element(t, index, ic);
                if (!element) break;
                elements.push_back(*element);
            }
            if (elements.size() != index.columns.size()) continue;
            bool is_unique = index.kind == IndexKind::Unique;
            emit(DdlPhase::Indexes, t, name,
                 std::string("CREATE ") + (is_unique ? "UNIQUE " : "") + "INDEX " +
                     quote_ident(name) + " ON " + table_sql(t) + " (" + join(elements, ", ") + ")");
        }
    }

    void add_deferred_pk(const Table& t, const Index& pk) {
        std::string name = names_.primary_key(t);
        emit(DdlPhase::Indexes, t, name,
             "CREATE UNIQUE INDEX " + quote_ident(name) + " ON " + table_sql(t) + " (" +
                 join(key_columns(t, pk), ", ") + ")");
        emit(DdlPhase::Indexes, t, name,
             "ALTER TABLE " + table_sql(t) + " ADD CONSTRAINT " + quote_ident(name) +
                 " PRIMARY KEY USING INDEX " + quote_ident(name));
    }

    void add_spatial(const Table& t, const Index& index, const std::string& name) {
        if (options_.types.spatial != convert::SpatialPolicy::PostGis) {
            note(t, "", index.name, "SPATIAL index skipped: geometry is stored as WKB bytea");
            return;
        }
        std::vector<std::string> cols;
        for (const IndexColumn& ic : index.columns) cols.push_back(column_sql(ic.name));
        emit(DdlPhase::Indexes, t, name,
             "CREATE INDEX " + quote_ident(name) + " ON " + table_sql(t) + " USING gist (" +
                 join(cols, ", ") + ")");
    }

    // The referenced columns must be exactly the columns of the primary key or of a
    // unique index without prefix parts (Postgres' rule; InnoDB accepts any index).
    static bool has_unique_key(const Table& parent, const std::vector<std::string>& cols) {
        std::set<std::string> wanted;
        for (const std::string& c : cols) wanted.insert(util::ascii_lower(c));
        for (const Index& index : parent.indexes) {
            if (index.kind != IndexKind::Primary && index.kind != IndexKind::Unique) continue;
            std::set<std::string> have;
            bool has_prefix = false;
            for (const IndexColumn& ic : index.columns) {
                have.insert(util::ascii_lower(ic.name));
                has_prefix = has_prefix || ic.prefix_length.has_value();
            }
            // A prefix part still backs a whole-column primary key (see key_columns).
            if (has_prefix && index.kind != IndexKind::Primary) continue;
            if (have == wanted) return true;
        }
        return false;
    }

    std::optional<std::string> foreign_key_problem(const Table& t, const ForeignKey& fk,
                                                   const Table* parent) {
        if (!parent) return "references " + fk.referenced_table + ", which is not migrated";
        if (fk.columns.size() != fk.referenced_columns.size() || fk.columns.empty())
            return std::string("column lists differ in length");
        for (std::size_t i = 0; i < fk.columns.size(); ++i) {
            const Column* child = find_column_ci(t, fk.columns[i]);
            const Column* referenced = find_column_ci(*parent, fk.referenced_columns[i]);
            if (!child || !referenced) return std::string("names a column that does not exist");
            const std::string& child_type = mapping(t, *child).pg_type;
            const std::string& parent_type = mapping(*parent, *referenced).pg_type;
            if (!is_fk_compatible(child_type, parent_type))
                return child->name + " " + child_type + " cannot reference " + referenced->name +
                       " " + parent_type + " in Postgres";
        }
        if (!has_unique_key(*parent, fk.referenced_columns))
            return "Postgres needs a primary key or unique index on exactly the referenced "
                   "columns of " + parent->name;
        return std::nullopt;
    }

    void add_foreign_keys(const Table& t) {
        for (const ForeignKey& fk : t.foreign_keys) {
            const Table* parent = find_table_ci(catalog_, fk.referenced_table);
            if (auto problem = foreign_key_problem(t, fk, parent)) {
                note(t, "", fk.name, "foreign key skipped: " + *problem);
                continue;
            }
            std::vector<std::string> cols, refs;
            for (const std::string& c : fk.columns) cols.push_back(column_sql(find_column_ci(t, c)->name));
            for (const std::string& c : fk.referenced_columns)
                refs.push_back(column_sql(find_column_ci(*parent, c)->name));
            std::string name = names_.foreign_key(t, fk);
            emit(DdlPhase::ForeignKeys, t, name,
                 "ALTER TABLE " + table_sql(t) + " ADD CONSTRAINT " + quote_ident(name) +
                     " FOREIGN KEY (" + join(cols, ", ") + ") REFERENCES " +
                     table_sql(*parent) + " (" + join(refs, ", ") + ") ON DELETE " +
                     referential_action(fk.on_delete, t, fk) + " ON UPDATE " +
                     referential_action(fk.on_update, t, fk) + " NOT VALID");
            emit(DdlPhase::ForeignKeys, t, name,
                 "ALTER TABLE " + table_sql(t) + " VALIDATE CONSTRAINT " + quote_ident(name));
        }
    }

    // Constraint names are per table in Postgres. MariaDB names a column-level check after
    // its column, which reads badly as a constraint: that becomes <table>_<column>_check,
    // as Postgres names its own.
    std::string check_name(const Table& t, const CheckConstraint& check, std::set<std::string>& taken) const {
        std::string base = target_name(check.name, options_.identifier_case);
        if (const Column* c = find_column_ci(t, check.name))
            base = target_name(t.name, options_.identifier_case) + "_" +
                   target_name(c->name, options_.identifier_case) + "_check";
        std::string name = fit_identifier(base);
        for (int n = 2; taken.count(name); ++n) name = fit_identifier(base + "_" + std::to_string(n));
        taken.insert(name);
        return name;
    }

    // The names DdlNames gave the table's other constraints.
    std::set<std::string> constraint_names(const Table& t) const {
        std::set<std::string> taken = {names_.primary_key(t)};
        for (const Column& c : t.columns) {
            const std::string type = util::ascii_lower(c.data_type.empty() ? c.column_type.substr(0, c.column_type.find('('))
                                                                     : c.data_type);
            if (type == "enum" || type == "set") taken.insert(names_.check(t, c));
        }
        for (const ForeignKey& fk : t.foreign_keys) taken.insert(names_.foreign_key(t, fk));
        return taken;
    }

    // Like foreign keys: added NOT VALID after the copy, then validated, so the copy never
    // checks row by row and a violating row names the constraint once.
    void add_checks(const Table& t) {
        if (t.checks.empty()) return;
        std::set<std::string> taken = constraint_names(t);
        auto lookup = [&](std::string_view mysql_name) -> std::optional<CheckColumn> {
            const Column* c = find_column_ci(t, std::string(mysql_name));
            if (!c) return std::nullopt;
            return CheckColumn{column_sql(c->name), mapping(t, *c).pg_type, c->collation};
        };
        for (const CheckConstraint& check : t.checks) {
            CheckTranslation translated = translate_check_clause(check.clause, lookup);
            if (!translated.sql) {
                note(t, "", check.name,
                     "CHECK " + check.name + " (" + check.clause + ") not translated: " + translated.problem +
                         "; add it by hand");
                continue;
            }
            std::string name = check_name(t, check, taken);
            emit(DdlPhase::ForeignKeys, t, name,
                 "ALTER TABLE " + table_sql(t) + " ADD CONSTRAINT " + quote_ident(name) + " CHECK (" +
                     *translated.sql + ") NOT VALID");
            emit(DdlPhase::ForeignKeys, t, name,
                 "ALTER TABLE " + table_sql(t) + " VALIDATE CONSTRAINT " + quote_ident(name));
        }
    }

    void add_fulltext(const Table& t) {
        for (const Index& index : t.indexes) {
            if (index.kind != IndexKind::Fulltext) continue;
            std::vector<std::string> parts;
            for (const IndexColumn& ic : index.columns) {
                const Column* c = find_column_ci(t, ic.name);
                if (!c) {
                    note(t, ic.name, index.name, "FULLTEXT column not in the table; index skipped");
                    parts.clear();
                    break;
                }
                std::string col = column_sql(c->name);
                if (!is_text_type(mapping(t, *c).pg_type)) col += "::text";
                parts.push_back("coalesce(" + col + ", '')");
            }
            if (parts.empty()) continue;
            std::string name = names_.index(t, index);
            emit(DdlPhase::Fulltext, t, name,
                 "CREATE INDEX " + quote_ident(name) + " ON " + table_sql(t) +
                     " USING gin (to_tsvector(" + quote_literal(options_.text_search_config) +
                     "::regconfig, " + join(parts, " || ' ' || ") + "))");
        }
    }
};

std::vector<std::string> phase_sql(const Catalog& catalog, const DdlOptions& options,
                                   DdlPhase phase) {
    std::vector<std::string> out;
    for (DdlStatement& s : plan_ddl(catalog, options).statements)
        if (s.phase == phase) out.push_back(std::move(s.sql));
    return out;
}

}  // namespace

std::string qualified_table(const DdlOptions& options, std::string_view mysql_table) {
    return quote_ident(options.target_schema) + "." +
           quote_ident(target_name(mysql_table, options.identifier_case));
}

DdlPlan plan_ddl(const Catalog& catalog, const DdlOptions& options) {
    return Planner(catalog, options).run();
}

std::vector<std::string> tables_ddl(const Catalog& catalog, const DdlOptions& options) {
    return phase_sql(catalog, options, DdlPhase::Tables);
}
std::vector<std::string> indexes_ddl(const Catalog& catalog, const DdlOptions& options) {
    return phase_sql(catalog, options, DdlPhase::Indexes);
}
std::vector<std::string> foreign_keys_ddl(const Catalog& catalog, const DdlOptions& options) {
    return phase_sql(catalog, options, DdlPhase::ForeignKeys);
}
std::vector<std::string> fulltext_ddl(const Catalog& catalog, const DdlOptions& options) {
    return phase_sql(catalog, options, DdlPhase::Fulltext);
}

std::string full_script(const Catalog& catalog, const DdlOptions& options) {
    std::string out;
    for (const DdlStatement& s : plan_ddl(catalog, options).statements) out += s.sql + ";\n";
    return out;
}

}  // namespace m2pg::schema
