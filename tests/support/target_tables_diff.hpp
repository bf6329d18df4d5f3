#pragma once
// Compares two descriptions of one Postgres schema (target::postgres::TargetTable lists)
// field by field: the tables a model read from DDL text against what read_target_tables
// read from a server where the same text ran. Every difference is one line, so a failing
// test shows all of them at once.
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "target/postgres/catalog.hpp"
#include "target/postgres/simple_check.hpp"

namespace m2pg::test {

namespace detail {

inline std::string show(const std::optional<std::int64_t>& v) { return v ? std::to_string(*v) : "none"; }

inline std::string show(const std::optional<target::postgres::AllowedValues>& v) {
    if (!v) return "not simple";
    std::string out = v->column + (v->numeric ? " in numbers" : " in") + " [";
    for (const auto& value : v->values) out += value + ";";
    return out + "]";
}

}  // namespace detail

// Tables of `live` named in `ignore` are left out (the migration runner's own tables).
inline std::vector<std::string> target_tables_diff(const std::vector<target::postgres::TargetTable>& model,
                                                   const std::vector<target::postgres::TargetTable>& live,
                                                   const std::set<std::string>& ignore = {}) {
    std::vector<std::string> out;
    std::map<std::string, const target::postgres::TargetTable*> by_name;
    for (const auto& t : model) by_name[t.name] = &t;
    std::set<std::string> seen;
    for (const auto& l : live) {
        if (ignore.count(l.name)) continue;
        seen.insert(l.name);
        auto found = by_name.find(l.name);
        if (found == by_name.end()) {
            out.push_back("table " + l.name + ": only on the server");
            continue;
        }
        const auto& m = *found->second;
        std::vector<std::string> model_names, live_names;
        for (const auto& c : m.columns) model_names.push_back(c.name);
        for (const auto& c : l.columns) live_names.push_back(c.name);
        if (model_names != live_names) {
            std::ostringstream s;
            s << "table " << l.name << ": columns";
            for (const auto& n : model_names) s << " " << n;
            s << " vs";
            for (const auto& n : live_names) s << " " << n;
            out.push_back(s.str());
        }
        for (const auto& lc : l.columns) {
            const auto* mc = m.find_column(lc.name);
            if (!mc) continue;
            auto field = [&](const std::string& what, const std::string& a, const std::string& b) {
                if (a != b) out.push_back(l.name + "." + lc.name + " " + what + ": " + a + " vs " + b);
            };
            field("type", mc->type, lc.type);
            field("base_type", mc->base_type, lc.base_type);
            field("element_type", mc->element_type, lc.element_type);
            field("is_enum", mc->is_enum ? "yes" : "no", lc.is_enum ? "yes" : "no");
            std::string ml, ll;
            for (const auto& x : mc->enum_labels) ml += x + ";";
            for (const auto& x : lc.enum_labels) ll += x + ";";
            field("enum_labels", ml, ll);
            field("max_chars", detail::show(mc->max_chars), detail::show(lc.max_chars));
            field("numeric_precision", detail::show(mc->numeric_precision), detail::show(lc.numeric_precision));
            field("numeric_scale", detail::show(mc->numeric_scale), detail::show(lc.numeric_scale));
            field("not_null", mc->not_null ? "yes" : "no", lc.not_null ? "yes" : "no");
            field("has_default", mc->has_default ? "yes" : "no", lc.has_default ? "yes" : "no");
        }
        std::map<std::string, std::string> model_checks;
        for (const auto& c : m.checks) model_checks[c.name] = c.definition;
        for (const auto& c : l.checks) {
            auto mc = model_checks.find(c.name);
            if (mc == model_checks.end()) {
                out.push_back(l.name + " check " + c.name + ": only on the server (" + c.definition + ")");
                continue;
            }
            // The texts differ (the server rewrites them); what a data check reads must not.
            const auto a = detail::show(target::postgres::allowed_values(mc->second));
            const auto b = detail::show(target::postgres::allowed_values(c.definition));
            if (a != b) out.push_back(l.name + " check " + c.name + ": " + a + " vs " + b);
            model_checks.erase(mc);
        }
        for (const auto& [name, definition] : model_checks)
            out.push_back(l.name + " check " + name + ": only in the model (" + definition + ")");
    }
    for (const auto& m : model)
        if (!seen.count(m.name)) out.push_back("table " + m.name + ": only in the model");
    return out;
}

}  // namespace m2pg::test
