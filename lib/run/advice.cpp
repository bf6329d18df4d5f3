#include "run/advice.hpp"

#include <array>
#include <utility>

namespace m2pg::run {

namespace {

bool given(const RunOptions& o, const std::string& flag) {
    return (flag == "--fix-artifacts" && o.fix_artifacts) || (flag == "--fix-unicode" && o.fix_unicode) ||
           (flag == "--fix-varchar" && o.fix_varchar);
}

std::string plural(std::size_t n, const std::string& one, const std::string& many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

std::size_t FixAdvice::blockers() const {
    std::size_t n = left_despite_flags + by_hand;
    for (const auto& [flag, count] : flags) n += count;
    return n;
}

FixAdvice advise_fixes(const report::Report& report, const RunOptions& options) {
    static constexpr std::array<const char*, 3> kFlags = {"--fix-artifacts", "--fix-unicode", "--fix-varchar"};
    FixAdvice advice;
    for (const auto& f : report.findings) {
        if (f.severity != report::Severity::Error) continue;
        const char* flag = nullptr;
        for (const char* candidate : kFlags)
            if (f.fix.find(candidate) != std::string::npos) flag = candidate;
        if (!flag) ++advice.by_hand;
        else if (given(options, flag)) ++advice.left_despite_flags;
        else ++advice.flags[flag];
    }
    return advice;
}

std::string render_fix_advice(const FixAdvice& a) {
    std::string out = plural(a.blockers(), "blocker remains", "blockers remain") + " (the errors listed above)";
    if (!a.flags.empty()) {
        std::string flags;
        for (const auto& [flag, count] : a.flags)
            flags += (flags.empty() ? "" : ", ") + flag + " (fixes " + std::to_string(count) + ")";
        out += "; add " + flags + " to the m2pg run command: check then applies " +
               (a.flags.size() == 1 ? "it" : "them") +
               ", archiving every row it changes first (m2pg check --restore-archive puts them back)";
    }
    if (a.left_despite_flags > 0)
        out += "; " + plural(a.left_despite_flags, "remains", "remain") + " although its --fix flag was given";
    if (a.by_hand > 0)
        out += "; " + plural(a.by_hand, "needs", "need") + " a change by hand in MySQL (each finding says how)";
    return out;
}

std::string render_next_step(const std::string& next_step, const std::string& postgres_dsn_without_password) {
    static const std::string kPlaceholder = "{postgres_dsn}";
    std::string out;
    std::size_t from = 0;
    for (std::size_t at; (at = next_step.find(kPlaceholder, from)) != std::string::npos; from = at + kPlaceholder.size())
        out += next_step.substr(from, at - from) + postgres_dsn_without_password;
    return out + next_step.substr(from);
}

}  // namespace m2pg::run
