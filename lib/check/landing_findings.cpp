#include "check/landing_findings.hpp"

namespace m2pg::check {

namespace {

report::Finding error(std::string code, const TableLanding& t, std::string column, std::string message,
                      std::string fix) {
    report::Finding f;
    f.severity = report::Severity::Error;
    f.code = std::move(code);
    f.table = t.source->name;
    f.column = std::move(column);
    f.message = std::move(message);
    f.fix = std::move(fix);
    return f;
}

}  // namespace

std::vector<report::Finding> landing_findings(const TableLanding& t, const TargetSchema& target, std::uint64_t rows) {
    std::vector<report::Finding> out;
    if (!target.is_given) return out;
    const std::string& table = t.source->name;
    if (t.is_generated) {
        out.push_back(error("no_target_table", t, "",
                            table + " has no table in " + target.source +
                                ": the copy stops there; its data was checked against the table m2pg would generate",
                            "create the table (the app's migrations, m2pg schema --from-mysql, or copy --create-tables), "
                            "or leave it out with --exclude (an artifact: --fix-artifacts with the app's profile)"));
        return out;
    }
    if (rows > 0)
        for (const auto& c : t.unfilled) {
            auto f = error("target_column_unfilled", t, "",
                           "the target column " + t.target_name + "." + c.name + " (" + c.type +
                               " NOT NULL) has no default and no MySQL column of " + table +
                               " fills it: Postgres refuses every row the copy writes",
                           "give the target column a default, or add the column in MySQL");
            f.count = rows;
            out.push_back(std::move(f));
        }
    for (const auto& c : t.columns) {
        const std::string where = table + "." + c.source->name;
        if (c.landing == Landing::NoTargetColumn)
            out.push_back(error("no_target_column", t, c.source->name,
                                "the target table " + t.target_name + " has no column " + c.source->name +
                                    ": the copy refuses the table, since the column's data would be lost",
                                "add the column to the target, or drop it in MySQL (an artifact: --fix-artifacts "
                                "with the app's profile archives it first)"));
        else if (c.landing == Landing::NoConversion)
            out.push_back(error("no_conversion", t, c.source->name,
                                "the copy has no exact conversion for " + where + " (" + c.source->column_type +
                                    ") into " + t.target_name + "." + c.target.name + " (" + c.target.type + ")",
                                "change the target column's type, or cast the column in the profile ([casts])"));
    }
    return out;
}

}  // namespace m2pg::check
