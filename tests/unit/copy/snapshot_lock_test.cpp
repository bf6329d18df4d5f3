#include <doctest/doctest.h>

#include "copy/snapshot_lock.hpp"

using m2pg::copy::explain_lock_failure;

namespace {
bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }
}  // namespace

TEST_CASE("a refused snapshot lock says why (privilege or lock wait) and the three ways on") {
    const auto privilege = explain_lock_failure(
        1227, "Access denied; you need (at least one of) the RELOAD privilege(s) for this operation", "app");
    CHECK(has(privilege, "the MySQL user app lacks the RELOAD privilege"));
    const auto waited = explain_lock_failure(1205, "Lock wait timeout exceeded; try restarting transaction", "app");
    CHECK(has(waited, "waited 10 s for a running statement or a table lock"));
    for (const auto& text : {privilege, waited}) {
        CHECK(has(text, "nothing was written"));
        CHECK(has(text, "GRANT RELOAD ON *.* TO app"));
        CHECK(has(text, "stop the application's writes to the source and pass --per-table-snapshots"));
        CHECK(has(text, "--jobs 1"));
    }
}
