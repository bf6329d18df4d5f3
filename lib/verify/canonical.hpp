#pragma once
// Canonical row text: for each column pair, one SQL expression per server that renders a
// value the way the other server renders the same value after copy converted it, byte for
// byte. Hashing those texts on each server gives comparable row digests without moving
// rows. The table of expressions is in canonical.cpp (kRules) and explained in
// docs/verify.md; tests/integration/verify/canonical_test.cpp proves it per type.
#include <string>
#include <vector>

#include "convert/types.hpp"
#include "schema/pairing.hpp"

namespace m2pg::verify {

// The two renderings of one column.
struct ColumnCanon {
    std::string column;      // MySQL column name, for messages
    std::string mysql_text;  // readable canonical text on MySQL (also the key text)
    std::string pg_text;     // the same on PostgreSQL
    std::string mysql_hash;  // what goes into the row text on MySQL: the text or its MD5
    std::string pg_hash;     // the same on PostgreSQL
    // MySQL cannot render this value canonically (JSON → jsonb): mysql_text selects the
    // raw document and the client computes md5(jsonb_text(raw)) (verify/jsonb_text.hpp).
    bool client_side = false;
};

// The canonical expressions of one column pair as copy paired it. Throws Error for a
// codec/target combination the table does not cover (a bug: pairing allowed a pair that
// verify cannot compare).
ColumnCanon canonical_column(const schema::ColumnPair& pair);

// Expressions over a whole table pair.
struct TableCanon {
    std::vector<ColumnCanon> columns;  // in copy's column order
    std::vector<std::size_t> key;      // positions in columns of the primary key
    bool client_side = false;          // some column needs client-side hashing on MySQL
};

TableCanon canonical_table(const schema::TablePair& pair);

// One field of the row text: 'N' for NULL, else "<byte length>:<text>" (length-prefixed,
// so no value can imitate a field boundary). As SQL over an expression, per server, and
// the same in C++ for client-side rows.
std::string mysql_field(const std::string& expr);
std::string pg_field(const std::string& expr);
void append_field(const char* data, std::size_t len, std::string& row_text);  // data null: NULL

// The row text of all columns (hash expressions), and of the key columns (text
// expressions), as one SQL expression per server. MySQL works on binary strings so no
// collation mix can fail or change bytes.
std::string mysql_row_text(const TableCanon& table);
std::string pg_row_text(const TableCanon& table);
std::string mysql_key_text(const TableCanon& table);
std::string pg_key_text(const TableCanon& table);

// A double as "[-]<m>p<e>", its value being m * 2^(e-52) with m the integer binary
// mantissa (the implicit leading bit included) and e the binary exponent (-1022 for
// subnormals); zero (and minus zero) reads "0". Exact, and free of the servers' choices
// of decimal digits. `x` is an SQL expression of type DOUBLE / float8.
std::string mysql_float_bits(const std::string& x);
std::string pg_float_bits(const std::string& x);

// Parses a key text (fields as append_field writes them) into "a=1, b=x" using the key
// column names; a field that does not parse is shown as it is.
std::string display_key(const std::string& key_text, const std::vector<std::string>& names);

}  // namespace m2pg::verify
