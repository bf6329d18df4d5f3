#pragma once
// Order-independent checksums of a set of rows, computed on each server: every row's
// canonical text (verify/canonical.hpp) is hashed with MD5, and the set is summarised by
// (row count, sum of the digest's first 15 hex digits, xor of its next 15). Each part is
// exact integer arithmetic on both servers, so equal sets give equal triples whatever
// order the rows come in; one changed row changes the sum and the xor together.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "source/mysql/connection.hpp"
#include "target/postgres/connection.hpp"
#include "verify/canonical.hpp"

namespace m2pg::verify {

struct Checksum {
    std::uint64_t rows = 0;
    std::string sum = "0";  // decimal: up to 60 + 64 bits
    std::uint64_t xor_ = 0;
    bool operator==(const Checksum&) const = default;
};

// The checksum of two disjoint row sets together: counts and sums add, xors xor.
Checksum combine(const Checksum& a, const Checksum& b);

// Folds one row digest (32 hex digits) into a client-side checksum.
class ChecksumBuilder {
public:
    void add(const std::string& md5_hex);
    Checksum result() const;

private:
    std::uint64_t rows_ = 0;
    std::uint64_t sum_low_ = 0;   // the sum as two 64-bit words: 2^64 rows of 60-bit
    std::uint64_t sum_high_ = 0;  // values cannot overflow them
    std::uint64_t xor_ = 0;
};

// The rows a checksum covers: one table, optionally narrowed by a condition per side.
struct RowSet {
    std::string mysql_from;   // quoted MySQL table
    std::string pg_from;      // quoted schema.table
    std::string mysql_where;  // empty: every row
    std::string pg_where;
};

// The aggregate queries; exposed for tests and docs.
std::string mysql_checksum_sql(const TableCanon& table, const RowSet& rows);
std::string pg_checksum_sql(const TableCanon& table, const RowSet& rows);

// The checksum of `rows` on each server. On MySQL, tables with client-side columns are
// streamed (one row in memory at a time) and hashed here. Throw SourceError/TargetError
// or ConnectionError.
Checksum mysql_checksum(source::mysql::MysqlConnection& mysql, const TableCanon& table, const RowSet& rows);
Checksum pg_checksum(target::postgres::PgConnection& pg, const TableCanon& table, const RowSet& rows);

// Tables keyed by text cannot be cut into key ranges that both servers agree on (each
// orders strings by its own collation), so their rows are spread over `buckets` by a hash
// of the canonical key text instead: the first 8 hex digits of its MD5 as a number, modulo
// `buckets`, computed the same way on each server (and here, for streamed tables).
std::string mysql_bucket_expr(const TableCanon& table, std::uint32_t buckets);
std::string pg_bucket_expr(const TableCanon& table, std::uint32_t buckets);
std::uint32_t key_bucket(const std::string& key_text, std::uint32_t buckets);

// The checksum of every bucket of `rows` in one pass over the table on each server;
// element b is bucket b (empty buckets give the zero checksum).
std::vector<Checksum> mysql_bucket_checksums(source::mysql::MysqlConnection& mysql, const TableCanon& table,
                                             const RowSet& rows, std::uint32_t buckets);
std::vector<Checksum> pg_bucket_checksums(target::postgres::PgConnection& pg, const TableCanon& table,
                                          const RowSet& rows, std::uint32_t buckets);

// Key text → row digest of every row of `rows`, for naming the rows that differ. Memory
// grows with the number of rows: callers bound it (one chunk). For a table without a
// primary key the key text is empty for every row, so use row_digests instead.
using RowHashes = std::map<std::string, std::string>;
RowHashes mysql_row_hashes(source::mysql::MysqlConnection& mysql, const TableCanon& table, const RowSet& rows);
RowHashes pg_row_hashes(target::postgres::PgConnection& pg, const TableCanon& table, const RowSet& rows);

// Row digest → how many rows have it (tables without a primary key).
using DigestCounts = std::map<std::string, std::uint64_t>;
DigestCounts mysql_row_digests(source::mysql::MysqlConnection& mysql, const TableCanon& table, const RowSet& rows);
DigestCounts pg_row_digests(target::postgres::PgConnection& pg, const TableCanon& table, const RowSet& rows);

}  // namespace m2pg::verify
