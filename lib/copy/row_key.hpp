#pragma once
// How copy names a MySQL row in its errors, so an admin finds it again: "Id=42", or
// "(ChannelId, UserId)=(a, b)" for a composite key (the form m2pg check prints too).
#include <optional>
#include <string>
#include <vector>

namespace m2pg::copy {

// `names` and `values` are the primary key's columns and the row's values (nullopt: NULL);
// each value is shown as a short printable excerpt. No names: "(no primary key)".
std::string row_key_text(const std::vector<std::string>& names, const std::vector<std::optional<std::string>>& values);

}  // namespace m2pg::copy
