#include "convert/row_key.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>

using m2pg::convert::key_values_text;
using m2pg::convert::named_key_text;

TEST_CASE("row keys read as the admin finds the row again, with or without the column names") {
    CHECK(named_key_text({"Id"}, {std::string("abc")}) == "Id=abc");
    CHECK(named_key_text({"ChannelId", "UserId"}, {std::string("c"), std::nullopt}) == "(ChannelId, UserId)=(c, NULL)");
    CHECK(named_key_text({}, {}) == "(no key)");
    CHECK(key_values_text({std::string("42")}) == "42");
    CHECK(key_values_text({std::string("a"), std::string("b")}) == "(a, b)");
    CHECK(key_values_text({std::nullopt}) == "NULL");
}

TEST_CASE("a long or unprintable key value is shown as a short excerpt") {
    const std::string shown = key_values_text({std::string(500, 'x')});
    CHECK(shown.size() < 100);
    CHECK(shown.rfind("xxxx", 0) == 0);
}
