#include "verify/checksum.hpp"

#include <algorithm>
#include <functional>

#include "source/mysql/row_stream.hpp"
#include "util/error.hpp"
#include "verify/jsonb_text.hpp"
#include "verify/md5.hpp"

namespace m2pg::verify {

namespace {

std::uint64_t hex_value(const std::string& hex, std::size_t from, std::size_t count) {
    if (hex.size() < from + count) throw Error("internal: row digest '" + hex + "' is too short");
    std::uint64_t v = 0;
    for (std::size_t i = from; i < from + count; ++i) {
        const char c = hex[i];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= static_cast<std::uint64_t>(c - '0');
        else if (c >= 'a' && c <= 'f') v |= static_cast<std::uint64_t>(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= static_cast<std::uint64_t>(c - 'A' + 10);
        else throw Error("internal: row digest '" + hex + "' is not hex");
    }
    return v;
}

// (count, sum, xor) over the digests h of a derived table, as Checksum holds them.
constexpr const char* kMysqlAggregates =
    "COUNT(*), COALESCE(SUM(CAST(CONV(LEFT(h, 15), 16, 10) AS UNSIGNED)), 0), "
    "COALESCE(BIT_XOR(CAST(CONV(SUBSTRING(h, 16, 15), 16, 10) AS UNSIGNED)), 0)";
constexpr const char* kPgAggregates =
    "count(*), COALESCE(sum(('x' || left(h, 15))::bit(60)::bigint), 0), "
    "COALESCE(bit_xor(('x' || substr(h, 16, 15))::bit(60)::bigint), 0)";

std::string where_clause(const std::string& condition) { return condition.empty() ? "" : " WHERE " + condition; }

std::string mysql_digest_select(const TableCanon& table, const RowSet& rows, bool with_key) {
    return "SELECT " + (with_key ? mysql_key_text(table) + ", " : std::string()) + "MD5(" + mysql_row_text(table) +
           ") FROM " + rows.mysql_from + where_clause(rows.mysql_where);
}

std::string pg_digest_select(const TableCanon& table, const RowSet& rows, bool with_key) {
    return "SELECT " + (with_key ? pg_key_text(table) + ", " : std::string()) + "md5(" + pg_row_text(table) +
           ") FROM " + rows.pg_from + where_clause(rows.pg_where);
}

// Streams the MySQL rows of a table with client-side columns: the server renders every
// field it can (as mysql_field pieces) and sends JSON documents raw; the row text is
// assembled and hashed here. `each(key_text, digest)` sees every row.
void stream_client_side(source::mysql::MysqlConnection& mysql, const TableCanon& table, const RowSet& rows,
                        const std::function<void(std::string, std::string)>& each) {
    std::string select = "SELECT " + mysql_key_text(table);
    for (const auto& c : table.columns) select += ", " + (c.client_side ? c.mysql_text : mysql_field(c.mysql_hash));
    select += " FROM " + rows.mysql_from + where_clause(rows.mysql_where);
    source::mysql::prepare_session_for_streaming(mysql);
    source::mysql::RowStream stream(mysql, select);
    std::string row_text;
    while (stream.next()) {
        const char* const* data = stream.data();
        const unsigned long* lengths = stream.lengths();
        row_text.clear();
        for (std::size_t i = 0; i < table.columns.size(); ++i) {
            const char* value = data[i + 1];
            const std::size_t len = lengths[i + 1];
            if (!table.columns[i].client_side) {
                row_text.append(value ? value : "N", value ? len : 1);
                continue;
            }
            if (!value) {
                row_text += 'N';
                continue;
            }
            auto text = jsonb_text(std::string_view(value, len));
            // A document Postgres would reject can never match what Postgres holds.
            const std::string digest = text ? md5_hex(*text) : "rejected by jsonb";
            append_field(digest.data(), digest.size(), row_text);
        }
        each(std::string(data[0] ? data[0] : "", data[0] ? lengths[0] : 0), md5_hex(row_text));
    }
}

}  // namespace

Checksum combine(const Checksum& a, const Checksum& b) {
    // The sums are decimal strings (up to 124 bits): add them digit by digit.
    std::string sum;
    int carry = 0;
    for (std::size_t i = 0; i < std::max(a.sum.size(), b.sum.size()) || carry; ++i) {
        const auto digit = [i](const std::string& d) { return i < d.size() ? d[d.size() - 1 - i] - '0' : 0; };
        const int v = digit(a.sum) + digit(b.sum) + carry;
        sum.insert(sum.begin(), static_cast<char>('0' + v % 10));
        carry = v / 10;
    }
    const auto first = sum.find_first_not_of('0');
    return Checksum{a.rows + b.rows, first == std::string::npos ? "0" : sum.substr(first), a.xor_ ^ b.xor_};
}

void ChecksumBuilder::add(const std::string& md5_hex) {
    ++rows_;
    const std::uint64_t v = hex_value(md5_hex, 0, 15);
    sum_low_ += v;
    if (sum_low_ < v) ++sum_high_;
    xor_ ^= hex_value(md5_hex, 15, 15);
}

Checksum ChecksumBuilder::result() const {
    Checksum c;
    c.rows = rows_;
    c.xor_ = xor_;
    // Decimal of high * 2^64 + low by long division on 32-bit limbs.
    std::uint32_t limbs[4] = {static_cast<std::uint32_t>(sum_high_ >> 32), static_cast<std::uint32_t>(sum_high_),
                              static_cast<std::uint32_t>(sum_low_ >> 32), static_cast<std::uint32_t>(sum_low_)};
    std::string digits;
    for (;;) {
        bool zero = true;
        std::uint64_t rem = 0;
        for (auto& limb : limbs) {
            const std::uint64_t cur = (rem << 32) | limb;
            limb = static_cast<std::uint32_t>(cur / 10);
            rem = cur % 10;
            zero = zero && limb == 0;
        }
        digits.insert(digits.begin(), static_cast<char>('0' + rem));
        if (zero) break;
    }
    c.sum = digits;
    return c;
}

std::string mysql_checksum_sql(const TableCanon& table, const RowSet& rows) {
    return std::string("SELECT ") + kMysqlAggregates + " FROM (SELECT MD5(" +
           mysql_row_text(table) + ") AS h FROM " + rows.mysql_from + where_clause(rows.mysql_where) + ") AS r";
}

std::string pg_checksum_sql(const TableCanon& table, const RowSet& rows) {
    return std::string("SELECT ") + kPgAggregates + " FROM (SELECT md5(" +
           pg_row_text(table) + ") AS h FROM " + rows.pg_from + where_clause(rows.pg_where) + ") AS r";
}

Checksum mysql_checksum(source::mysql::MysqlConnection& mysql, const TableCanon& table, const RowSet& rows) {
    if (table.client_side) {
        ChecksumBuilder builder;
        stream_client_side(mysql, table, rows, [&](std::string, std::string digest) { builder.add(digest); });
        return builder.result();
    }
    auto result = mysql.query(mysql_checksum_sql(table, rows));
    if (result.rows.size() != 1 || result.rows[0].size() != 3 || !result.rows[0][0] || !result.rows[0][1] ||
        !result.rows[0][2])
        throw SourceError("the checksum query returned no row", mysql_checksum_sql(table, rows));
    const auto& r = result.rows[0];
    return Checksum{std::stoull(*r[0]), *r[1], std::stoull(*r[2])};
}

Checksum pg_checksum(target::postgres::PgConnection& pg, const TableCanon& table, const RowSet& rows) {
    const std::string sql = pg_checksum_sql(table, rows);
    auto result = pg.query(sql);
    if (result.size() != 1 || result[0].size() != 3 || !result[0][0] || !result[0][1] || !result[0][2])
        throw TargetError("the checksum query returned no row", sql);
    const auto& r = result[0];
    return Checksum{std::stoull(*r[0]), *r[1], std::stoull(*r[2])};
}

std::string mysql_bucket_expr(const TableCanon& table, std::uint32_t buckets) {
    return "CAST(CONV(LEFT(MD5(" + mysql_key_text(table) + "), 8), 16, 10) AS UNSIGNED) % " + std::to_string(buckets);
}

std::string pg_bucket_expr(const TableCanon& table, std::uint32_t buckets) {
    return "(('x' || left(md5(" + pg_key_text(table) + "), 8))::bit(32)::bigint % " + std::to_string(buckets) + ")";
}

std::uint32_t key_bucket(const std::string& key_text, std::uint32_t buckets) {
    return static_cast<std::uint32_t>(hex_value(md5_hex(key_text), 0, 8) % buckets);
}

namespace {

// Rows of (bucket, count, sum, xor) → one checksum per bucket.
template <typename Rows>
std::vector<Checksum> collect_buckets(const Rows& rows, std::uint32_t buckets, const std::string& sql) {
    std::vector<Checksum> out(buckets);
    for (const auto& r : rows) {
        if (r.size() != 4 || !r[0] || !r[1] || !r[2] || !r[3]) throw Error("internal: bad bucket checksum row: " + sql);
        const auto b = std::stoull(*r[0]);
        if (b >= buckets) throw Error("internal: bucket " + *r[0] + " out of range: " + sql);
        out[b] = Checksum{std::stoull(*r[1]), *r[2], std::stoull(*r[3])};
    }
    return out;
}

}  // namespace

std::vector<Checksum> mysql_bucket_checksums(source::mysql::MysqlConnection& mysql, const TableCanon& table,
                                             const RowSet& rows, std::uint32_t buckets) {
    if (table.client_side) {
        std::vector<ChecksumBuilder> builders(buckets);
        stream_client_side(mysql, table, rows,
                           [&](std::string key, std::string digest) { builders[key_bucket(key, buckets)].add(digest); });
        std::vector<Checksum> out;
        for (const auto& b : builders) out.push_back(b.result());
        return out;
    }
    const std::string sql = std::string("SELECT b, ") + kMysqlAggregates + " FROM (SELECT " +
        mysql_bucket_expr(table, buckets) + " AS b, MD5(" + mysql_row_text(table) + ") AS h FROM " + rows.mysql_from +
        where_clause(rows.mysql_where) + ") AS r GROUP BY b";
    return collect_buckets(mysql.query(sql).rows, buckets, sql);
}

std::vector<Checksum> pg_bucket_checksums(target::postgres::PgConnection& pg, const TableCanon& table,
                                          const RowSet& rows, std::uint32_t buckets) {
    const std::string sql = std::string("SELECT b, ") + kPgAggregates + " FROM (SELECT " +
                            pg_bucket_expr(table, buckets) + " AS b, md5(" + pg_row_text(table) + ") AS h FROM " +
                            rows.pg_from + where_clause(rows.pg_where) + ") AS r GROUP BY b";
    return collect_buckets(pg.query(sql), buckets, sql);
}

RowHashes mysql_row_hashes(source::mysql::MysqlConnection& mysql, const TableCanon& table, const RowSet& rows) {
    RowHashes out;
    if (table.client_side) {
        stream_client_side(mysql, table, rows,
                           [&](std::string key, std::string digest) { out[std::move(key)] = std::move(digest); });
        return out;
    }
    source::mysql::prepare_session_for_streaming(mysql);
    source::mysql::RowStream stream(mysql, mysql_digest_select(table, rows, true));
    while (stream.next()) {
        const char* const* d = stream.data();
        out[std::string(d[0] ? d[0] : "", d[0] ? stream.lengths()[0] : 0)] = d[1] ? d[1] : "";
    }
    return out;
}

RowHashes pg_row_hashes(target::postgres::PgConnection& pg, const TableCanon& table, const RowSet& rows) {
    RowHashes out;
    for (auto& r : pg.query(pg_digest_select(table, rows, true))) out[r[0].value_or("")] = r[1].value_or("");
    return out;
}

DigestCounts mysql_row_digests(source::mysql::MysqlConnection& mysql, const TableCanon& table, const RowSet& rows) {
    DigestCounts out;
    if (table.client_side) {
        stream_client_side(mysql, table, rows, [&](std::string, std::string digest) { ++out[digest]; });
        return out;
    }
    source::mysql::prepare_session_for_streaming(mysql);
    source::mysql::RowStream stream(mysql, mysql_digest_select(table, rows, false));
    while (stream.next()) ++out[stream.data()[0] ? stream.data()[0] : ""];
    return out;
}

DigestCounts pg_row_digests(target::postgres::PgConnection& pg, const TableCanon& table, const RowSet& rows) {
    DigestCounts out;
    for (auto& r : pg.query(pg_digest_select(table, rows, false))) ++out[r[0].value_or("")];
    return out;
}

}  // namespace m2pg::verify
