#include "util/environment.hpp"

#include <set>

extern char** environ;

namespace m2pg::util {

std::vector<std::string> environment_with(const std::vector<std::pair<std::string, std::string>>& extra) {
    std::set<std::string> replaced;
    for (const auto& [name, value] : extra) replaced.insert(name);
    std::vector<std::string> out;
    for (char** e = environ; e && *e; ++e) {
        std::string entry(*e);
        if (!replaced.count(entry.substr(0, entry.find('=')))) out.push_back(std::move(entry));
    }
    for (const auto& [name, value] : extra) out.push_back(name + "=" + value);
    return out;
}

std::vector<char*> c_string_array(std::vector<std::string>& strings) {
    std::vector<char*> out;
    for (auto& s : strings) out.push_back(s.data());
    out.push_back(nullptr);
    return out;
}

}  // namespace m2pg::util
