#include "check/target_conditions.hpp"

#include "util/text.hpp"

namespace m2pg::check {

namespace {

// A MySQL literal of exactly these bytes, whatever they hold: X'...' (X'' is the empty string).
std::string hex_literal(const std::string& bytes) {
    static const char* kDigits = "0123456789ABCDEF";
    std::string out = "X'";
    for (unsigned char b : bytes) {
        out += kDigits[b >> 4];
        out += kDigits[b & 15];
    }
    return out + "'";
}

}  // namespace

std::string utf8_bytes(const std::string& q) { return "CAST(CONVERT(" + q + " USING utf8mb4) AS BINARY)"; }

std::string not_a_label(const std::string& q, const std::vector<std::string>& labels) {
    if (labels.empty()) return q + " IS NOT NULL";
    std::vector<std::string> literals;
    for (const auto& l : labels) literals.push_back(hex_literal(l));
    return utf8_bytes(q) + " NOT IN (" + util::join(literals, ", ") + ")";
}

std::string not_allowed(const std::string& q, const target::postgres::AllowedValues& allowed) {
    // allowed_values only reads numbers that are plain digits, a sign and a point.
    if (allowed.numeric) return q + " NOT IN (" + util::join(allowed.values, ", ") + ")";
    return not_a_label(q, allowed.values);
}

std::string quoted_list(const std::vector<std::string>& values, std::size_t max) {
    std::string out;
    for (std::size_t i = 0; i < values.size() && i < max; ++i) out += (i ? ", '" : "'") + values[i] + "'";
    if (values.size() > max) out += ", ... (" + std::to_string(values.size()) + " in all)";
    return out;
}

}  // namespace m2pg::check
