#pragma once
// What a child program is started with: our environment with some entries replaced or
// added, and the NULL-terminated char* arrays posix_spawn takes.
#include <string>
#include <utility>
#include <vector>

namespace m2pg::util {

// Our environment (NAME=value each) with `extra` replacing the entries of the same name or
// added after them.
std::vector<std::string> environment_with(const std::vector<std::pair<std::string, std::string>>& extra);

// Pointers to each string of `strings`, then a null: argv or envp for posix_spawn. They
// point into `strings`, which must outlive them.
std::vector<char*> c_string_array(std::vector<std::string>& strings);

}  // namespace m2pg::util
