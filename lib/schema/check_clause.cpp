#include "schema/check_clause.hpp"

#include <utility>
#include <vector>

#include "schema/check_literals.hpp"
#include "schema/check_tokens.hpp"
#include "schema/check_values.hpp"
#include "target/postgres/identifier.hpp"
#include "util/error.hpp"

namespace m2pg::schema {
using target::postgres::quote_literal;

namespace {

using namespace check_values;

class Parser {
public:
    Parser(std::vector<CheckToken> tokens, const CheckColumnLookup& columns)
        : tokens_(std::move(tokens)), columns_(columns) {}

    std::string run() {
        Value v = parse_or();
        if (pos_ < tokens_.size()) refuse("'" + tokens_[pos_].text + "' where the clause should end");
        if (v.kind != Kind::Boolean)
            refuse("the clause is " + kind_name(v.kind) + ", which MySQL reads as true or false and Postgres does not");
        return v.sql;
    }

private:
    std::vector<CheckToken> tokens_;
    const CheckColumnLookup& columns_;
    std::size_t pos_ = 0;

    const CheckToken* peek(std::size_t ahead = 0) const {
        return pos_ + ahead < tokens_.size() ? &tokens_[pos_ + ahead] : nullptr;
    }
    bool at(CheckTokenKind kind, std::string_view text, std::size_t ahead = 0) const {
        const CheckToken* t = peek(ahead);
        return t != nullptr && t->kind == kind && t->text == text;
    }
    bool at_word(std::string_view word, std::size_t ahead = 0) const {
        return at(CheckTokenKind::Word, word, ahead);
    }
    bool at_symbol(std::string_view symbol) const { return at(CheckTokenKind::Symbol, symbol); }
    bool accept_word(std::string_view word) {
        if (!at_word(word)) return false;
        ++pos_;
        return true;
    }
    bool accept_symbol(std::string_view symbol) {
        if (!at_symbol(symbol)) return false;
        ++pos_;
        return true;
    }
    void expect_symbol(std::string_view symbol) {
        if (accept_symbol(symbol)) return;
        const CheckToken* t = peek();
        refuse("'" + (t ? t->text : std::string("the end")) + "' where '" + std::string(symbol) + "' should be");
    }

    static Value predicate(std::string sql) { return make(std::move(sql), Kind::Boolean, kPredicate); }

    Value parse_or() {
        Value left = parse_and();
        for (;;) {
            if (at_symbol("||")) refuse("'||', which is OR or concatenation depending on sql_mode");
            if (at_word("xor")) refuse("XOR");
            if (!accept_word("or")) return left;
            Value right = parse_and();
            require_boolean(left, "OR");
            require_boolean(right, "OR");
            left = make(operand(left, kOr) + " OR " + operand(right, kAnd), Kind::Boolean, kOr);
        }
    }

    Value parse_and() {
        Value left = parse_not();
        while (accept_word("and") || accept_symbol("&&")) {
            Value right = parse_not();
            require_boolean(left, "AND");
            require_boolean(right, "AND");
            left = make(operand(left, kAnd) + " AND " + operand(right, kNot), Kind::Boolean, kAnd);
        }
        return left;
    }

    Value parse_not() {
        if (!accept_word("not")) return parse_predicate();
        Value v = parse_not();
        require_boolean(v, "NOT");
        return make("NOT " + operand(v, kNot), Kind::Boolean, kNot);
    }

    Value parse_predicate() {
        Value left = parse_additive();
        for (;;) {
            static const std::pair<std::string_view, std::string_view> kComparisons[] = {
                {"=", "="}, {"<>", "<>"}, {"!=", "<>"}, {"<", "<"}, {"<=", "<="}, {">", ">"}, {">=", ">="}};
            bool compared = false;
            for (const auto& [mysql_op, pg_op] : kComparisons) {
                if (!accept_symbol(mysql_op)) continue;
                Value right = parse_additive();
                require_comparable(left, right, mysql_op);
                left = predicate(operand(left, kAdditive) + " " + std::string(pg_op) + " " +
                                 operand(right, kAdditive));
                compared = true;
                break;
            }
            if (compared) continue;
            if (accept_symbol("<=>")) {
                Value right = parse_additive();
                if (!(left.kind == Kind::Null && right.kind == Kind::Null)) require_comparable(left, right, "<=>");
                left = predicate(operand(left, kAdditive) + " IS NOT DISTINCT FROM " + operand(right, kAdditive));
                continue;
            }
            if (accept_word("is")) {
                const bool negated = accept_word("not");
                if (!accept_word("null")) {
                    const CheckToken* t = peek();
                    refuse("IS " + std::string(negated ? "NOT " : "") + (t ? t->text : std::string()));
                }
                left = predicate(operand(left, kAdditive) + (negated ? " IS NOT NULL" : " IS NULL"));
                continue;
            }
            bool negated = false;
            if (at_word("not") && (at_word("between", 1) || at_word("in", 1) || at_word("like", 1) ||
                                   at_word("regexp", 1) || at_word("rlike", 1))) {
                ++pos_;
                negated = true;
            }
            const std::string not_sql = negated ? " NOT" : "";
            if (accept_word("between")) {
                Value low = parse_additive();
                if (!accept_word("and")) refuse("BETWEEN without AND");
                Value high = parse_additive();
                require_comparable(left, low, "BETWEEN");
                require_comparable(left, high, "BETWEEN");
                left = predicate(operand(left, kAdditive) + not_sql + " BETWEEN " + operand(low, kAdditive) +
                                 " AND " + operand(high, kAdditive));
            } else if (accept_word("in")) {
                left = predicate(operand(left, kAdditive) + not_sql + " IN (" + in_list(left) + ")");
            } else if (accept_word("like")) {
                Value pattern = parse_additive();
                require_text(left, "LIKE");
                require_text(pattern, "LIKE");
                require_text_comparison(left, pattern, "LIKE");
                if (at_word("escape")) refuse("LIKE ... ESCAPE");
                left = predicate(operand(left, kAdditive) + not_sql + " LIKE " + operand(pattern, kAdditive));
            } else if (accept_word("regexp") || accept_word("rlike")) {
                left = predicate(regexp(left, negated));
            } else {
                return left;
            }
        }
    }

    std::string in_list(const Value& left) {
        expect_symbol("(");
        std::string items;
        do {
            Value item = parse_additive();
            require_comparable(left, item, "IN");
            items += (items.empty() ? "" : ", ") + operand(item, kAdditive);
        } while (accept_symbol(","));
        expect_symbol(")");
        return items;
    }

    std::string regexp(const Value& left, bool negated) {
        const CheckToken* pattern = peek();
        if (pattern == nullptr || pattern->kind != CheckTokenKind::String)
            refuse("REGEXP with a pattern that is not a string literal");
        ++pos_;
        require_text(left, "REGEXP");
        Value literal = make(quote_literal(pattern->text), Kind::Text, kAtom);
        literal.is_literal = true;
        require_text_comparison(left, literal, "REGEXP");
        if (!is_plain_regex(pattern->text))
            refuse("REGEXP '" + pattern->text + "', which Postgres' regular expressions may read differently");
        return operand(left, kAdditive) + (negated ? " !~ " : " ~ ") + literal.sql;
    }

    Value parse_additive() {
        Value left = parse_multiplicative();
        for (;;) {
            std::string op;
            if (accept_symbol("+")) op = "+";
            else if (accept_symbol("-")) op = "-";
            else return left;
            left = arithmetic(std::move(left), op, parse_multiplicative(), kAdditive);
        }
    }

    Value parse_multiplicative() {
        Value left = parse_unary();
        for (;;) {
            if (accept_symbol("*")) {
                left = arithmetic(std::move(left), "*", parse_unary(), kMultiplicative);
            } else if (at_symbol("/")) {
                refuse("division, which MySQL answers with NULL for a zero divisor and with a decimal for integers");
            } else if (accept_symbol("%") || accept_word("mod")) {
                Value right = parse_unary();
                if (left.kind != Kind::Integer && left.kind != Kind::Exact)
                    refuse("MOD applied to " + kind_name(left.kind));
                require_positive_integer_literal(right, "MOD");
                Value v = make(operand(left, kMultiplicative) + " % " + right.sql, left.kind, kMultiplicative);
                v.is_wide = left.is_wide;
                left = std::move(v);
            } else if (accept_word("div")) {
                Value right = parse_unary();
                if (left.kind != Kind::Integer) refuse("DIV applied to " + kind_name(left.kind));
                require_positive_integer_literal(right, "DIV");
                Value v = make(operand(left, kMultiplicative) + " / " + right.sql, Kind::Integer, kMultiplicative);
                v.is_wide = left.is_wide;
                left = std::move(v);
            } else {
                return left;
            }
        }
    }

    static Value arithmetic(Value left, const std::string& op, Value right, int level) {
        require_numeric(left, op);
        require_numeric(right, op);
        if (left.kind == Kind::Integer && right.kind == Kind::Integer && !left.is_wide && !right.is_wide) {
            if (!left.is_literal || right.is_literal) left = widen(std::move(left));
            else right = widen(std::move(right));
        }
        Kind kind = Kind::Integer;
        if (left.kind == Kind::Float || right.kind == Kind::Float) kind = Kind::Float;
        else if (left.kind == Kind::Exact || right.kind == Kind::Exact) kind = Kind::Exact;
        Value v = make(operand(left, level) + " " + op + " " + operand(right, level + 1), kind, level);
        v.is_wide = true;
        return v;
    }

    Value parse_unary() {
        if (accept_symbol("-")) {
            Value v = parse_unary();
            require_numeric(v, "unary minus");
            if (v.is_literal && v.sql[0] != '-') {
                v.sql = "-" + v.sql;
                return v;
            }
            if (!v.is_literal) v = widen(std::move(v));  // -(-2147483648) overflows int4
            Value out = make("-" + (v.sql[0] == '-' ? "(" + v.sql + ")" : operand(v, kUnary)), v.kind, kUnary);
            out.is_wide = v.is_wide;
            return out;
        }
        if (accept_symbol("!")) {
            Value v = parse_unary();
            require_boolean(v, "!");
            return make("NOT " + operand(v, kNot), Kind::Boolean, kNot);
        }
        return parse_primary();
    }

    Value parse_primary() {
        const CheckToken* t = peek();
        if (t == nullptr) refuse("a clause that ends too early");
        ++pos_;
        switch (t->kind) {
            case CheckTokenKind::Symbol: {
                if (t->text != "(") refuse("'" + t->text + "' where a value should be");
                Value v = parse_or();
                if (at_symbol(",")) refuse("a row constructor");
                expect_symbol(")");
                return v;
            }
            case CheckTokenKind::Number: return number_value(t->text);
            case CheckTokenKind::String: {
                Value v = make(quote_literal(t->text), Kind::Text, kAtom);
                v.is_literal = true;
                v.text = t->text;
                return v;
            }
            case CheckTokenKind::Column: return column(t->text, "`" + t->text + "`");
            case CheckTokenKind::Word: break;
        }
        const std::string word = t->text;
        if (word == "null") {
            Value v = make("NULL", Kind::Null, kAtom);
            v.is_literal = true;
            return v;
        }
        if (word == "true" || word == "false") return number_value(word == "true" ? "1" : "0");
        if (at_symbol("(")) return function(word);
        if (const CheckToken* next = peek(); next && next->kind == CheckTokenKind::String)
            refuse("the character set introducer " + word);
        return column(word, "the word " + word);
    }

    Value column(const std::string& name, const std::string& what) const {
        std::optional<CheckColumn> c = columns_(name);
        if (!c) refuse(what + ", which is not a column of the table");
        return column_value(*c, name);
    }

    std::vector<Value> arguments() {
        std::vector<Value> args;
        expect_symbol("(");
        if (accept_symbol(")")) return args;
        do args.push_back(parse_or());
        while (accept_symbol(","));
        expect_symbol(")");
        return args;
    }

    Value function(const std::string& name) {
        std::vector<Value> args = arguments();
        auto require_one = [&] {
            if (args.size() != 1) refuse(name + "() with " + std::to_string(args.size()) + " arguments");
        };
        if (name == "char_length" || name == "character_length") {
            require_one();
            require_text(args[0], name);
            return make("char_length(" + args[0].sql + ")", Kind::Integer, kAtom);
        }
        if (name == "lower" || name == "lcase" || name == "upper" || name == "ucase") {
            require_one();
            require_text(args[0], name);
            Value v = args[0];
            v.sql = std::string(name == "lower" || name == "lcase" ? "lower(" : "upper(") + args[0].sql + ")";
            v.level = kAtom;
            v.is_literal = false;
            return v;
        }
        if (name == "abs") {
            require_one();
            require_numeric(args[0], name);
            Value v = widen(args[0]);
            v.sql = "abs(" + v.sql + ")";
            v.level = kAtom;
            v.is_literal = false;
            return v;
        }
        if (name == "coalesce") return coalesce(args);
        refuse("the function " + name + "()");
    }

    static Value coalesce(const std::vector<Value>& args) {
        if (args.empty()) refuse("coalesce() without arguments");
        const Value* first = nullptr;
        for (const Value& a : args)
            if (a.kind != Kind::Null && first == nullptr) first = &a;
        if (first == nullptr) refuse("coalesce() of NULLs only");
        for (const Value& a : args) {
            if (&a == first) continue;
            require_comparable(*first, a, "coalesce()");
            // The result takes the first argument's type; a date literal may follow a date.
            const bool same = a.kind == first->kind || (is_numeric(a.kind) && is_numeric(first->kind)) ||
                              (is_temporal(first->kind) && a.kind == Kind::Text);
            if (a.kind != Kind::Null && !same)
                refuse("coalesce() of " + kind_name(first->kind) + " and " + kind_name(a.kind));
        }
        Value v = *first;
        v.level = kAtom;
        v.is_literal = false;
        std::string sql;
        for (const Value& a : args) {
            sql += (sql.empty() ? "" : ", ") + a.sql;
            if (is_numeric(a.kind)) {
                if (a.kind == Kind::Float || (a.kind == Kind::Exact && v.kind == Kind::Integer)) v.kind = a.kind;
                v.is_wide = v.is_wide || a.is_wide;
            }
            if (a.kind == Kind::Text && a.origin == TextOrigin::Insensitive) {
                v.origin = TextOrigin::Insensitive;
                v.collation = a.collation;
            } else if (a.kind == Kind::Text && a.origin == TextOrigin::Exact && v.origin == TextOrigin::Literal) {
                v.origin = TextOrigin::Exact;
            }
        }
        v.sql = "COALESCE(" + sql + ")";
        return v;
    }
};

}  // namespace

CheckTranslation translate_check_clause(std::string_view mysql_clause, const CheckColumnLookup& columns) {
    CheckTokens lexed = tokenize_check_clause(mysql_clause);
    if (!lexed.problem.empty()) return {std::nullopt, lexed.problem};
    if (lexed.tokens.empty()) return {std::nullopt, "an empty clause"};
    try {
        return {Parser(std::move(lexed.tokens), columns).run(), {}};
    } catch (const CheckRefusal& refusal) {
        // Not an error: the DDL reports the clause for the user to add by hand.
        return {std::nullopt, refusal.what()};
    }
}

}  // namespace m2pg::schema
