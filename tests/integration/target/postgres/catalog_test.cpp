#include "target/postgres/catalog.hpp"

#include <doctest/doctest.h>

#include "support/servers.hpp"
#include "target/postgres/connection.hpp"

using m2pg::target::postgres::read_target_tables;

TEST_CASE("the target catalog gives enum labels, character limits, numeric scale, array elements and checks"
          * doctest::skip(m2pg::test::skip_servers())) {
    m2pg::test::PgScratch db;
    db.exec("CREATE TYPE channel_type AS ENUM ('P', 'G', 'O', 'D');"
            "CREATE DOMAIN short_text AS varchar(12);"
            "CREATE TABLE channels (id varchar(26) PRIMARY KEY, type channel_type, kinds channel_type[],"
            " ids varchar(26)[] NOT NULL, code char(3), price numeric(10,2), prices numeric(5,1)[],"
            " label short_text, body text, n int DEFAULT 0, nd varchar(5) DEFAULT NULL,"
            " CONSTRAINT price_positive CHECK (price > 0))");
    m2pg::target::postgres::PgConnection pg(db.dsn());
    const auto tables = read_target_tables(pg, "public");
    REQUIRE(tables.size() == 1);
    const auto& t = tables[0];
    auto col = [&](const char* name) {
        const auto* c = t.find_column(name);
        REQUIRE(c != nullptr);
        return *c;
    };
    CHECK(col("id").max_chars == 26);
    CHECK_FALSE(col("id").is_array());
    CHECK(col("type").is_enum);
    CHECK(col("type").enum_labels == std::vector<std::string>{"P", "G", "O", "D"});
    CHECK(col("kinds").is_enum);
    CHECK(col("kinds").element_type == "channel_type");
    CHECK(col("kinds").enum_labels == std::vector<std::string>{"P", "G", "O", "D"});
    CHECK(col("ids").type == "character varying(26)[]");
    CHECK(col("ids").element_type == "varchar");
    CHECK(col("ids").max_chars == 26);
    CHECK(col("ids").not_null);
    CHECK(col("code").max_chars == 3);
    CHECK(col("price").numeric_precision == 10);
    CHECK(col("price").numeric_scale == 2);
    CHECK(col("prices").numeric_precision == 5);
    CHECK(col("prices").numeric_scale == 1);
    CHECK(col("label").base_type == "varchar");
    CHECK(col("label").max_chars == 12);  // the domain's limit: the column's own typmod is -1
    CHECK_FALSE(col("body").max_chars.has_value());
    CHECK_FALSE(col("body").is_enum);
    CHECK(col("body").enum_labels.empty());
    CHECK(col("n").has_default);
    CHECK_FALSE(col("nd").has_default);  // stored as NULL::character varying: no default
    REQUIRE(t.checks.size() == 1);
    CHECK(t.checks[0].name == "price_positive");
    CHECK(t.checks[0].definition == "CHECK ((price > (0)::numeric))");
}
