#include "check/targets.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>
#include <vector>

#include "target/postgres/sql_lexer.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace m2pg::check {

namespace {

std::string key(std::string_view table, std::string_view column) {
    return util::ascii_lower(table) + "." + util::ascii_lower(column);
}

// The lexer's tokens as the parser reads them: names folded to lower case (Postgres folds
// unquoted names; the limits are keyed case-insensitively anyway), strings as "'".
std::vector<std::string> tokenize(std::string_view sql) {
    std::vector<std::string> out;
    for (const auto& t : target::postgres::lex_sql(sql)) {
        switch (t.kind) {
            case target::postgres::SqlTokenKind::String:
            case target::postgres::SqlTokenKind::BitString: out.emplace_back("'"); break;
            case target::postgres::SqlTokenKind::QuotedName: out.push_back(util::ascii_lower(t.text)); break;
            default: out.push_back(t.text); break;
        }
    }
    return out;
}

class Parser {
public:
    Parser(std::vector<std::string> tokens, TargetLimits& limits) : t_(std::move(tokens)), limits_(limits) {}

    void run() {
        while (p_ < t_.size()) {
            if (is("create") && find_before_paren("table")) {
                create_table();
            } else if (is("alter") && peek(1) == "table") {
                alter_table();
            } else {
                ++p_;
            }
        }
    }

private:
    bool is(std::string_view word) const { return p_ < t_.size() && t_[p_] == word; }
    std::string peek(std::size_t ahead) const { return p_ + ahead < t_.size() ? t_[p_ + ahead] : std::string(); }
    // CREATE [UNLOGGED|TEMP] TABLE: "table" appears before the first "(" or ";".
    bool find_before_paren(std::string_view word) const {
        for (std::size_t i = p_ + 1; i < t_.size() && i < p_ + 5; ++i) {
            if (t_[i] == word) return true;
            if (t_[i] == "(" || t_[i] == ";") return false;
        }
        return false;
    }
    // [IF NOT EXISTS | IF EXISTS | ONLY] [schema.]name; leaves p_ after the name.
    std::string table_name() {
        while (is("if") || is("not") || is("exists") || is("only")) ++p_;
        std::string name = p_ < t_.size() ? t_[p_++] : std::string();
        while (is(".") && p_ + 1 < t_.size()) {
            name = t_[p_ + 1];
            p_ += 2;
        }
        return name;
    }
    // Reads a type starting at p_; returns the varchar limit, nullopt for other types.
    // Leaves p_ after the type.
    std::optional<std::int64_t> type_limit() {
        std::string first = p_ < t_.size() ? t_[p_] : std::string();
        bool varchar = false;
        if (first == "varchar") {
            varchar = true;
            ++p_;
        } else if (first == "character" && peek(1) == "varying") {
            varchar = true;
            p_ += 2;
        } else {
            ++p_;
        }
        if (varchar && is("(") && p_ + 2 < t_.size() && t_[p_ + 2] == ")" &&
            std::all_of(t_[p_ + 1].begin(), t_[p_ + 1].end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }) &&
            !t_[p_ + 1].empty()) {
            const std::int64_t n = std::stoll(t_[p_ + 1]);
            p_ += 3;
            if (is("[")) return std::nullopt;  // varchar(n)[]: an array, no per-value check here
            return n;
        }
        return std::nullopt;
    }
    void set_limit(const std::string& table, const std::string& column, std::optional<std::int64_t> n) {
        if (n) limits_.varchar_chars[key(table, column)] = *n;
        else limits_.varchar_chars.erase(key(table, column));
    }
    // Skips to the "," or ")" that ends the current element at depth 1 (not consumed).
    void skip_element() {
        int depth = 0;
        while (p_ < t_.size()) {
            if (t_[p_] == "(") ++depth;
            else if (t_[p_] == ")") {
                if (depth == 0) return;
                --depth;
            } else if (t_[p_] == "," && depth == 0) return;
            else if (t_[p_] == ";") return;
            ++p_;
        }
    }
    void create_table() {
        while (p_ < t_.size() && !is("table")) ++p_;
        ++p_;
        const std::string table = table_name();
        if (!is("(")) return;
        ++p_;
        static const std::vector<std::string> kConstraintWords = {"constraint", "primary", "unique", "check",
                                                                   "foreign",    "exclude", "like"};
        while (p_ < t_.size() && !is(")") && !is(";")) {
            if (std::find(kConstraintWords.begin(), kConstraintWords.end(), t_[p_]) == kConstraintWords.end()) {
                const std::string column = t_[p_++];
                set_limit(table, column, type_limit());
            }
            skip_element();
            if (is(",")) ++p_;
        }
    }
    void alter_table() {
        p_ += 2;
        const std::string table = table_name();
        while (p_ < t_.size() && !is(";")) {
            if (is("add")) {
                ++p_;
                if (is("column")) ++p_;
                if (is("constraint") || is("primary") || is("unique") || is("check") || is("foreign")) {
                    skip_element();
                } else {
                    while (is("if") || is("not") || is("exists")) ++p_;
                    const std::string column = p_ < t_.size() ? t_[p_++] : std::string();
                    set_limit(table, column, type_limit());
                    skip_element();
                }
            } else if (is("alter")) {
                ++p_;
                if (is("column")) ++p_;
                const std::string column = p_ < t_.size() ? t_[p_++] : std::string();
                if (is("set") && peek(1) == "data") p_ += 2;
                if (is("type")) {
                    ++p_;
                    set_limit(table, column, type_limit());
                }
                skip_element();
            } else if (is("drop") && (peek(1) == "column" || (peek(1) != "constraint" && peek(1) != "default"))) {
                p_ += peek(1) == "column" ? 2 : 1;
                while (is("if") || is("exists")) ++p_;
                if (p_ < t_.size()) limits_.varchar_chars.erase(key(table, t_[p_]));
                skip_element();
            } else if (is("rename") && peek(1) == "column" && peek(3) == "to") {
                auto it = limits_.varchar_chars.find(key(table, peek(2)));
                if (it != limits_.varchar_chars.end()) {
                    const auto n = it->second;
                    limits_.varchar_chars.erase(it);
                    limits_.varchar_chars[key(table, peek(4))] = n;
                }
                p_ += 5;
            } else {
                skip_element();
            }
            if (is(",")) ++p_;
            else if (is(")")) ++p_;
        }
    }

    std::vector<std::string> t_;
    std::size_t p_ = 0;
    TargetLimits& limits_;
};

}  // namespace

std::optional<std::int64_t> TargetLimits::limit(std::string_view table, std::string_view column) const {
    auto it = varchar_chars.find(key(table, column));
    if (it == varchar_chars.end()) return std::nullopt;
    return it->second;
}

void scan_varchar_limits(std::string_view sql, TargetLimits& limits) { Parser(tokenize(sql), limits).run(); }

TargetLimits limits_from_migrations(const std::filesystem::path& directory) {
    TargetLimits limits;
    limits.source = "profile migrations " + directory.string();
    std::error_code ec;
    if (directory.empty() || !std::filesystem::is_directory(directory, ec)) return limits;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(directory)) {
        const std::string name = entry.path().filename().string();
        if (name.size() > 7 && name.ends_with(".up.sql")) files.push_back(entry.path());
    }
    // NNNNNN_ prefixes are zero-padded, so name order is version order.
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
        std::ifstream in(file, std::ios::binary);
        if (!in) throw UsageError("cannot read migration " + file.string());
        std::ostringstream text;
        text << in.rdbuf();
        scan_varchar_limits(text.str(), limits);
    }
    return limits;
}

TargetLimits limits_from_catalog(const model::Catalog& catalog, const convert::TypeConfig& types) {
    TargetLimits limits;
    limits.source = "generated DDL";
    for (const auto& table : catalog.tables) {
        for (const auto& column : table.columns) {
            const convert::Mapping m = convert::map_column(types, table.name, column);
            TargetLimits one;
            scan_varchar_limits("CREATE TABLE t (c " + m.pg_type + ")", one);
            if (auto n = one.limit("t", "c")) limits.varchar_chars[key(table.name, column.name)] = *n;
        }
    }
    return limits;
}

}  // namespace m2pg::check
