#include "util/dsn_scan.hpp"

#include <algorithm>
#include <cctype>

#include "util/text.hpp"

namespace m2pg::util::dsn_scan {

namespace {

constexpr auto kNpos = std::string_view::npos;

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }
bool is_alpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

bool is_token_break(char c) { return is_space(c) || c == '"' || c == '\'' || c == '`'; }

// A quote just before whitespace most likely closes a message's quoting of a conninfo string
// rather than being part of an unquoted password.
bool closes_quote(std::string_view text, std::size_t at) {
    return (text[at] == '"' || text[at] == '\'') && (at + 1 == text.size() || is_space(text[at + 1]));
}

void add_uri_spans(std::string_view text, std::vector<Span>& spans) {
    for (std::size_t mark = text.find("://"); mark != kNpos; mark = text.find("://", mark + 3)) {
        std::size_t start = mark + 3;
        std::size_t end = start;
        while (end < text.size() && !is_token_break(text[end])) ++end;
        std::string_view rest = text.substr(start, end - start);
        std::size_t at = uri_userinfo_at(rest);
        std::size_t colon = rest.find(':');
        if (at != kNpos && colon < at) spans.push_back({start + colon + 1, start + at});
    }
}

void add_go_spans(std::string_view text, std::vector<Span>& spans) {
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = start;
        while (end < text.size() && !is_token_break(text[end])) ++end;
        std::string_view token = text.substr(start, end - start);
        if (token.find("://") == kNpos) {
            std::size_t at = go_userinfo_at(token);
            std::size_t colon = token.find(':');
            if (at != kNpos && colon < at) spans.push_back({start + colon + 1, start + at});
        }
        start = end + 1;
    }
}

// libpq conninfo "password=...", quoted or not, and the same keyword in a URI query.
void add_keyword_spans(std::string_view text, std::vector<Span>& spans) {
    const std::string folded = ascii_lower(text);
    for (std::string_view keyword : {"password", "pgpassword", "mysql_pwd"}) {
        for (std::size_t i = folded.find(keyword); i != kNpos; i = folded.find(keyword, i + 1)) {
            if (i > 0 && (is_alnum(text[i - 1]) || text[i - 1] == '_')) continue;
            bool in_query = i > 0 && (text[i - 1] == '?' || text[i - 1] == '&');
            std::size_t j = i + keyword.size();
            while (j < text.size() && (text[j] == ' ' || text[j] == '\t')) ++j;
            if (j == text.size() || text[j] != '=') continue;
            ++j;
            while (!in_query && j < text.size() && (text[j] == ' ' || text[j] == '\t')) ++j;
            if (j == text.size()) continue;
            std::size_t k = j;
            if (text[j] == '\'' || text[j] == '"') {
                char quote = text[j];
                for (k = j + 1; k < text.size() && text[k] != quote; ++k)
                    if (text[k] == '\\' && k + 1 < text.size()) ++k;
                spans.push_back({j + 1, k});
                continue;
            }
            // libpq ends an unquoted value at whitespace, which a backslash escapes.
            auto ends_value = [&](std::size_t at) {
                return is_space(text[at]) || (in_query && text[at] == '&') || closes_quote(text, at);
            };
            while (k < text.size() && !ends_value(k)) {
                if (text[k] == '\\' && k + 1 < text.size()) ++k;
                ++k;
            }
            spans.push_back({j, std::min(k, text.size())});
        }
    }
}

}  // namespace

std::size_t scheme_length(std::string_view text) {
    if (text.empty() || !is_alpha(text[0])) return 0;
    std::size_t i = 1;
    auto is_scheme_char = [](char c) { return is_alnum(c) || c == '+' || c == '.' || c == '-'; };
    while (i < text.size() && is_scheme_char(text[i])) ++i;
    return text.substr(i, 3) == "://" ? i : 0;
}

bool is_known_net(std::string_view net) {
    return net == "tcp" || net == "tcp4" || net == "tcp6" || net == "unix";
}

std::size_t net_length(std::string_view text) {
    if (text.empty() || !is_alpha(text[0])) return 0;
    std::size_t i = 1;
    while (i < text.size() && is_alnum(text[i])) ++i;
    return i;
}

bool starts_with_go_address(std::string_view text) {
    if (!text.empty() && text[0] == '/') return true;
    std::size_t n = net_length(text);
    if (n == 0 || n == text.size()) return false;
    return text[n] == '(' || (text[n] == '/' && is_known_net(ascii_lower(text.substr(0, n))));
}

std::size_t go_userinfo_at(std::string_view text) {
    for (std::size_t at = text.rfind('@'); at != kNpos; at = at == 0 ? kNpos : text.rfind('@', at - 1))
        if (starts_with_go_address(text.substr(at + 1))) return at;
    return kNpos;
}

std::size_t uri_userinfo_at(std::string_view rest) {
    std::string_view head = rest.substr(0, rest.find('?'));
    std::size_t first = head.find('@');
    if (first == kNpos) return kNpos;
    return head.substr(0, head.find('/', first)).rfind('@');
}

std::vector<Span> password_spans(std::string_view text) {
    std::vector<Span> spans;
    add_uri_spans(text, spans);
    add_go_spans(text, spans);
    add_keyword_spans(text, spans);
    std::sort(spans.begin(), spans.end(), [](Span a, Span b) { return a.begin < b.begin; });
    std::vector<Span> merged;
    for (Span s : spans) {
        if (s.begin >= s.end) continue;
        if (!merged.empty() && s.begin <= merged.back().end)
            merged.back().end = std::max(merged.back().end, s.end);
        else
            merged.push_back(s);
    }
    return merged;
}

}  // namespace m2pg::util::dsn_scan
