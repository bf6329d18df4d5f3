#pragma once
// A loaded corpus through the tools as an admin runs them: its DDL applied (every phase, by
// apply_all_phases), then `m2pg copy`, `m2pg index` (copy sets the indexes and foreign keys
// aside) and `m2pg verify --json`, which compares every row by value on both servers.
// Header-only because the corpora CMake glob only compiles tests/corpora/*_test.cpp.
#include <doctest/doctest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "corpora/corpus_loader.hpp"
#include "support/servers.hpp"

namespace m2pg::test::corpora {

struct CopyVerified {
    ToolResult copy;
    ToolResult index;
    ToolResult verify;
    nlohmann::json report;  // verify's --json document (null when it printed none)

    // The verify report of one MySQL table, or null.
    nlohmann::json table(const std::string& name) const {
        if (report.is_object())
            for (const auto& t : report["tables"])
                if (t["table"] == name) return t;
        return nullptr;
    }
    std::string status(const std::string& name) const {
        const auto t = table(name);
        return t.is_null() ? "no report" : t["status"].get<std::string>();
    }
};

// Copies the loaded database (`copy_args` added to m2pg copy's), puts the indexes back and
// verifies by value. Checks that copy succeeds; what index and verify say is the caller's
// to check (a corpus with a documented difference expects it).
inline CopyVerified copy_and_verify(const Scratch& db, const std::vector<std::string>& copy_args = {}) {
    const std::vector<std::string> servers = {"--mysql", db.mysql.dsn_text(), "--postgres", db.pg.dsn_text()};
    CopyVerified r;
    std::vector<std::string> copy = {"copy"};
    copy.insert(copy.end(), servers.begin(), servers.end());
    copy.push_back("--yes");
    copy.insert(copy.end(), copy_args.begin(), copy_args.end());
    r.copy = run_tool("m2pg", copy);
    INFO("m2pg copy: " << r.copy.out << r.copy.err);
    CHECK(r.copy.exit_code == 0);
    // Index only when copy set definitions aside (with nothing to put back it is a usage error).
    if (r.copy.out.find("m2pg index PG_DSN puts back") != std::string::npos)
        r.index = run_tool("m2pg", {"index", db.pg.dsn_text()});
    else
        r.index.exit_code = 0;
    std::vector<std::string> verify = {"verify"};
    verify.insert(verify.end(), servers.begin(), servers.end());
    verify.push_back("--json");
    r.verify = run_tool("m2pg", verify);
    try {
        r.report = nlohmann::json::parse(r.verify.out);
    } catch (const nlohmann::json::exception&) {
        FAIL_CHECK("m2pg verify --json printed no JSON: " << r.verify.out << r.verify.err);
    }
    return r;
}

// Verify found every table identical with the row counts of rowcounts.tsv (each table's,
// as MySQL and Postgres counted them).
inline void check_tables_identical(const CopyVerified& r, const std::vector<RowCount>& expected) {
    INFO("m2pg verify: " << r.verify.out << r.verify.err);
    REQUIRE(r.report.is_object());
    std::size_t tables = 0;
    long long rows = 0;
    for (const auto& rc : expected) {
        if (rc.type == "VIEW") continue;
        CAPTURE(rc.table);
        const auto t = r.table(rc.table);
        REQUIRE(!t.is_null());
        CHECK(t["status"] == "identical");
        CHECK(t["rows_mysql"] == rc.rows);
        CHECK(t["rows_pg"] == rc.rows);
        if (rc.rows > 0) CHECK(t["chunks_checked"].get<int>() >= 1);
        ++tables;
        rows += rc.rows;
    }
    CHECK(r.report["tables"].size() == tables);
    CHECK(r.report["rows_identical"] == rows);
}

// Index put everything back, and verify found every table identical (as above), nothing
// else to report, and exited 0.
inline void check_identical(const CopyVerified& r, const std::vector<RowCount>& expected) {
    INFO("m2pg index: " << r.index.out << r.index.err);
    INFO("m2pg verify: " << r.verify.out << r.verify.err);
    CHECK(r.index.exit_code == 0);
    CHECK(r.verify.exit_code == 0);
    REQUIRE(r.report.is_object());
    CHECK(r.report["ok"] == true);
    CHECK(r.report["findings"].empty());
    check_tables_identical(r, expected);
}

}  // namespace m2pg::test::corpora
