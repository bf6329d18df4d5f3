#include <doctest/doctest.h>

#include <string>

#include "util/argv_scrub.hpp"

namespace {
std::string scrubbed(std::string arg) {
    m2pg::util::scrub_password(arg.data());
    return arg;
}
}  // namespace

TEST_CASE("passwords in command-line DSNs are overwritten in place, keeping everything else") {
    CHECK(scrubbed("user:p@ss:w/rd@tcp(127.0.0.1:3306)/db") == "user:xxxxxxxxx@tcp(127.0.0.1:3306)/db");
    CHECK(scrubbed("mysql://user:s3cret@host:3306/db") == "mysql://user:xxxxxx@host:3306/db");
    CHECK(scrubbed("postgresql://m2pg:T3st-p%40ss@127.0.0.1:5432/x") == "postgresql://m2pg:xxxxxxxxxxx@127.0.0.1:5432/x");
    CHECK(scrubbed("host=h password=hunter2 dbname=d") == "host=h password=xxxxxxx dbname=d");
}

TEST_CASE("arguments without a password are left alone") {
    CHECK(scrubbed("--jobs") == "--jobs");
    CHECK(scrubbed("user@tcp(127.0.0.1:3306)/db") == "user@tcp(127.0.0.1:3306)/db");
    CHECK(scrubbed("postgresql://user@host/db") == "postgresql://user@host/db");
    CHECK(scrubbed("") == "");
}
