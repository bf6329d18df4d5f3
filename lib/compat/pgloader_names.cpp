#include "compat/pgloader_names.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace m2pg::compat {

namespace {

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ascii_alnum(char c) { return is_ascii_letter(c) || is_digit(c); }
bool is_non_ascii(char c) { return static_cast<unsigned char>(c) >= 0x80; }

bool has(std::string_view text, char c) { return text.find(c) != std::string_view::npos; }

std::optional<std::string> quoted(std::string_view text, char quote) {
    if (text.empty() || has(text, quote)) return std::nullopt;
    return quote + std::string(text) + quote;
}

bool is_ipv4(std::string_view host) {
    int parts = 0;
    std::size_t start = 0;
    while (start <= host.size()) {
        std::size_t dot = std::min(host.find('.', start), host.size());
        std::string_view part = host.substr(start, dot - start);
        if (part.empty() || part.size() > 3 || !std::all_of(part.begin(), part.end(), is_digit)) return false;
        ++parts;
        start = dot + 1;
    }
    return parts == 4;
}

}  // namespace

bool is_bare_name(std::string_view name) {
    if (name.empty() || !(is_ascii_letter(name[0]) || name[0] == '_')) return false;
    return std::all_of(name.begin(), name.end(), [](char c) {
        return is_ascii_alnum(c) || c == '-' || c == '_' || c == '$' || c == '%';
    });
}

std::optional<std::string> cast_name(std::string_view name) {
    if (is_bare_name(name)) return std::string(name);
    if (auto q = quoted(name, '"')) return q;
    return quoted(name, '\'');
}

std::optional<std::string> cast_type(std::string_view pg_type) {
    bool is_word = !pg_type.empty() && is_ascii_letter(pg_type[0]) &&
                   std::all_of(pg_type.begin(), pg_type.end(), [](char c) { return is_ascii_alnum(c) || c == '_'; });
    if (is_word) return std::string(pg_type);
    return quoted(pg_type, '"');
}

std::optional<std::string> table_pattern(std::string_view name) {
    if (auto q = quoted(name, '\'')) return q;
    // pgloader matches with cl-ppcre, where a backslash makes any ASCII punctuation literal;
    // the grammar itself knows no escape, so the closing delimiter must not occur at all.
    static constexpr std::array<std::pair<char, char>, 8> kDelimiters = {
        {{'/', '/'}, {'|', '|'}, {'#', '#'}, {'<', '>'}, {'[', ']'}, {'{', '}'}, {'(', ')'}, {'"', '"'}}};
    for (auto [open, close] : kDelimiters) {
        if (has(name, close)) continue;
        std::string regex;
        for (char c : name) {
            if (!is_ascii_alnum(c) && c != '_' && !is_non_ascii(c)) regex += '\\';
            regex += c;
        }
        return std::string("~") + open + "^" + regex + "$" + close;
    }
    return std::nullopt;
}

std::optional<std::string> single_quoted(std::string_view text) { return quoted(text, '\''); }

std::optional<std::string> url_user(std::string_view user) {
    // username: (_ | letter) (letter | digit | . | \ | - | _ | $ | % | @@ | ::)*
    // Bytes of UTF-8 sequences are taken as letters, which SBCL's alpha-char-p agrees with
    // for letters of other scripts.
    auto is_start = [](char c) { return is_ascii_letter(c) || c == '_' || is_non_ascii(c); };
    if (user.empty() || !is_start(user[0])) return std::nullopt;
    std::string out;
    for (char c : user) {
        if (is_ascii_alnum(c) || is_non_ascii(c) || std::string_view(".\\-_$%").find(c) != std::string_view::npos) {
            out += c;
        } else if (c == '@' || c == ':') {
            out += c;
            out += c;
        } else {
            return std::nullopt;
        }
    }
    return out;
}

std::optional<std::string> url_database(std::string_view name) {
    if (is_bare_name(name)) return std::string(name);
    return quoted(name, '\'');
}

std::optional<std::string> url_host(std::string_view host) {
    if (is_ipv4(host)) return std::string(host);
    std::size_t start = 0;
    while (start <= host.size()) {
        std::size_t dot = std::min(host.find('.', start), host.size());
        if (!is_bare_name(host.substr(start, dot - start))) return std::nullopt;
        start = dot + 1;
    }
    return std::string(host);
}

std::optional<std::string> url_socket(std::string_view path) {
    bool ok = !path.empty() && std::all_of(path.begin(), path.end(), [](char c) {
        return is_ascii_alnum(c) || c == '/' || c == '.' || c == '-' || c == '_';
    });
    if (!ok) return std::nullopt;
    return std::string(path);
}

std::string protect_from_mustache(std::string text) {
    if (text.find("{{") == std::string::npos) return text;
    // A standalone set-delimiter tag switches delimiters for the rest of the template and
    // is removed with its line, so pgloader parses exactly the text that follows it.
    for (int n = 0;; ++n) {
        const std::string suffix = n == 0 ? "" : std::to_string(n);
        const std::string open = "<m2pg" + suffix + "|", close = "|m2pg" + suffix + ">";
        if (text.find(open) == std::string::npos && text.find(close) == std::string::npos)
            return "{{=" + open + " " + close + "=}}\n" + text;
    }
}

}  // namespace m2pg::compat
