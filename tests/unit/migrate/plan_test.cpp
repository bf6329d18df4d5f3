#include <doctest/doctest.h>

#include "migrate/history.hpp"
#include "migrate/plan.hpp"
#include "util/error.hpp"
#include "util/sha256.hpp"

using namespace m2pg::migrate;

namespace {

MigrationFile file(std::int64_t version, const std::string& name, const std::string& sql = "SELECT 1;") {
    MigrationFile f;
    f.version = version;
    f.name = name;
    f.up_path = "/m/" + version_label(version) + "_" + name + ".up.sql";
    f.up_sql = sql;
    f.checksum = m2pg::util::sha256_hex(sql);
    return f;
}

AppliedRecord applied(const MigrationFile& f, bool with_checksum = true) {
    return AppliedRecord{f.version, f.name, with_checksum ? std::optional<std::string>(f.checksum) : std::nullopt};
}

std::vector<std::int64_t> versions(const Plan& plan) {
    std::vector<std::int64_t> out;
    for (const auto& f : plan.pending) out.push_back(f.version);
    return out;
}

const std::vector<MigrationFile> kFiles = {file(1, "a"), file(2, "b"), file(3, "c"), file(4, "d")};

PlanOptions in_dir() {
    PlanOptions o;
    o.directory = "/m";
    return o;
}

}  // namespace

TEST_CASE("on an empty target every file is pending") {
    auto plan = plan_migrations(kFiles, {}, in_dir());
    CHECK(versions(plan) == std::vector<std::int64_t>{1, 2, 3, 4});
    CHECK(plan.current_version == 0);
    CHECK(plan.applied_count == 0);
}

TEST_CASE("applied versions are skipped and a fully applied target has nothing pending") {
    auto plan = plan_migrations(kFiles, {applied(kFiles[0]), applied(kFiles[1])}, in_dir());
    CHECK(versions(plan) == std::vector<std::int64_t>{3, 4});
    CHECK(plan.current_version == 2);
    CHECK(plan.applied_count == 2);

    std::vector<AppliedRecord> all;
    for (const auto& f : kFiles) all.push_back(applied(f));
    CHECK(plan_migrations(kFiles, all, in_dir()).pending.empty());
}

TEST_CASE("the target version caps what is pending") {
    auto o = in_dir();
    o.target_version = 2;
    CHECK(versions(plan_migrations(kFiles, {applied(kFiles[0])}, o)) == std::vector<std::int64_t>{2});
}

TEST_CASE("a target already past the target version is refused: no down migrations") {
    auto o = in_dir();
    o.target_version = 1;
    CHECK_THROWS_WITH_AS(plan_migrations(kFiles, {applied(kFiles[0]), applied(kFiles[1])}, o),
                         doctest::Contains("already past version 1 (it records 000002)"), m2pg::StateError);
}

TEST_CASE("an applied file whose checksum changed is refused, naming the file") {
    auto changed = kFiles;
    changed[1] = file(2, "b", "SELECT 2;");
    CHECK_THROWS_WITH_AS(plan_migrations(changed, {applied(kFiles[0]), applied(kFiles[1])}, in_dir()),
                         doctest::Contains("/m/000002_b.up.sql has changed since it was applied"), m2pg::StateError);
}

TEST_CASE("migrations applied by another tool have no checksum and are counted as unverified") {
    auto plan = plan_migrations(kFiles, {applied(kFiles[0], false), applied(kFiles[1])}, in_dir());
    CHECK(plan.unverified_count == 1);
    CHECK(versions(plan) == std::vector<std::int64_t>{3, 4});
}

TEST_CASE("a target recording versions the directory lacks is refused") {
    std::vector<AppliedRecord> records = {applied(kFiles[0]), AppliedRecord{7, "x", std::nullopt},
                                          AppliedRecord{8, "y", std::nullopt}};
    CHECK_THROWS_WITH_AS(plan_migrations(kFiles, records, in_dir()),
                         doctest::Contains("does not have: 000007..000008"), m2pg::StateError);
}

TEST_CASE("an exact list applies only the listed versions, gaps included") {
    auto o = in_dir();
    o.exact_versions = std::vector<std::int64_t>{1, 2, 4};
    CHECK(versions(plan_migrations(kFiles, {applied(kFiles[0])}, o)) == std::vector<std::int64_t>{2, 4});
}

TEST_CASE("an exact list naming versions the directory lacks fails naming them and --migrations-dir") {
    auto o = in_dir();
    o.exact_versions = std::vector<std::int64_t>{1, 2, 3, 4, 131, 132, 133, 134, 135};
    CHECK_THROWS_WITH_AS(plan_migrations(kFiles, {}, o), doctest::Contains("missing 000131..000135; give"),
                         m2pg::UsageError);
    CHECK_THROWS_WITH_AS(plan_migrations(kFiles, {}, o), doctest::Contains("--migrations-dir"), m2pg::UsageError);
}

TEST_CASE("a target ahead of the exact list is refused") {
    auto o = in_dir();
    o.exact_versions = std::vector<std::int64_t>{1};
    CHECK_THROWS_WITH_AS(plan_migrations(kFiles, {applied(kFiles[0]), applied(kFiles[1])}, o),
                         doctest::Contains("list does not name: 000002"), m2pg::StateError);
}

TEST_CASE("the advisory lock key is stable per schema and table and differs between them") {
    HistoryTables a;
    HistoryTables b;
    b.schema = "other";
    HistoryTables c;
    c.table = "schema_migrations";
    CHECK(advisory_lock_key(a) == advisory_lock_key(HistoryTables{}));
    CHECK(advisory_lock_key(a) != advisory_lock_key(b));
    CHECK(advisory_lock_key(a) != advisory_lock_key(c));
    CHECK(a.checksum_table() == "db_migrations_m2pg");
    CHECK(a.qualified_table() == "public.db_migrations");
}
