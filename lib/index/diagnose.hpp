#pragma once
// Which rows broke a build: after a failure, a few queries find the data behind it so the
// message names rows, not only the index. Runs on the failed build's own session.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "index/plan.hpp"
#include "target/postgres/connection.hpp"
#include "util/error.hpp"

namespace m2pg::index {

// At most this many sample values or rows per failure: enough to look them up by hand.
inline constexpr std::size_t kMaxSamples = 5;

// A sentence about the rows behind `error` (duplicate key values of a unique index or
// primary key, NULLs in a primary key, child rows without a parent for a foreign key, rows
// whose CHECK clause is false), or empty when the error is not about data. `row_key` names
// rows (row_key_for). Never throws: a failing lookup says so in the text instead of
// hiding the original error.
std::string explain_failure(target::postgres::PgConnection& pg, const std::string& schema, const BuildTask& task,
                            const std::vector<std::string>& row_key, const TargetError& error);

// "string is too long for tsvector": a document's lexemes exceed 1 MiB.
bool is_tsvector_too_long(const TargetError& error);

struct LongDocuments {
    std::uint64_t count = 0;        // rows whose document is longer than the prefix
    std::vector<std::string> keys;  // up to kMaxSamples of them, longest first
};

// The rows of a full-text task whose document has more than `chars` characters.
LongDocuments find_long_documents(target::postgres::PgConnection& pg, const std::string& schema,
                                  const BuildTask& task, const std::vector<std::string>& row_key, std::size_t chars);

// The SQL that renders a row key as text: (k)::text for one column, ROW(a, b)::text for more.
// `alias` prefixes each column ("c." for c.id) when non-empty.
std::string key_text_sql(const std::vector<std::string>& columns, const std::string& alias = "");

}  // namespace m2pg::index
