#pragma once
// How a name is written so that pgloader 3.6's command grammar reads it back exactly.
// Facts of that grammar (checked against Debian's pgloader 3.6.7): a quoted name ends at
// the first matching quote, with no escape; URL parts are taken literally (no
// percent-decoding), except that a user name doubles '@' and ':'; and the whole file is
// rendered as a mustache template before it is parsed, so "{{" anywhere is a tag.
// Every function returns nullopt for a name the grammar cannot carry at all.
#include <optional>
#include <string>
#include <string_view>

namespace m2pg::compat {

// pgloader's bare name: an ASCII letter or '_', then letters, digits and - _ $ %.
bool is_bare_name(std::string_view name);

// A MySQL table or column name in a CAST rule: bare when it can be, else "double quoted",
// else 'single quoted'.
std::optional<std::string> cast_name(std::string_view name);

// A Postgres type after "to": a plain word (integer, jsonb) bare, else "double quoted"
// (numeric(20), bit varying).
std::optional<std::string> cast_type(std::string_view pg_type);

// A table name in EXCLUDING TABLE NAMES MATCHING (matched ignoring case): 'name', or an
// anchored regular expression ~/^name$/ when the name holds a single quote.
std::optional<std::string> table_pattern(std::string_view name);

// 'text' for ALTER SCHEMA and SET values.
std::optional<std::string> single_quoted(std::string_view text);

// A user name in a URL, '@' and ':' doubled.
std::optional<std::string> url_user(std::string_view user);

// A database name in a URL: bare, else 'single quoted'.
std::optional<std::string> url_database(std::string_view name);

// A host in a URL: an IPv4 address, or a DNS name whose labels begin with a letter.
// pgloader 3.6 has no IPv6 form.
std::optional<std::string> url_host(std::string_view host);

// A unix socket path for the unix:PATH form: letters, digits and / . - _ only.
std::optional<std::string> url_socket(std::string_view path);

// `text` unchanged when it holds no "{{"; otherwise prefixed with a mustache set-delimiter
// tag whose delimiters do not occur in it, so pgloader's template pass leaves it as is.
std::string protect_from_mustache(std::string text);

}  // namespace m2pg::compat
