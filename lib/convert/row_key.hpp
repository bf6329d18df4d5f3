#pragma once
// How every tool prints a row's key (model/row_key.hpp says which columns): the values
// "42" or "(a, b)", and with the names "Id=42" or "(ChannelId, UserId)=(a, b)". NULL prints
// as NULL; a long value as a short printable excerpt.
#include <optional>
#include <string>
#include <vector>

namespace m2pg::convert {

// The key's values: the bare value for one column, "(a, b)" for several.
std::string key_values_text(const std::vector<std::optional<std::string>>& values);

// The key with its column names; "(no key)" when the table has none to name rows by.
std::string named_key_text(const std::vector<std::string>& names, const std::vector<std::optional<std::string>>& values);

}  // namespace m2pg::convert
