#include "copy/selection.hpp"

#include <set>

#include "util/error.hpp"
#include "util/text.hpp"

namespace m2pg::copy {

std::vector<const schema::Table*> select_tables(const schema::Catalog& catalog, const std::vector<std::string>& tables,
                                                const std::vector<std::string>& exclude) {
    std::set<std::string> wanted, excluded, found;
    for (const auto& t : tables)
        if (!t.empty()) wanted.insert(util::ascii_lower(t));
    for (const auto& t : exclude)
        if (!t.empty()) excluded.insert(util::ascii_lower(t));
    std::vector<const schema::Table*> out;
    for (const auto& t : catalog.tables) {
        const auto name = util::ascii_lower(t.name);
        if (!wanted.empty() && !wanted.count(name)) continue;
        found.insert(name);
        if (!excluded.count(name)) out.push_back(&t);
    }
    std::vector<std::string> missing;
    for (const auto& w : wanted)
        if (!found.count(w)) missing.push_back(w);
    if (!missing.empty())
        throw UsageError("no such MySQL table in " + catalog.database + ": " + util::join(missing, ", "));
    return out;
}

}  // namespace m2pg::copy
