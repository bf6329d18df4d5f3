#include "report/report_json.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

#include <unistd.h>

#include "report/catalog_json.hpp"
#include "report/json_reader.hpp"
#include "util/error.hpp"

namespace m2pg::report {

namespace {

json finding_to_json(const Finding& f) {
    return json{{"severity", severity_name(f.severity)},
                {"code", f.code},
                {"table", f.table},
                {"column", f.column},
                {"count", f.count},
                {"sample_keys", f.sample_keys},
                {"message", f.message},
                {"fix", f.fix}};
}

Finding finding_from_json(const JsonReader& r) {
    Finding f;
    f.severity = parse_severity(r.str("severity"));
    f.code = r.str("code");
    f.table = r.str("table");
    f.column = r.str("column");
    f.count = r.number<std::uint64_t>("count");
    f.sample_keys = r.strings("sample_keys");
    f.message = r.str("message");
    f.fix = r.str("fix");
    return f;
}

json fix_to_json(const FixApplied& f) {
    return json{{"fix", f.fix},       {"table", f.table},     {"column", f.column},         {"action", f.action},
                {"rows", f.rows},     {"archive", f.archive}, {"statements", f.statements}};
}

FixApplied fix_from_json(const JsonReader& r) {
    FixApplied f;
    f.fix = r.str("fix");
    f.table = r.str("table");
    f.column = r.str("column");
    f.action = r.str("action");
    f.rows = r.number<std::uint64_t>("rows");
    f.archive = r.str("archive");
    f.statements = r.strings("statements");
    return f;
}

json server_to_json(const ServerInfo& s) {
    return json{{"version", s.version},
                {"sql_mode", s.sql_mode},
                {"character_set_server", s.character_set_server},
                {"collation_server", s.collation_server},
                {"user", s.user},
                {"auth_plugin", s.auth_plugin}};
}

ServerInfo server_from_json(const JsonReader& r) {
    return ServerInfo{r.str("version"),          r.str("sql_mode"), r.str("character_set_server"),
                      r.str("collation_server"), r.str("user"),     r.str("auth_plugin")};
}

// nlohmann::json throws on invalid UTF-8 when dumping; catalog names, comments and
// defaults come from a utf8mb4 connection, but a sample key can hold any bytes. Replace
// keeps the document valid JSON and loses only the unprintable bytes of a message.
constexpr auto kInvalidUtf8 = json::error_handler_t::replace;

}  // namespace

std::string to_json_text(const Report& report) {
    json findings = json::array(), fixes = json::array(), counts = json::object();
    for (const auto& f : report.findings) findings.push_back(finding_to_json(f));
    for (const auto& f : report.fixes_applied) fixes.push_back(fix_to_json(f));
    for (const auto& [table, rows] : report.row_counts) counts[table] = rows;
    json doc{{"format", kFormat},
             {"version", kVersion},
             {"generated_by", report.generated_by},
             {"generated_at", report.generated_at},
             {"source", report.source},
             {"profile", report.profile},
             {"applied_migrations", report.applied_migrations},
             {"applied_migrations_table", report.applied_migrations_table},
             {"target", report.target},
             {"server", server_to_json(report.server)},
             {"estimate",
              json{{"rows", report.estimate.rows}, {"bytes", report.estimate.bytes}, {"seconds", report.estimate.seconds}}},
             {"row_counts", counts},
             {"findings", findings},
             {"fixes_applied", fixes},
             {"catalog", catalog_to_json(report.catalog)}};
    return doc.dump(2, ' ', false, kInvalidUtf8) + "\n";
}

Report parse_report(std::string_view text, std::string_view origin) {
    json doc = json::parse(text.begin(), text.end(), nullptr, false);
    const std::string where(origin);
    if (doc.is_discarded()) throw UsageError(where + " is not JSON: not an m2pg report file");
    if (!doc.is_object() || !doc.contains("format") || doc["format"] != kFormat)
        throw UsageError(where + " is not an m2pg report (\"format\": \"m2pg-report\" missing)");
    JsonReader r(doc, "");
    const int version = r.number<int>("version");
    if (version > kVersion)
        throw UsageError(where + " has report version " + std::to_string(version) + "; this m2pg reads up to " +
                         std::to_string(kVersion) + " (upgrade m2pg)");
    try {
        Report report;
        report.generated_by = r.str("generated_by");
        report.generated_at = r.str("generated_at");
        report.source = r.str("source");
        report.profile = r.str("profile");
        const json& migrations = r.array("applied_migrations");
        for (std::size_t i = 0; i < migrations.size(); ++i) {
            if (!migrations[i].is_number_integer())
                throw UsageError("report: field applied_migrations[" + std::to_string(i) + "] must be an integer");
            report.applied_migrations.push_back(migrations[i].get<std::int64_t>());
        }
        if (doc.contains("applied_migrations_table")) report.applied_migrations_table = r.str("applied_migrations_table");
        if (doc.contains("target")) report.target = r.str("target");
        report.server = server_from_json(JsonReader(r.at("server"), "server"));
        JsonReader estimate(r.at("estimate"), "estimate");
        report.estimate = CopyEstimate{estimate.number<std::uint64_t>("rows"), estimate.number<std::uint64_t>("bytes"),
                                       estimate.real("seconds")};
        const json& counts = r.at("row_counts");
        if (!counts.is_object()) throw UsageError("report: field row_counts must be an object");
        for (const auto& [table, rows] : counts.items()) {
            if (!rows.is_number_integer()) throw UsageError("report: field row_counts." + table + " must be an integer");
            report.row_counts[table] = rows.get<std::uint64_t>();
        }
        for (std::size_t i = 0; i < r.array("findings").size(); ++i)
            report.findings.push_back(finding_from_json(r.child("findings", i)));
        for (std::size_t i = 0; i < r.array("fixes_applied").size(); ++i)
            report.fixes_applied.push_back(fix_from_json(r.child("fixes_applied", i)));
        report.catalog = catalog_from_json(r.at("catalog"));
        return report;
    } catch (Error& e) {
        e.add_context("reading " + where);
        throw;
    }
}

Report read_report(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw UsageError("cannot read report file " + path.string() + ": " + std::strerror(errno));
    std::ostringstream text;
    text << in.rdbuf();
    return parse_report(text.str(), path.string());
}

void write_report(const Report& report, const std::filesystem::path& path, Overwrite overwrite) {
    std::error_code ec;
    if (overwrite == Overwrite::Refuse && std::filesystem::exists(path, ec))
        throw UsageError("report file " + path.string() + " already exists; use --force to overwrite it");
    const std::string text = to_json_text(report);
    std::filesystem::path temp = path;
    temp += ".tmp" + std::to_string(::getpid());
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        if (!out) throw UsageError("cannot write report file " + temp.string() + ": " + std::strerror(errno));
        out << text;
        out.flush();
        if (!out) throw UsageError("cannot write report file " + temp.string() + ": " + std::strerror(errno));
    }
    std::filesystem::rename(temp, path, ec);
    if (ec) {
        std::filesystem::remove(temp);
        throw UsageError("cannot move report into place at " + path.string() + ": " + ec.message());
    }
}

}  // namespace m2pg::report
