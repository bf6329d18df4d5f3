#include "convert/row_key.hpp"

#include "convert/text.hpp"
#include "util/text.hpp"

namespace m2pg::convert {

namespace {

std::string in_list(const std::vector<std::string>& parts) {
    return parts.size() == 1 ? parts.front() : "(" + util::join(parts, ", ") + ")";
}

}  // namespace

std::string key_values_text(const std::vector<std::optional<std::string>>& values) {
    std::vector<std::string> shown;
    for (const auto& value : values) shown.push_back(value ? excerpt(*value, 60) : std::string("NULL"));
    return in_list(shown);
}

std::string named_key_text(const std::vector<std::string>& names, const std::vector<std::optional<std::string>>& values) {
    if (names.empty()) return "(no key)";
    std::vector<std::optional<std::string>> padded = values;
    padded.resize(names.size());
    return in_list(names) + "=" + key_values_text(padded);
}

}  // namespace m2pg::convert
