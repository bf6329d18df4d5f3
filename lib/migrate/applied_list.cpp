#include "migrate/applied_list.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "migrate/migration_file.hpp"
#include "util/error.hpp"
#include "util/text.hpp"

namespace m2pg::migrate {

namespace {

constexpr int kReportVersion = 1;

std::int64_t entry_version(const nlohmann::json& entry, const std::string& source, std::size_t index) {
    const nlohmann::json* value = &entry;
    if (entry.is_object()) {
        auto it = entry.find("version");
        if (it == entry.end()) it = entry.find("Version");
        if (it == entry.end())
            throw UsageError(source + ": applied_migrations[" + std::to_string(index) + "] has no \"version\"");
        value = &*it;
    }
    if (value->is_number_unsigned()) return static_cast<std::int64_t>(value->get<std::uint64_t>());
    if (value->is_number_integer() && value->get<std::int64_t>() >= 0) return value->get<std::int64_t>();
    throw UsageError(source + ": applied_migrations[" + std::to_string(index) + "] is " + value->dump() +
                     ", not a migration version (a non-negative integer)");
}

}  // namespace

AppliedList parse_applied_list(const std::string& json_text, const std::string& source) {
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(json_text);
    } catch (const nlohmann::json::parse_error& e) {
        throw UsageError(source + " is not valid JSON: " + e.what());
    }
    if (!doc.is_object()) throw UsageError(source + " is not a JSON object with \"applied_migrations\"");
    if (auto format = doc.find("format"); format != doc.end()) {
        if (!format->is_string() || format->get<std::string>() != "m2pg-report")
            throw UsageError(source + ": unknown report format " + format->dump() + " (expected \"m2pg-report\")");
        auto version = doc.find("version");
        if (version == doc.end() || !version->is_number_integer())
            throw UsageError(source + ": an m2pg report needs an integer \"version\"");
        if (version->get<int>() > kReportVersion)
            throw UsageError(source + " is an m2pg report of version " + std::to_string(version->get<int>()) +
                             "; this m2pg reads version " + std::to_string(kReportVersion) + ": upgrade m2pg");
    }
    auto list = doc.find("applied_migrations");
    if (list == doc.end())
        throw UsageError(source + " has no \"applied_migrations\" list (was it written by m2pg check or migration-assist?)");
    if (!list->is_array()) throw UsageError(source + ": \"applied_migrations\" is not an array");
    AppliedList out;
    out.source = source;
    auto& versions = out.versions;
    versions.reserve(list->size());
    for (std::size_t i = 0; i < list->size(); ++i) versions.push_back(entry_version((*list)[i], source, i));
    std::sort(versions.begin(), versions.end());
    versions.erase(std::unique(versions.begin(), versions.end()), versions.end());
    if (auto table = doc.find("applied_migrations_table"); table != doc.end()) {
        if (!table->is_string()) throw UsageError(source + ": \"applied_migrations_table\" is not a string");
        out.table = table->get<std::string>();
    }
    return out;
}

std::vector<std::int64_t> parse_applied_migrations(const std::string& json_text, const std::string& source) {
    return parse_applied_list(json_text, source).versions;
}

AppliedList read_applied_list(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw UsageError("cannot read the applied-migrations file " + path);
    std::ostringstream text;
    text << in.rdbuf();
    return parse_applied_list(text.str(), path);
}

void require_list_for(const AppliedList& list, const std::string& history_table, const std::string& what) {
    if (list.table.empty() || util::ascii_iequals(list.table, history_table)) return;
    throw UsageError(list.source + " lists the migrations recorded in " + list.table + ", and " + what +
                     " records its migrations in " + history_table + ": give the report of m2pg check run with the "
                     "same --profile and --plugin as this step");
}

std::string describe_versions(const std::vector<std::int64_t>& sorted_versions) {
    std::string out;
    for (std::size_t i = 0; i < sorted_versions.size();) {
        std::size_t j = i;
        while (j + 1 < sorted_versions.size() && sorted_versions[j + 1] == sorted_versions[j] + 1) ++j;
        if (!out.empty()) out += ", ";
        out += version_label(sorted_versions[i]);
        if (j > i) out += ".." + version_label(sorted_versions[j]);
        i = j + 1;
    }
    return out;
}

}  // namespace m2pg::migrate
