#include "check/row_keys.hpp"

#include "convert/row_key.hpp"
#include "source/mysql/connection.hpp"
#include "util/text.hpp"

namespace m2pg::check {

std::string key_list(const std::vector<std::string>& columns) {
    std::vector<std::string> quoted;
    for (const auto& c : columns) quoted.push_back(source::mysql::quote_ident(c));
    return util::join(quoted, ", ");
}

std::string render_key(const source::mysql::Row& row, std::size_t first, std::size_t columns) {
    return convert::key_values_text(std::vector<std::optional<std::string>>(row.begin() + static_cast<std::ptrdiff_t>(first),
                                                                           row.begin() + static_cast<std::ptrdiff_t>(first + columns)));
}

}  // namespace m2pg::check
