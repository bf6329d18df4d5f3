#pragma once
// Taking the password out of a DSN, so that a child process gets the DSN on its command
// line and the password in its environment (MYSQL_PWD / PGPASSWORD), where `ps` cannot
// show it. The DSN keeps the form the user typed wherever that is possible.
#include <optional>
#include <string>

namespace m2pg::util {

struct DsnWithoutPassword {
    std::string text;                     // the DSN minus its password: safe for a command line
    std::optional<std::string> password;  // decoded, as the client library wants it; nullopt: none
};

// user:pass@tcp(h)/db -> user@tcp(h)/db and mysql://user:p%40ss@h/db -> mysql://user@h/db,
// with the password "pass" / "p@ss". MYSQL_PWD is not consulted: only the DSN's own
// password is taken. Throws UsageError like parse_mysql_dsn for a malformed DSN.
DsnWithoutPassword split_mysql_password(const std::string& dsn);

// postgresql://user:pass@h/db -> postgresql://user@h/db. A password given as a keyword
// (password=... in a conninfo string or a URI query) cannot be cut out of the text safely,
// so those DSNs come back as a libpq key=value string of the same keywords. PGPASSWORD is
// not consulted. Throws UsageError like parse_pg_dsn for a malformed DSN.
DsnWithoutPassword split_pg_password(const std::string& dsn);

}  // namespace m2pg::util
