#include "copy/row_key.hpp"

#include "convert/text.hpp"

namespace m2pg::copy {

std::string row_key_text(const std::vector<std::string>& names, const std::vector<std::optional<std::string>>& values) {
    if (names.empty()) return "(no primary key)";
    std::string n, v;
    for (std::size_t k = 0; k < names.size(); ++k) {
        n += (k ? ", " : "") + names[k];
        const auto& value = k < values.size() ? values[k] : std::nullopt;
        v += (k ? ", " : "") + (value ? convert::excerpt(*value, 60) : std::string("NULL"));
    }
    return names.size() == 1 ? n + "=" + v : "(" + n + ")=(" + v + ")";
}

}  // namespace m2pg::copy
