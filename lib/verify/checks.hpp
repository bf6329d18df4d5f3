#pragma once
// The checks beside row contents, on the Postgres side: sequences ahead of the largest
// value they feed, the application role's privileges, and nothing copy set aside left
// for m2pg index.
#include <string>
#include <vector>

#include "target/postgres/connection.hpp"
#include "verify/verify.hpp"

namespace m2pg::verify {

// Every sequence that feeds a column of schema.table (serial or identity, found with
// pg_get_serial_sequence): a finding when its next value is not above max(column), so the
// application's next INSERT would collide with a copied row.
std::vector<Finding> check_sequences(target::postgres::PgConnection& pg, const std::string& schema,
                                     const std::string& table);

// SELECT, INSERT, UPDATE and DELETE on schema.table and USAGE on the sequences feeding
// its columns: a finding naming what `role` lacks. The role must exist (role_exists).
std::vector<Finding> check_privileges(target::postgres::PgConnection& pg, const std::string& role,
                                      const std::string& schema, const std::string& table);

// A finding when the connecting role's unqualified names do not resolve to `schema`
// (migrate/prechecks search_path_problem): the data may be identical, but the app, which
// connects the same way, would find none of its tables. Reads a session nothing has changed.
std::vector<Finding> check_search_path(target::postgres::PgConnection& pg, const std::string& schema);

bool role_exists(target::postgres::PgConnection& pg, const std::string& role);

// A finding when m2pg copy set indexes, constraints or materialized view refreshes aside
// (target/postgres/saved_definitions) that m2pg index has not put back yet: the data may
// be identical, but the app would run without its unique constraints and search indexes.
std::vector<Finding> check_saved_definitions(target::postgres::PgConnection& pg);

}  // namespace m2pg::verify
