#pragma once
// Where the parts of a DSN sit in text: shared by the DSN parsers (lib/util/dsn.cpp) and by
// redact(), so both agree on where a password starts and ends. Pure string scanning.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace m2pg::util::dsn_scan {

// Length of the scheme when text starts with "scheme://" (RFC 3986 scheme characters), else 0.
std::size_t scheme_length(std::string_view text);

// The go-sql-driver networks m2pg can connect through: tcp, tcp4, tcp6, unix (lower case).
bool is_known_net(std::string_view net);

// Length of a leading network name ("tcp" in "tcp(h)/db"): a letter, then letters and digits.
std::size_t net_length(std::string_view text);

// True when text starts like the address part of a Go driver DSN: "/db", "net(addr)/db"
// (any network name, so the parser can name an unknown one) or "tcp/db" (known names only).
bool starts_with_go_address(std::string_view text);

// The '@' ending the user info of a Go driver DSN: the last '@' followed by an address, so
// that passwords may hold '@', ':' and '/' unescaped, as go-sql-driver allows. npos if none.
std::size_t go_userinfo_at(std::string_view text);

// The '@' ending the user info of a URI, given the text after "://": the last '@' before the
// first '/' that follows the first '@', and before any '?'. This tolerates unescaped '@' and
// '/' in passwords while leaving '@' in the path or query alone. npos if none.
std::size_t uri_userinfo_at(std::string_view rest);

// A half-open range [begin, end) of text.
struct Span {
    std::size_t begin;
    std::size_t end;
};

// Where passwords sit in text: URI user info, Go driver user info, and password=... in
// conninfo strings or URI queries. Sorted, overlaps merged, never empty.
std::vector<Span> password_spans(std::string_view text);

}  // namespace m2pg::util::dsn_scan
