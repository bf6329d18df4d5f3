#include "migrate/plan.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "migrate/applied_list.hpp"
#include "util/error.hpp"

namespace m2pg::migrate {

namespace {

std::string short_sum(const std::string& checksum) { return checksum.substr(0, 12); }

}  // namespace

Plan plan_migrations(const std::vector<MigrationFile>& files, const std::vector<AppliedRecord>& applied,
                     const PlanOptions& options) {
    std::map<std::int64_t, const MigrationFile*> by_version;
    for (const auto& f : files) by_version[f.version] = &f;

    if (options.exact_versions) {
        std::vector<std::int64_t> missing;
        for (auto v : *options.exact_versions)
            if (!by_version.count(v)) missing.push_back(v);
        if (!missing.empty())
            throw UsageError("the applied-migrations list names " + std::to_string(missing.size()) +
                             " version(s) that " + options.directory + " does not have: missing " +
                             describe_versions(missing) +
                             "; give the directory of the app release that wrote them with --migrations-dir");
    }

    Plan plan;
    std::set<std::int64_t> done;
    std::vector<std::int64_t> unknown, outside_list, above_target;
    for (const auto& record : applied) {
        done.insert(record.version);
        plan.current_version = std::max(plan.current_version, record.version);
        ++plan.applied_count;
        auto it = by_version.find(record.version);
        if (it == by_version.end()) {
            unknown.push_back(record.version);
            continue;
        }
        if (!record.checksum) {
            ++plan.unverified_count;
        } else if (*record.checksum != it->second->checksum) {
            throw StateError(it->second->up_path.string() + " has changed since it was applied (sha256 " +
                             short_sum(*record.checksum) + "... then, " + short_sum(it->second->checksum) +
                             "... now): restore the file as it was; m2pg will not run migrations over a history "
                             "that no longer matches the database");
        }
        if (options.exact_versions &&
            !std::binary_search(options.exact_versions->begin(), options.exact_versions->end(), record.version))
            outside_list.push_back(record.version);
        if (options.target_version && record.version > *options.target_version) above_target.push_back(record.version);
    }
    std::sort(unknown.begin(), unknown.end());
    if (!unknown.empty())
        throw StateError("the target records migrations that " + options.directory + " does not have: " +
                         describe_versions(unknown) + "; point --migrations-dir at the app's newer migrations");
    if (!outside_list.empty())
        throw StateError("the target already records migrations the applied-migrations list does not name: " +
                         describe_versions(outside_list) + "; the target is ahead of the MySQL side");
    if (!above_target.empty())
        throw StateError("the target is already past version " + std::to_string(*options.target_version) +
                         " (it records " + describe_versions(above_target) +
                         "); m2pg does not run down migrations");

    for (const auto& f : files) {
        if (done.count(f.version)) continue;
        if (options.target_version && f.version > *options.target_version) continue;
        if (options.exact_versions &&
            !std::binary_search(options.exact_versions->begin(), options.exact_versions->end(), f.version))
            continue;
        plan.pending.push_back(f);
    }
    return plan;
}

}  // namespace m2pg::migrate
