// The Big List of Naughty Strings (minimaxir/big-list-of-naughty-strings) through MariaDB:
// the fixture the copy tests use to prove text survives byte for byte.
#include <doctest/doctest.h>

#include "corpora/blns_fixture.hpp"
#include "corpora/copy_verify.hpp"

namespace corpora = m2pg::test::corpora;

TEST_CASE("every naughty string round-trips through MariaDB byte for byte, and the table's DDL applies" *
          doctest::skip(corpora::skip_corpora())) {
    m2pg::test::Scratch db;
    auto strings = corpora::load_blns(db.mysql);
    REQUIRE(strings.size() == 515 + 676);

    // utf8mb4 accepts exactly the strictly valid UTF-8 strings: all of blns.json, and of the
    // base64 list all but the fragments cut in the middle of a multi-byte character.
    std::map<std::string, int> refused;
    for (const auto& s : strings) {
        CAPTURE(s.id);
        CHECK(s.stored_as_text == corpora::strictly_utf8(s.bytes));
        if (!s.stored_as_text) ++refused[s.source];
    }
    CHECK(refused["json"] == 0);
    CHECK(refused["base64"] == 66);

    auto rows = db.mysql.query("SELECT id, txt, raw FROM blns ORDER BY id");
    REQUIRE(rows.size() == strings.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& s = strings[i];
        CAPTURE(s.id);
        CHECK(rows[i][0] == std::to_string(s.id));
        CHECK(rows[i][2] == s.bytes);
        if (s.stored_as_text) CHECK(rows[i][1] == s.bytes);
        else CHECK(rows[i][1] == std::nullopt);
    }
    // The hard cases are really in there: control bytes, a BOM, 4-byte emoji, RTL marks.
    CHECK(db.mysql.scalar("SELECT COUNT(*) FROM blns WHERE txt LIKE CONCAT('%', CHAR(7), '%')") != "0");
    CHECK(db.mysql.scalar("SELECT COUNT(*) FROM blns WHERE txt = _utf8mb4 X'EFBBBF'") == "2");
    CHECK(db.mysql.scalar("SELECT COUNT(*) FROM blns WHERE txt = _utf8mb4 X'F09F988D'") == "2");  // 😍

    auto generated = corpora::apply_all_phases(db.mysql, db.pg);
    CHECK(corpora::join(corpora::pg_column_types(db.pg, "blns")) ==
          "id=integer, position=integer, raw=bytea, source=character varying(6), txt=text");
    CHECK(generated.plan.notes.empty());
}

TEST_CASE("every naughty string is copied by m2pg copy and verified by value, as text and as bytes" *
          doctest::skip(corpora::skip_corpora())) {
    m2pg::test::Scratch db;
    const auto strings = corpora::load_blns(db.mysql);
    corpora::apply_all_phases(db.mysql, db.pg);
    const auto r = corpora::copy_and_verify(db);
    corpora::check_identical(r, {{"blns", "TABLE", static_cast<long long>(strings.size())}});
}
