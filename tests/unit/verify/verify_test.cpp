#include <doctest/doctest.h>

#include <string>

#include "verify/checksum.hpp"
#include "verify/md5.hpp"
#include "verify/output.hpp"
#include "verify/verify.hpp"

using namespace m2pg::verify;

TEST_CASE("the client-side checksum sums the first 15 hex digits and xors the next 15") {
    ChecksumBuilder b;
    CHECK(b.result() == Checksum{0, "0", 0});
    b.add("fffffffffffffff000000000000001ab");
    b.add("00000000000000100000000000000300");
    auto c = b.result();
    CHECK(c.rows == 2);
    CHECK(c.sum == "1152921504606846976");  // 2^60 - 1 + 1
    CHECK(c.xor_ == 2);
}

TEST_CASE("the client-side checksum sum carries past 64 bits") {
    ChecksumBuilder b;
    for (int i = 0; i < 32; ++i) b.add("fffffffffffffff00000000000000000");
    // 32 * (2^60 - 1) = 36893488147419103200
    CHECK(b.result().sum == "36893488147419103200");
    CHECK(b.result().xor_ == 0);
}

TEST_CASE("a row digest is folded the same whatever the row order") {
    ChecksumBuilder a, b;
    for (const char* s : {"x", "y", "z"}) a.add(md5_hex(s));
    for (const char* s : {"z", "x", "y"}) b.add(md5_hex(s));
    CHECK(a.result() == b.result());
    ChecksumBuilder c;
    for (const char* s : {"z", "x", "x"}) c.add(md5_hex(s));
    CHECK_FALSE(c.result() == a.result());
}

TEST_CASE("the checksums of two parts of a row set combine into the checksum of the whole") {
    const char* digests[] = {"fffffffffffffff000000000000001ab", "fffffffffffffff00000000000000300",
                             "0123456789abcdef0123456789abcdef", "00000000000000100000000000000300"};
    ChecksumBuilder whole, first, second;
    for (int i = 0; i < 4; ++i) {
        whole.add(digests[i]);
        (i < 2 ? first : second).add(digests[i]);
    }
    CHECK(combine(first.result(), second.result()) == whole.result());
    CHECK(combine(Checksum{}, whole.result()) == whole.result());
    CHECK(combine(Checksum{1, "99999999999999999999", 5}, Checksum{2, "1", 3}) == Checksum{3, "100000000000000000000", 6});
}

TEST_CASE("sample_chunks spreads a percentage evenly and always checks at least one chunk") {
    auto ten = sample_chunks(10, 30);
    CHECK(ten == std::vector<bool>{false, false, false, true, false, false, true, false, false, true});
    CHECK(sample_chunks(3, 100) == std::vector<bool>{true, true, true});
    CHECK(sample_chunks(3, 1) == std::vector<bool>{false, true, false});
    CHECK(sample_chunks(0, 50).empty());
}

TEST_CASE("the verdict says OK with table and row counts only when everything matches") {
    VerifyResult r;
    TableReport t;
    t.table = "posts";
    t.mysql_rows = t.pg_rows = 1234567;
    t.chunks = t.chunks_checked = 13;
    r.tables.push_back(t);
    for (int i = 0; i < 13; ++i) {
        TableReport small;
        small.table = "t" + std::to_string(i);
        r.tables.push_back(small);
    }
    CHECK(verdict(r) == "verify: OK — 14 tables, 1,234,567 rows identical");
    CHECK(r.ok());

    r.findings.push_back({"sequence", "public.posts", "behind"});
    CHECK(verdict(r) == "verify: DIFFERENCES — 1 finding; 14 tables, 1,234,567 rows identical");
    r.findings.clear();
    r.tables[0].status = TableStatus::Different;
    r.tables[1].status = TableStatus::MissingInPostgres;
    CHECK_FALSE(r.ok());
    CHECK(verdict(r) == "verify: DIFFERENCES in 2 tables");
    r.findings.push_back({"sequence", "public.t", "behind"});
    CHECK(verdict(r) == "verify: DIFFERENCES in 2 tables and 1 finding");
}

TEST_CASE("the report lists the differing keys under their table and JSON carries the same") {
    VerifyResult r;
    TableReport t;
    t.table = "texts";
    t.target = "public.texts";
    t.status = TableStatus::Different;
    t.mysql_rows = 3;
    t.pg_rows = 3;
    t.chunks = t.chunks_checked = t.chunks_different = 1;
    t.changed = t.missing = t.extra = 1;
    t.keys = {{DiffKind::Changed, "id=1"}, {DiffKind::Missing, "id=2"}, {DiffKind::Extra, "id=9"}};
    r.tables.push_back(t);
    const std::string text = format_report(r);
    CHECK(text.find("texts") != std::string::npos);
    CHECK(text.find("DIFFERENT") != std::string::npos);
    CHECK(text.find("1 changed, 1 missing in Postgres, 1 extra in Postgres") != std::string::npos);
    CHECK(text.find("changed: id=1\n") != std::string::npos);
    CHECK(text.find("missing in Postgres: id=2\n") != std::string::npos);
    CHECK(text.find("extra in Postgres: id=9\n") != std::string::npos);
    CHECK(text.rfind("verify: DIFFERENCES in 1 table\n") == text.size() - 31);

    auto j = to_json(r);
    CHECK(j["ok"] == false);
    CHECK(j["tables"][0]["status"] == "different");
    CHECK(j["tables"][0]["keys"][1]["kind"] == "missing");
    CHECK(j["tables"][0]["keys"][1]["key"] == "id=2");
    CHECK(j["tables"][0]["checksum_match"] == false);
}

TEST_CASE("with_commas groups thousands") {
    CHECK(with_commas(0) == "0");
    CHECK(with_commas(999) == "999");
    CHECK(with_commas(1000) == "1,000");
    CHECK(with_commas(1234567) == "1,234,567");
}
