#include "support/sample.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <vector>

namespace m2pg::test {

namespace fs = std::filesystem;

namespace {
std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}
}  // namespace

void load_sample(const MysqlScratch& mysql, const std::string& profile, bool with_data) {
    const fs::path dir = fs::path(M2PG_SOURCE_DIR) / "migrations" / profile;
    mysql.exec("CREATE TABLE db_migrations (Version bigint NOT NULL PRIMARY KEY, Name varchar(64) NOT NULL)");
    std::vector<fs::path> ups;
    for (const auto& entry : fs::directory_iterator(dir / "mysql"))
        if (entry.path().string().ends_with(".up.sql")) ups.push_back(entry.path());
    std::sort(ups.begin(), ups.end());
    for (const auto& up : ups) {
        mysql.exec(read_file(up));
        const std::string file = up.filename().string();
        const auto underscore = file.find('_');
        const std::string version = std::to_string(std::stoll(file.substr(0, underscore)));
        const std::string name = file.substr(underscore + 1, file.find(".up.sql") - underscore - 1);
        mysql.exec("INSERT INTO db_migrations VALUES (" + version + ", '" + name + "')");
    }
    if (with_data && fs::exists(dir / "sample-data.sql")) mysql.exec(read_file(dir / "sample-data.sql"));
}

}  // namespace m2pg::test
