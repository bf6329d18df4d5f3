#include "target/postgres/schema_model.hpp"

#include <algorithm>
#include <set>

#include "target/postgres/identifier.hpp"

namespace m2pg::target::postgres {

namespace {

using Tokens = std::vector<SqlToken>;

bool is_name(const SqlToken& t) { return t.kind == SqlTokenKind::Word || t.kind == SqlTokenKind::QuotedName; }

// Postgres cuts a longer name to 63 bytes (at a character boundary) when it reads it.
std::string clip(std::string name) {
    if (name.size() <= kMaxIdentifierBytes) return name;
    std::size_t n = kMaxIdentifierBytes;
    while (n > 0 && (static_cast<unsigned char>(name[n]) & 0xC0) == 0x80) --n;
    name.resize(n);
    return name;
}

// Reads [schema.]name at p, returns the last part; empty when no name is there.
std::string qualified_name(const Tokens& t, std::size_t& p, std::size_t end) {
    if (p >= end || !is_name(t[p])) return {};
    std::string name = t[p++].text;
    while (p + 1 < end && t[p].is_symbol(".") && is_name(t[p + 1])) {
        name = t[p + 1].text;
        p += 2;
    }
    return clip(name);
}

bool words(const Tokens& t, std::size_t p, std::size_t end, std::initializer_list<std::string_view> ws) {
    for (auto w : ws) {
        if (p >= end || !t[p].is(w)) return false;
        ++p;
    }
    return true;
}

// Past the words if they are all there.
bool accept(const Tokens& t, std::size_t& p, std::size_t end, std::initializer_list<std::string_view> ws) {
    if (!words(t, p, end, ws)) return false;
    p += ws.size();
    return true;
}

// At '(' → index just past its ')'.
std::size_t past_parens(const Tokens& t, std::size_t p, std::size_t end) {
    int depth = 0;
    for (; p < end; ++p) {
        if (t[p].is_symbol("(") || t[p].is_symbol("[")) ++depth;
        else if ((t[p].is_symbol(")") || t[p].is_symbol("]")) && --depth == 0) return p + 1;
    }
    return end;
}

// To the ',' or ')' that ends the current list element at this depth (not consumed).
std::size_t element_end(const Tokens& t, std::size_t p, std::size_t end) {
    while (p < end && !t[p].is_symbol(",") && !t[p].is_symbol(")")) {
        p = t[p].is_symbol("(") || t[p].is_symbol("[") ? past_parens(t, p, end) : p + 1;
    }
    return p;
}

// A token as SQL again: enough to re-read a CHECK expression, not the author's spacing.
std::string render(const SqlToken& t) {
    auto quoted = [&](char q) {
        std::string out(1, q);
        for (char c : t.text) out += c == q ? std::string(2, q) : std::string(1, c);
        return out + q;
    };
    switch (t.kind) {
        case SqlTokenKind::String: return quoted('\'');
        case SqlTokenKind::QuotedName: return quoted('"');
        default: return t.text;
    }
}

std::string render(const Tokens& t, std::size_t begin, std::size_t end) {
    std::string out;
    for (std::size_t i = begin; i < end; ++i) {
        const bool tight = t[i].is_symbol(")") || t[i].is_symbol(",") || t[i].is_symbol("]") ||
                           (i > begin && (t[i - 1].is_symbol("(") || t[i - 1].is_symbol("[")));
        if (!out.empty() && !tight) out += ' ';
        out += render(t[i]);
    }
    return out;
}

// The columns of `known` an expression names.
std::set<std::string> named_columns(const Tokens& t, std::size_t begin, std::size_t end,
                                    const std::set<std::string>& known) {
    std::set<std::string> out;
    for (std::size_t i = begin; i < end; ++i)
        if (is_name(t[i]) && known.count(t[i].text)) out.insert(t[i].text);
    return out;
}

// DEFAULT NULL (or NULL::type) is no default (TargetColumn::has_default).
bool is_null_default(const Tokens& t, std::size_t p, std::size_t end) {
    if (p >= end || !t[p].is("null")) return false;
    ++p;
    if (p < end && t[p].is_symbol("::")) {
        p += 2;
        while (p < end && (t[p].is("varying") || t[p].is("precision"))) ++p;
        if (p < end && t[p].is_symbol("(")) p = past_parens(t, p, end);
    }
    return p >= end || t[p].is_symbol(",") || t[p].is_symbol(")") ||
           (t[p].kind == SqlTokenKind::Word && t[p].text != "is" && t[p].text != "or" && t[p].text != "and");
}

const std::set<std::string_view> kColumnConstraintWords = {
    "constraint", "not", "null", "primary", "unique", "check", "references", "default",
    "generated", "collate", "deferrable", "initially", "compression", "storage"};

}  // namespace

SchemaModel::Column* SchemaModel::Table::find(const std::string& name) {
    for (auto& c : columns)
        if (c.column.name == name) return &c;
    return nullptr;
}

void SchemaModel::apply(std::string_view sql) {
    const Tokens tokens = lex_sql(sql);
    run_statements(tokens, 0, tokens.size(), false);
}

void SchemaModel::run_statements(const Tokens& t, std::size_t begin, std::size_t end, bool in_block) {
    std::size_t a = begin;
    for (std::size_t i = begin; i <= end; ++i) {
        if (i < end && !t[i].is_symbol(";")) continue;
        if (!in_block) {
            if (a < i) statement(t, a, i);
        } else {
            // PL/pgSQL: the DDL of a piece starts after the control words that lead to it
            // ("IF ... THEN ALTER TABLE ..."); EXECUTE of a plain literal runs that text.
            for (std::size_t k = a; k < i; ++k) {
                const bool starts = k == a || t[k - 1].is("then") || t[k - 1].is("else") || t[k - 1].is("begin") ||
                                    t[k - 1].is("loop");
                if (starts && (t[k].is("create") || t[k].is("alter") || t[k].is("drop"))) {
                    statement(t, k, i);
                    break;
                }
                if (t[k].is("execute") && k + 1 < i && t[k + 1].kind == SqlTokenKind::String &&
                    (k + 2 == i || t[k + 2].is("using"))) {
                    apply(t[k + 1].text);
                    break;
                }
            }
        }
        a = i + 1;
    }
}

void SchemaModel::statement(const Tokens& t, std::size_t p, std::size_t end) {
    if (accept(t, p, end, {"do"})) return do_block(t, p, end);
    if (accept(t, p, end, {"create"})) {
        accept(t, p, end, {"or", "replace"});
        if (accept(t, p, end, {"type"})) return create_type(t, p, end);
        if (accept(t, p, end, {"domain"})) return create_domain(t, p, end);
        // [GLOBAL|LOCAL] [TEMP|TEMPORARY|UNLOGGED] TABLE; temporary tables are not the schema's.
        if (!accept(t, p, end, {"global"})) accept(t, p, end, {"local"});
        if (accept(t, p, end, {"temp"}) || accept(t, p, end, {"temporary"})) return;
        accept(t, p, end, {"unlogged"});
        if (accept(t, p, end, {"table"})) return create_table(t, p, end);
        return;
    }
    if (accept(t, p, end, {"alter", "table"})) return alter_table(t, p, end);
    if (accept(t, p, end, {"alter", "type"})) return alter_type(t, p, end);
    if (accept(t, p, end, {"drop", "table"})) return drop_table(t, p, end);
    if (accept(t, p, end, {"drop", "type"}) || accept(t, p, end, {"drop", "domain"})) {
        accept(t, p, end, {"if", "exists"});
        while (p < end) {
            const std::string name = qualified_name(t, p, end);
            enums_.erase(name);
            domains_.erase(name);
            if (p < end && t[p].is_symbol(",")) ++p;
            else break;
        }
    }
}

void SchemaModel::do_block(const Tokens& t, std::size_t p, std::size_t end) {
    for (; p < end; ++p) {
        if (t[p].kind != SqlTokenKind::String) continue;
        const Tokens body = lex_sql(t[p].text);
        run_statements(body, 0, body.size(), true);
        return;
    }
}

void SchemaModel::create_table(const Tokens& t, std::size_t p, std::size_t end) {
    const bool if_not_exists = accept(t, p, end, {"if", "not", "exists"});
    const std::string name = qualified_name(t, p, end);
    if (name.empty() || (if_not_exists && tables_.count(name))) return;
    Table table;
    if (accept(t, p, end, {"partition", "of"})) {
        auto parent = tables_.find(qualified_name(t, p, end));
        if (parent == tables_.end()) return;
        table.columns = parent->second.columns;
        tables_[name] = std::move(table);
        return;
    }
    if (p >= end || !t[p].is_symbol("(")) return;  // CREATE TABLE ... AS / OF type: columns unknown
    const std::size_t close = past_parens(t, p, end);
    // CREATE TABLE t (a, b) AS SELECT ...: a list of names, not definitions.
    if (close < end && t[close].is("as")) return;
    ++p;
    while (p < close - 1) {
        std::string constraint;
        if (accept(t, p, end, {"constraint"}) && p < end) constraint = clip(t[p++].text);
        if (p >= close - 1) break;
        if (!constraint.empty() || t[p].is("check") || t[p].is("primary") || t[p].is("unique") ||
            t[p].is("foreign") || t[p].is("exclude")) {
            table_constraint(name, table, t, p, close, constraint);
        } else if (accept(t, p, end, {"like"})) {
            auto source = tables_.find(qualified_name(t, p, end));
            bool defaults = false;
            bool checks = false;
            while (p < close - 1 && (t[p].is("including") || t[p].is("excluding"))) {
                const bool on = t[p].is("including");
                const std::string what = p + 1 < end ? t[p + 1].text : "";
                if (what == "defaults" || what == "all") defaults = on;
                if (what == "constraints" || what == "all") checks = on;
                p += 2;
            }
            if (source != tables_.end()) {
                for (auto c : source->second.columns) {
                    if (!defaults) c.column.has_default = false;
                    if (!table.find(c.column.name)) table.columns.push_back(std::move(c));
                }
                if (checks)
                    for (const auto& [check, definition] : source->second.checks) table.checks[check] = definition;
            }
        } else {
            column_definition(name, table, t, p, close, false);
        }
        p = element_end(t, p, close);
        // Past the ',' (or a stray ')' of unbalanced text, so the loop always moves on).
        if (p < close) ++p;
    }
    p = close;
    if (accept(t, p, end, {"inherits"}) && p < end && t[p].is_symbol("(")) {
        // Inherited columns come first, then the table's own.
        std::vector<Column> columns;
        for (++p; p < end && !t[p].is_symbol(")");) {
            auto parent = tables_.find(qualified_name(t, p, end));
            if (parent != tables_.end())
                for (const auto& c : parent->second.columns) columns.push_back(c);
            if (p < end && t[p].is_symbol(",")) ++p;
            else if (p < end && !t[p].is_symbol(")")) ++p;
        }
        for (auto& c : table.columns) {
            auto same = std::find_if(columns.begin(), columns.end(),
                                     [&](const Column& x) { return x.column.name == c.column.name; });
            if (same == columns.end()) columns.push_back(std::move(c));
        }
        table.columns = std::move(columns);
    }
    tables_[name] = std::move(table);
}

void SchemaModel::set_type(Column& c, const TypeSpec& type) const {
    c.column.type = type.format;
    c.column.base_type = type.typname;
    c.column.element_type = type.element;
    c.column.max_chars = type.max_chars;
    c.column.numeric_precision = type.numeric_precision;
    c.column.numeric_scale = type.numeric_scale;
    c.user_type = type.is_builtin ? "" : type.scalar_typname();
}

void SchemaModel::column_definition(const std::string& table, Table& into, const Tokens& t, std::size_t& p,
                                    std::size_t end, bool if_not_exists) {
    if (p >= end || !is_name(t[p])) return;
    Column c;
    c.column.name = clip(t[p++].text);
    const auto type = read_type(t, p, end);
    if (!type) return;
    set_type(c, *type);
    if (type->is_serial) c.column.not_null = c.column.has_default = true;
    std::string constraint;
    std::vector<std::pair<std::string, std::string>> checks;  // name, definition
    while (p < end && !t[p].is_symbol(",") && !t[p].is_symbol(")")) {
        if (accept(t, p, end, {"constraint"})) {
            if (p < end) constraint = clip(t[p++].text);
        } else if (accept(t, p, end, {"not", "null"}) || accept(t, p, end, {"primary", "key"})) {
            c.column.not_null = true;
        } else if (accept(t, p, end, {"null"})) {
            c.column.not_null = false;
        } else if (accept(t, p, end, {"default"})) {
            c.column.has_default = !is_null_default(t, p, end);
            // The expression runs to the next constraint word outside parentheses.
            p = t[p].is_symbol("(") ? past_parens(t, p, end) : p + 1;
            while (p < end && !t[p].is_symbol(",") && !t[p].is_symbol(")") &&
                   !(t[p].kind == SqlTokenKind::Word && kColumnConstraintWords.count(t[p].text)))
                p = t[p].is_symbol("(") ? past_parens(t, p, end) : p + 1;
        } else if (accept(t, p, end, {"generated"})) {
            c.column.has_default = true;
            for (; p < end && !t[p].is_symbol(",") && !t[p].is_symbol(")"); ++p) {
                if (t[p].is("identity")) c.column.not_null = true;
                if (t[p].is_symbol("(")) p = past_parens(t, p, end) - 1;
            }
        } else if (accept(t, p, end, {"check"}) && p < end && t[p].is_symbol("(")) {
            const std::size_t close = past_parens(t, p, end);
            checks.emplace_back(constraint, "CHECK " + render(t, p, close));
            constraint.clear();
            p = close;
        } else if (accept(t, p, end, {"references"})) {
            qualified_name(t, p, end);
            if (p < end && t[p].is_symbol("(")) p = past_parens(t, p, end);
            // ON DELETE SET NULL: that NULL is an action, not a constraint.
            while (p < end && (t[p].is("on") || t[p].is("match"))) {
                const bool action = t[p].is("on");
                p += 2;
                if (!action) continue;
                if (!accept(t, p, end, {"set"})) accept(t, p, end, {"no"});
                ++p;
            }
        } else if (t[p].is_symbol("(")) {
            p = past_parens(t, p, end);
        } else {
            ++p;
        }
    }
    Column* existing = into.find(c.column.name);
    if (existing && if_not_exists) return;
    if (existing) *existing = c;
    else into.columns.push_back(c);
    for (auto& [name, definition] : checks)
        add_check(into, name.empty() ? table + "_" + c.column.name + "_check" : name, definition);
}

void SchemaModel::table_constraint(const std::string& table, Table& into, const Tokens& t, std::size_t& p,
                                   std::size_t end, std::string name) {
    if (accept(t, p, end, {"check"}) && p < end && t[p].is_symbol("(")) {
        const std::size_t close = past_parens(t, p, end);
        std::set<std::string> known;
        for (const auto& c : into.columns) known.insert(c.column.name);
        const auto named = named_columns(t, p, close, known);
        // Postgres names a table CHECK after its column when it uses exactly one.
        if (name.empty()) name = table + (named.size() == 1 ? "_" + *named.begin() : "") + "_check";
        add_check(into, name, "CHECK " + render(t, p, close));
        p = close;
    } else if (accept(t, p, end, {"primary", "key"}) && p < end && t[p].is_symbol("(")) {
        for (++p; p < end && !t[p].is_symbol(")"); ++p)
            if (is_name(t[p]))
                if (Column* c = into.find(t[p].text)) c->column.not_null = true;
        if (p < end) ++p;
    }
}

void SchemaModel::add_check(Table& into, std::string name, const std::string& definition) {
    name = clip(name);
    // A generated name that is taken gets a number, as ChooseConstraintName does.
    const std::string base = name;
    for (int n = 1; into.checks.count(name); ++n) name = clip(base) + std::to_string(n);
    into.checks[name] = definition;
}

void SchemaModel::alter_table(const Tokens& t, std::size_t p, std::size_t end) {
    accept(t, p, end, {"if", "exists"});
    accept(t, p, end, {"only"});
    const std::string name = qualified_name(t, p, end);
    accept(t, p, end, {"*"});
    auto found = tables_.find(name);
    if (found == tables_.end()) return;
    Table& table = found->second;
    while (p < end) {
        if (accept(t, p, end, {"add"})) {
            const bool column = accept(t, p, end, {"column"});
            std::string constraint;
            if (!column && accept(t, p, end, {"constraint"}) && p < end) constraint = clip(t[p++].text);
            if (p >= end) break;
            if (!column && (!constraint.empty() || t[p].is("check") || t[p].is("primary") || t[p].is("unique") ||
                            t[p].is("foreign") || t[p].is("exclude"))) {
                table_constraint(name, table, t, p, end, constraint);
            } else {
                const bool if_not_exists = accept(t, p, end, {"if", "not", "exists"});
                column_definition(name, table, t, p, end, if_not_exists);
            }
        } else if (accept(t, p, end, {"drop"})) {
            if (accept(t, p, end, {"constraint"})) {
                accept(t, p, end, {"if", "exists"});
                if (p < end) table.checks.erase(t[p++].text);
            } else {
                accept(t, p, end, {"column"});
                accept(t, p, end, {"if", "exists"});
                if (p < end && is_name(t[p])) {
                    const std::string column = t[p++].text;
                    std::erase_if(table.columns, [&](const Column& c) { return c.column.name == column; });
                    // Constraints that use the column go with it.
                    std::erase_if(table.checks, [&](const auto& check) {
                        const Tokens e = lex_sql(check.second);
                        return !named_columns(e, 0, e.size(), {column}).empty();
                    });
                }
            }
        } else if (accept(t, p, end, {"alter"})) {
            accept(t, p, end, {"column"});
            Column* c = p < end ? table.find(t[p].text) : nullptr;
            ++p;
            if (!c) {
                // a column this model does not know: nothing to change
            } else if (accept(t, p, end, {"type"}) || accept(t, p, end, {"set", "data", "type"})) {
                if (auto type = read_type(t, p, end)) set_type(*c, *type);
            } else if (accept(t, p, end, {"set", "default"})) {
                c->column.has_default = !is_null_default(t, p, end);
            } else if (accept(t, p, end, {"drop", "default"}) || accept(t, p, end, {"drop", "identity"}) ||
                       accept(t, p, end, {"drop", "expression"})) {
                c->column.has_default = false;
            } else if (accept(t, p, end, {"set", "not", "null"})) {
                c->column.not_null = true;
            } else if (accept(t, p, end, {"drop", "not", "null"})) {
                c->column.not_null = false;
            } else if (accept(t, p, end, {"add", "generated"})) {
                c->column.has_default = c->column.not_null = true;
            }
        } else if (accept(t, p, end, {"rename"})) {
            if (accept(t, p, end, {"to"})) {
                const std::string to = qualified_name(t, p, end);
                if (!to.empty() && !tables_.count(to)) {
                    auto node = tables_.extract(found);
                    node.key() = to;
                    tables_.insert(std::move(node));
                }
                return;
            }
            if (accept(t, p, end, {"constraint"})) {
                if (p + 2 < end && t[p + 1].is("to")) {
                    auto check = table.checks.find(t[p].text);
                    if (check != table.checks.end()) {
                        const std::string definition = check->second;
                        table.checks.erase(check);
                        table.checks[clip(t[p + 2].text)] = definition;
                    }
                }
            } else {
                accept(t, p, end, {"column"});
                if (p + 2 < end && t[p + 1].is("to")) {
                    const std::string from = t[p].text, to = clip(t[p + 2].text);
                    if (Column* c = table.find(from)) c->column.name = to;
                    for (auto& [check, definition] : table.checks) {
                        Tokens e = lex_sql(definition);
                        for (auto& token : e)
                            if (is_name(token) && token.text == from) {
                                token.kind = SqlTokenKind::QuotedName;
                                token.text = to;
                            }
                        definition = render(e, 0, e.size());
                    }
                }
            }
        }
        p = element_end(t, p, end);
        if (p < end) ++p;  // the ',' between actions
    }
}

void SchemaModel::drop_table(const Tokens& t, std::size_t p, std::size_t end) {
    accept(t, p, end, {"if", "exists"});
    while (p < end) {
        tables_.erase(qualified_name(t, p, end));
        if (p < end && t[p].is_symbol(",")) ++p;
        else break;
    }
}

void SchemaModel::create_type(const Tokens& t, std::size_t p, std::size_t end) {
    const std::string name = qualified_name(t, p, end);
    if (name.empty() || !accept(t, p, end, {"as", "enum"}) || p >= end || !t[p].is_symbol("(")) return;
    std::vector<std::string> labels;
    for (++p; p < end && !t[p].is_symbol(")"); ++p)
        if (t[p].kind == SqlTokenKind::String) labels.push_back(t[p].text);
    enums_[name] = std::move(labels);
}

void SchemaModel::alter_type(const Tokens& t, std::size_t p, std::size_t end) {
    const std::string name = qualified_name(t, p, end);
    auto found = enums_.find(name);
    if (found == enums_.end()) return;
    auto& labels = found->second;
    if (accept(t, p, end, {"add", "value"})) {
        accept(t, p, end, {"if", "not", "exists"});
        if (p >= end || t[p].kind != SqlTokenKind::String) return;
        const std::string label = t[p++].text;
        if (std::find(labels.begin(), labels.end(), label) != labels.end()) return;
        auto at = labels.end();
        const bool before = accept(t, p, end, {"before"});
        if ((before || accept(t, p, end, {"after"})) && p < end) {
            auto other = std::find(labels.begin(), labels.end(), t[p].text);
            if (other != labels.end()) at = before ? other : other + 1;
        }
        labels.insert(at, label);
    } else if (accept(t, p, end, {"rename", "value"})) {
        if (p + 2 < end && t[p + 1].is("to"))
            std::replace(labels.begin(), labels.end(), t[p].text, t[p + 2].text);
    } else if (accept(t, p, end, {"rename", "to"})) {
        const std::string to = qualified_name(t, p, end);
        if (to.empty()) return;
        enums_[to] = labels;
        enums_.erase(name);
        for (auto& [table, model] : tables_)
            for (auto& c : model.columns)
                if (c.user_type == name) {
                    c.user_type = to;
                    const bool array = c.column.is_array();
                    c.column.type = quote_ident(to) + (array ? "[]" : "");
                    c.column.base_type = (array ? "_" : "") + to;
                    if (array) c.column.element_type = to;
                }
    }
}

void SchemaModel::create_domain(const Tokens& t, std::size_t p, std::size_t end) {
    const std::string name = qualified_name(t, p, end);
    accept(t, p, end, {"as"});
    if (auto type = read_type(t, p, end); type && !name.empty()) domains_[name] = *type;
}

std::vector<TargetTable> SchemaModel::tables() const {
    std::vector<TargetTable> out;
    for (const auto& [name, model] : tables_) {
        TargetTable table{schema_, name, {}, {}};
        for (const auto& c : model.columns) {
            TargetColumn column = c.column;
            std::string type = c.user_type;
            // A domain reads as its base type (and its typmod), under the domain's own name.
            if (auto domain = domains_.find(type); domain != domains_.end() && !column.is_array()) {
                column.base_type = domain->second.typname;
                column.element_type = domain->second.element;
                column.max_chars = domain->second.max_chars;
                column.numeric_precision = domain->second.numeric_precision;
                column.numeric_scale = domain->second.numeric_scale;
                type = domain->second.is_builtin ? "" : domain->second.scalar_typname();
            }
            if (auto labels = enums_.find(type); labels != enums_.end()) {
                column.is_enum = true;
                column.enum_labels = labels->second;
            }
            table.columns.push_back(std::move(column));
        }
        for (const auto& [check, definition] : model.checks) table.checks.push_back({check, definition});
        out.push_back(std::move(table));
    }
    return out;
}

}  // namespace m2pg::target::postgres
