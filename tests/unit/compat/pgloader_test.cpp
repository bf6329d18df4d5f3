#include <doctest/doctest.h>

#include <regex>
#include <string>
#include <vector>

#include "compat/pgloader.hpp"
#include "util/dsn.hpp"
#include "util/error.hpp"

using m2pg::compat::PgloaderOptions;
using m2pg::compat::render_pgloader;
using m2pg::model::Catalog;
using m2pg::model::Column;
using m2pg::model::Table;

namespace {

Column column(std::string name, std::string column_type, std::string data_type = "") {
    Column c;
    c.name = std::move(name);
    c.data_type = data_type.empty() ? column_type.substr(0, column_type.find_first_of("( ")) : data_type;
    c.column_type = std::move(column_type);
    c.is_unsigned = c.column_type.find("unsigned") != std::string::npos;
    return c;
}

Table table(std::string name, std::vector<Column> columns) {
    Table t;
    t.name = std::move(name);
    t.columns = std::move(columns);
    return t;
}

// A MariaDB database with what pgloader gets wrong on its own.
Catalog shop() {
    Catalog c;
    c.database = "shop";
    Column dnn = column("dnn", "date");
    dnn.is_nullable = false;
    dnn.default_value = "'0000-00-00'";
    Column dz = column("dz", "datetime");
    dz.default_value = "'0000-00-00 00:00:00'";
    Column fine = column("fine", "datetime");
    fine.default_value = "current_timestamp()";
    c.tables.push_back(table("Things", {column("flag", "tinyint(1)"), column("small", "tinyint(4)"),
                                        column("big", "bigint(20) unsigned"), column("doc", "longtext", "json"),
                                        dnn, dz, fine, column("b12", "bit(12)"), column("shape", "geometry")}));
    c.tables.push_back(table("schema_migrations", {column("v", "int(11)")}));
    return c;
}

PgloaderOptions options(const std::string& mysql = "app:s3cr3t@tcp(db.example.com:3306)/shop",
                        const std::string& pg = "postgresql://app:s3cr3t@pg.example.com:5432/shop") {
    PgloaderOptions o;
    o.mysql = m2pg::util::parse_mysql_dsn(mysql);
    o.postgres = m2pg::util::parse_pg_dsn(pg);
    return o;
}

m2pg::profile::Profile profile() {
    m2pg::profile::Profile p;
    p.name = "shopapp";
    p.skip_tables = {"SCHEMA_MIGRATIONS"};
    p.casts = {{"things.FLAG", "smallint"}};
    return p;
}

bool has(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }

std::size_t at(const std::string& text, const std::string& needle) {
    std::size_t pos = text.find(needle);
    REQUIRE_MESSAGE(pos != std::string::npos, "'" << needle << "' missing from:\n" << text);
    return pos;
}

}  // namespace

TEST_CASE("without a profile pgloader creates bare tables in the target schema, as m2pg copy --create-tables") {
    const std::string text = render_pgloader(options(), shop()).text;
    CHECK(has(text, "\nWITH include drop, create tables, create no indexes, no foreign keys,\n"
                    "     reset sequences, downcase identifiers,\n"));
    CHECK(has(text, "    FROM mysql://app@db.example.com:3306/shop\n    INTO postgresql://app@pg.example.com:5432/shop\n"));
    CHECK(has(text, "\nALTER SCHEMA 'shop' RENAME TO 'public'\n;\n"));
    CHECK_FALSE(has(text, "EXCLUDING"));
    CHECK(has(text, "written by m2pg " M2PG_VERSION " (m2pg pgloader)"));
    CHECK(has(text, "--   source: app@db.example.com:3306/shop\n"));
    CHECK(has(text, "export MYSQL_PWD="));
    CHECK(has(text, "export PGPASSWORD="));
    CHECK(has(text, "time_zone = '\"+00:00\"'"));
    CHECK_FALSE(std::regex_search(text, std::regex("@[A-Z_]+@")));

    auto other = options();
    other.target_schema = "app_data";
    CHECK(has(render_pgloader(other, shop()).text, "ALTER SCHEMA 'shop' RENAME TO 'app_data'"));
    other.target_schema = "it's";
    CHECK_THROWS_AS(render_pgloader(other, shop()), m2pg::UsageError);
}

TEST_CASE("no password reaches the file, whatever the DSN form") {
    const std::string password = "S3cret-p@ss:w/rd%x";
    const std::string encoded = "S3cret-p%40ss%3Aw%2Frd%25x";
    const std::vector<std::pair<std::string, std::string>> pairs = {
        {"app:" + password + "@tcp(db:3306)/shop", "postgresql://app:" + encoded + "@pg:5432/shop"},
        {"mysql://app:" + encoded + "@db/shop", "host=pg user=app password='" + password + "' dbname=shop"},
        {"mariadb://app:" + encoded + "@db:3307/shop?tls=true", "postgres://app:" + encoded + "@pg/shop?sslmode=verify-full"},
    };
    for (const auto& [mysql, pg] : pairs) {
        CAPTURE(mysql);
        const auto file = render_pgloader(options(mysql, pg), shop());
        CHECK_FALSE(has(file.text, "S3cret"));
        for (const auto& w : file.warnings) CHECK_FALSE(has(w, "S3cret"));
    }
}

TEST_CASE("columns the type rules cannot reach get rules of their own, before every type rule") {
    const std::string text = render_pgloader(options(), shop()).text;
    const std::size_t doc = at(text, "column Things.doc to jsonb drop typemod using remove-null-characters,");
    const std::size_t dnn = at(text, "column Things.dnn to date drop typemod drop default drop not null using zero-dates-to-null,");
    const std::size_t dz = at(text, "column Things.dz to \"timestamp(0)\" drop typemod drop default using zero-dates-to-null,");
    CHECK(doc < dnn);
    CHECK(dnn < dz);
    CHECK(dz < at(text, "type tinyint when (= precision 1) to boolean"));
    // A default m2pg keeps needs no rule; neither do columns the type rules get right.
    CHECK_FALSE(has(text, "column Things.fine"));
    CHECK_FALSE(has(text, "column Things.flag"));
    CHECK_FALSE(has(text, "column Things.big"));
}

TEST_CASE("the header lists this database's columns pgloader will type differently") {
    const std::string text = render_pgloader(options(), shop()).text;
    CHECK(has(text, "--   - Things.b12 (bit(12)): pgloader bit varying, m2pg copy bit varying(12)\n"));
    CHECK(has(text, "--   - Things.shape (geometry): pgloader by its own rules, m2pg copy bytea\n"));
    CHECK_FALSE(has(text, "Things.small ("));
    CHECK(at(text, "Things.b12 (") < at(text, "LOAD DATABASE"));
}

TEST_CASE("a line break in a MySQL name cannot end a comment of the header and add to the command") {
    Catalog c = shop();
    c.tables.push_back(table("t\nDROP", {column("c\nSELECT 1;\r\nx", "bit(12)")}));
    auto o = options();
    o.profile = profile();
    o.profile->casts.emplace("t.no\nSUCH", "text");  // a warning naming the cast
    const auto file = render_pgloader(o, c);
    const std::string header = file.text.substr(0, at(file.text, "\nLOAD DATABASE") + 1);
    CHECK(has(header, "--   - t DROP.c SELECT 1; x (bit(12)): pgloader bit varying"));
    CHECK(has(header, "--   - profile cast t.no SUCH = text names no column"));
    std::size_t start = 0;
    while (start < header.size()) {
        const std::size_t end = header.find('\n', start);
        const std::string line = header.substr(start, end - start);
        CHECK_MESSAGE((line.empty() || line.rfind("--", 0) == 0), "not a comment: '" << line << "'");
        start = end + 1;
    }
}

TEST_CASE("with a profile pgloader loads data only, leaves the skipped tables out and applies the casts") {
    auto o = options();
    o.profile = profile();
    const auto file = render_pgloader(o, shop());
    const std::string& text = file.text;
    CHECK(has(text, "\nWITH data only, no truncate, create no tables, create no indexes,\n"
                    "     reset no sequences, downcase identifiers,\n"));
    // The skip list and the casts are matched to the catalog's spelling.
    CHECK(has(text, "\nEXCLUDING TABLE NAMES MATCHING 'schema_migrations'\n"));
    // tinyint(1) cast to smallint: no tinyint-to-boolean for it.
    const std::size_t cast = at(text, "column Things.flag to smallint drop typemod,  -- profile cast\n");
    CHECK(cast < at(text, "column Things.doc to jsonb"));
    CHECK(has(text, "profile shopapp: data only"));
    CHECK(has(text, "ALTER SCHEMA 'shop' RENAME TO 'public'"));

    o.profile->casts = {{"Things.nothing", "text"}};
    const auto missing = render_pgloader(o, shop());
    REQUIRE(missing.warnings.size() == 1);
    CHECK(has(missing.warnings[0], "Things.nothing"));
    CHECK(has(missing.text, "--   - profile cast Things.nothing = text names no column"));
}

TEST_CASE("odd MySQL names are quoted the way pgloader reads them, or left out with a warning") {
    Catalog c = shop();
    c.tables.push_back(table("Odd Tab-le", {column("we'ird col", "longtext", "json"), column("dq\"col", "longtext", "json"),
                                            column("both'\"", "longtext", "json")}));
    c.tables.push_back(table("skip'me", {column("id", "int(11)")}));
    auto o = options();
    o.profile = profile();
    o.profile->skip_tables.push_back("SKIP'ME");
    const auto file = render_pgloader(o, c);
    CHECK(has(file.text, "column \"Odd Tab-le\".\"we'ird col\" to jsonb"));
    CHECK(has(file.text, "column \"Odd Tab-le\".'dq\"col' to jsonb"));
    CHECK(has(file.text, "EXCLUDING TABLE NAMES MATCHING 'schema_migrations', ~/^skip\\'me$/\n"));
    CHECK_FALSE(has(file.text, "column \"Odd Tab-le\".\"both"));
    REQUIRE(file.warnings.size() == 1);
    CHECK(has(file.warnings[0], "both quote characters"));
}

TEST_CASE("a {{ in a name turns pgloader's mustache templating off for the file") {
    Catalog c = shop();
    CHECK(render_pgloader(options(), c).text.rfind("-- pgloader command file", 0) == 0);
    c.tables.push_back(table("t", {column("{{X}}", "longtext", "json")}));
    const std::string text = render_pgloader(options(), c).text;
    CHECK(text.rfind("{{=<m2pg| |m2pg>=}}\n-- pgloader command file", 0) == 0);
    CHECK(has(text, "column t.\"{{X}}\" to jsonb"));
}

TEST_CASE("a DSN pgloader cannot read is a usage error naming the part") {
    CHECK_THROWS_WITH_AS(render_pgloader(options("app:pw@tcp([::1]:3306)/shop"), shop()), doctest::Contains("host '::1'"),
                         m2pg::UsageError);
    CHECK_THROWS_WITH_AS(render_pgloader(options("app:pw@tcp(db:3306)/shop", "host=a,b dbname=shop"), shop()),
                         doctest::Contains("one PostgreSQL host"), m2pg::UsageError);
}

namespace {

// An app with a replaced table, a full-text index, a plugin with migrations of its own and
// one whose tables pgloader makes.
m2pg::profile::Profile app_with_plugins() {
    m2pg::profile::Profile p;
    p.name = "app";
    p.replace_tables = {"Systems"};
    p.fulltext = {{"posts", "idx_posts_message_txt", {"message"}, "english"}};
    p.plugins["calls"].tables = {"calls"};
    p.plugins["calls"].migrations_table = "db_migrations_calls";
    p.plugins["calls"].postgres_migrations = "/srv/calls/postgres";
    p.plugins["boards"].tables = {"focalboard_*"};
    p.casts = {{"focalboard_blocks.fields", "json"}};
    return p;
}

Catalog app_catalog() {
    Catalog c;
    c.database = "app";
    c.tables.push_back(table("Posts", {column("Id", "varchar(26)"), column("Message", "text")}));
    c.tables.push_back(table("Systems", {column("Name", "varchar(64)"), column("Value", "text")}));
    c.tables.push_back(table("calls", {column("ID", "varchar(26)")}));
    c.tables.push_back(table("db_migrations_calls", {column("Version", "bigint(20)")}));
    Column inserted = column("insert_at", "datetime(6)");
    inserted.default_value = "current_timestamp(6)";
    c.tables.push_back(table("focalboard_blocks", {column("id", "varchar(36)"), column("fields", "text"), inserted}));
    return c;
}

}  // namespace

TEST_CASE("into the app's tables pgloader first empties the replaced tables and drops the profile's full-text indexes") {
    auto o = options("app@tcp(db:3306)/app", "postgresql://app@pg/app");
    o.profile = app_with_plugins();
    const std::string core = render_pgloader(o, app_catalog()).text;
    CHECK(has(core, "ALTER SCHEMA 'app' RENAME TO 'public'\nBEFORE LOAD DO\n"
                    "    $$ TRUNCATE TABLE public.systems; $$,\n"
                    "    $$ DROP INDEX IF EXISTS public.idx_posts_message_txt; $$\n;"));
    CHECK(has(core, "m2pg index PG_DSN --profile app builds the full-text indexes"));
    CHECK_FALSE(has(core, "AFTER LOAD"));

    o.scope.plugin = "calls";
    const std::string calls = render_pgloader(o, app_catalog()).text;
    CHECK(has(calls, "\nWITH data only, no truncate, create no tables"));
    CHECK(has(calls, "INCLUDING ONLY TABLE NAMES MATCHING 'calls', 'db_migrations_calls'\n"));
    CHECK(has(calls, "BEFORE LOAD DO\n    $$ TRUNCATE TABLE public.db_migrations_calls; $$\n;"));
    CHECK(has(calls, "--run-migrations --profile app --plugin calls made"));
}

TEST_CASE("a plugin without migrations: pgloader creates its tables, TEXT holding JSON becomes json, and "
          "current_timestamp(6) defaults are set after the load") {
    auto o = options("app@tcp(db:3306)/app", "postgresql://app@pg/app");
    o.profile = app_with_plugins();
    o.scope.plugin = "boards";
    const std::string text = render_pgloader(o, app_catalog()).text;
    CHECK(has(text, "\nWITH include drop, create tables, create no indexes"));
    CHECK(has(text, "INCLUDING ONLY TABLE NAMES MATCHING 'focalboard_blocks'\n"));
    CHECK_FALSE(has(text, "BEFORE LOAD"));
    CHECK(has(text, "column focalboard_blocks.fields to json drop typemod using (lambda (value) (let ((kept "
                    "(remove-null-characters value))) (if (and kept (string= kept \"\")) \"{}\" kept))),"));
    CHECK(has(text, "column focalboard_blocks.insert_at to \"timestamp(6)\" drop typemod drop default using "
                    "zero-dates-to-null,"));
    CHECK(has(text, "AFTER LOAD DO\n    $$ ALTER TABLE public.focalboard_blocks ALTER COLUMN insert_at SET DEFAULT "
                    "CURRENT_TIMESTAMP(6); $$\n;"));
    CHECK(has(text, "m2pg index PG_DSN --profile app --plugin boards --from-mysql MYSQL_DSN --create-indexes"));
}
