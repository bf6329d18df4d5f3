#include "util/dsn_password.hpp"

#include <cctype>
#include <string_view>

#include "util/dsn.hpp"
#include "util/dsn_scan.hpp"
#include "util/error.hpp"
#include "util/percent.hpp"

namespace m2pg::util {

namespace {

constexpr auto kNpos = std::string_view::npos;

std::string trimmed(const std::string& text) {
    auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
    std::size_t begin = 0, end = text.size();
    while (begin < end && is_space(text[begin])) ++begin;
    while (end > begin && is_space(text[end - 1])) --end;
    return text.substr(begin, end - begin);
}

// Where the user info's password sits: [colon, at) covers ":password". Empty when the
// user info has no ':' (then there is no password to take).
struct UserinfoPassword {
    std::size_t colon = kNpos;
    std::size_t at = kNpos;
    bool found() const { return colon != kNpos && at != kNpos && colon < at; }
    std::string_view raw(std::string_view text) const { return text.substr(colon + 1, at - colon - 1); }
};

UserinfoPassword find_userinfo_password(std::string_view text) {
    UserinfoPassword p;
    if (std::size_t n = dsn_scan::scheme_length(text)) {
        const std::size_t start = n + 3;
        const std::size_t at = dsn_scan::uri_userinfo_at(text.substr(start));
        if (at == kNpos) return p;
        const std::size_t colon = text.substr(start, at).find(':');
        if (colon == kNpos) return p;
        p.colon = start + colon;
        p.at = start + at;
        return p;
    }
    const std::size_t at = dsn_scan::go_userinfo_at(text);
    if (at == kNpos) return p;
    const std::size_t colon = text.substr(0, at).find(':');
    if (colon == kNpos) return p;
    p.colon = colon;
    p.at = at;
    return p;
}

std::string without(std::string text, const UserinfoPassword& p) { return text.erase(p.colon, p.at - p.colon); }

// The last line of defence for "never on a command line": whatever the scanner that
// redacts logs still calls a password must not be handed out.
DsnWithoutPassword checked(DsnWithoutPassword split, const char* side) {
    if (redact(split.text) != split.text)
        throw UsageError(std::string(side) + " DSN: a password is left where it cannot be taken out (" +
                         redact(split.text) + "); give it through the environment instead");
    return split;
}

}  // namespace

DsnWithoutPassword split_mysql_password(const std::string& dsn) {
    const MysqlDsn parsed = parse_mysql_dsn(dsn);  // validates; never quotes the password
    const std::string text = trimmed(dsn);
    const UserinfoPassword p = find_userinfo_password(text);
    if (!p.found()) return checked({text, std::nullopt}, "MySQL");
    // The Go driver takes the password literally; the URI form percent-decodes it.
    std::optional<std::string> password(std::string(p.raw(text)));
    if (dsn_scan::scheme_length(text) > 0) password = percent_decode(p.raw(text));
    if (!password || password != parsed.password)
        throw UsageError("MySQL DSN: could not take the password out of " + parsed.display());
    return checked({without(text, p), password}, "MySQL");
}

DsnWithoutPassword split_pg_password(const std::string& dsn) {
    PgDsn parsed = parse_pg_dsn(dsn);
    const std::string text = trimmed(dsn);
    auto it = parsed.keywords.find("password");
    if (it == parsed.keywords.end()) return checked({text, std::nullopt}, "PostgreSQL");
    const std::string password = it->second;
    parsed.keywords.erase(it);

    const UserinfoPassword p = find_userinfo_password(text);
    if (dsn_scan::scheme_length(text) > 0 && p.found()) {
        const std::string candidate = without(text, p);
        // Keep the URI only when libpq reads it as the same connection minus the password
        // (not so when the query repeats password=...).
        if (parse_pg_dsn(candidate).keywords == parsed.keywords) return checked({candidate, password}, "PostgreSQL");
    }
    return checked({parsed.conninfo(), password}, "PostgreSQL");
}

}  // namespace m2pg::util
