#include <stdexcept>
#include <string>
#include <vector>

#include "support/mattermost_seed.hpp"

namespace m2pg::test::mattermost {

std::string where_key(MysqlSession& session, const Planted& p) {
    std::vector<std::string> columns;
    for (const auto& row : session.run("SELECT COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE WHERE "
                                       "TABLE_SCHEMA = DATABASE() AND TABLE_NAME = " + session.quote(p.table) +
                                       " AND CONSTRAINT_NAME = 'PRIMARY' ORDER BY ORDINAL_POSITION"))
        columns.push_back(*row[0]);
    std::vector<std::string> values;
    if (columns.size() > 1 && p.key.size() >= 2 && p.key.front() == '(' && p.key.back() == ')') {
        const std::string key = p.key.substr(1, p.key.size() - 2);
        for (std::size_t at = 0;;) {
            const auto comma = key.find(", ", at);
            values.push_back(key.substr(at, comma == std::string::npos ? std::string::npos : comma - at));
            if (comma == std::string::npos) break;
            at = comma + 2;
        }
    } else {
        values.push_back(p.key);
    }
    if (values.size() != columns.size())
        throw std::runtime_error("planted key " + p.key + " does not fit the primary key of " + p.table);
    std::string where;
    for (std::size_t i = 0; i < columns.size(); ++i)
        where += (i ? " AND `" : "`") + columns[i] + "` = " + session.quote(values[i]);
    return where;
}

}  // namespace m2pg::test::mattermost
