#include "run/advice.hpp"

#include <doctest/doctest.h>

using m2pg::report::Finding;
using m2pg::report::Severity;

namespace {

Finding finding(Severity severity, const std::string& fix) {
    Finding f;
    f.severity = severity;
    f.fix = fix;
    return f;
}

m2pg::report::Report sample() {
    m2pg::report::Report r;
    r.findings = {finding(Severity::Error, "--fix-unicode --apply strips them (original rows archived)"),
                  finding(Severity::Error, "--fix-unicode --apply removes the escape (original rows archived)"),
                  finding(Severity::Error, "--fix-varchar --apply archives then deletes these rows"),
                  finding(Severity::Error, "set real dates in MySQL, or make the target column nullable"),
                  finding(Severity::Warning, "--fix-artifacts --apply archives then drops it")};
    return r;
}

}  // namespace

TEST_CASE("blockers are counted by the --fix flag that removes them, and warnings are not blockers") {
    auto advice = m2pg::run::advise_fixes(sample(), {});
    CHECK(advice.flags.size() == 2);
    CHECK(advice.flags.at("--fix-unicode") == 2);
    CHECK(advice.flags.at("--fix-varchar") == 1);
    CHECK(advice.by_hand == 1);
    CHECK(advice.left_despite_flags == 0);
    CHECK(advice.blockers() == 4);
    const auto text = m2pg::run::render_fix_advice(advice);
    CHECK(text.find("4 blockers remain") != std::string::npos);
    CHECK(text.find("--fix-unicode (fixes 2)") != std::string::npos);
    CHECK(text.find("--fix-varchar (fixes 1)") != std::string::npos);
    CHECK(text.find("1 needs a change by hand") != std::string::npos);
    CHECK(text.find("--fix-artifacts") == std::string::npos);
}

TEST_CASE("a flag already given is not suggested again, and what it left is said") {
    m2pg::run::RunOptions o;
    o.fix_unicode = true;
    auto advice = m2pg::run::advise_fixes(sample(), o);
    CHECK(advice.flags.count("--fix-unicode") == 0);
    CHECK(advice.left_despite_flags == 2);
    CHECK(m2pg::run::render_fix_advice(advice).find("2 remain although its --fix flag was given") !=
          std::string::npos);
}

TEST_CASE("the profile's next step names the target without its password, wherever it asks for it") {
    CHECK(m2pg::run::render_next_step("Set DataSource = \"{postgres_dsn}\", or MM_DATASOURCE='{postgres_dsn}'.",
                                      "postgres://mmuser@db/mm") ==
          "Set DataSource = \"postgres://mmuser@db/mm\", or MM_DATASOURCE='postgres://mmuser@db/mm'.");
    CHECK(m2pg::run::render_next_step("nothing to fill {postgres}", "x") == "nothing to fill {postgres}");
}
