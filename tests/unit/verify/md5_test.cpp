#include <doctest/doctest.h>

#include <string>

#include "verify/md5.hpp"

using m2pg::verify::md5_hex;

TEST_CASE("md5_hex gives the RFC 1321 digests, as MySQL MD5() and PostgreSQL md5() print them") {
    CHECK(md5_hex("") == "d41d8cd98f00b204e9800998ecf8427e");
    CHECK(md5_hex("abc") == "900150983cd24fb0d6963f7d28e17f72");
    CHECK(md5_hex("Zo\xC3\xAB \xF0\x9F\x90\x98") == "e32c2f75fd18c61193df74b6a721e8f7");
}

TEST_CASE("md5_hex pads correctly at the block boundaries 55, 56 and 64 bytes and over many blocks") {
    CHECK(md5_hex(std::string(55, 'a')) == "ef1772b6dff9a122358552954ad0df65");
    CHECK(md5_hex(std::string(56, 'a')) == "3b0c8ac703f828b04c6c197006d17218");
    CHECK(md5_hex(std::string(64, 'a')) == "014842d480b571495a4a0363793f7367");
    CHECK(md5_hex(std::string(1000, 'a')) == "cabe45dcc9ae5b66ba86600cca6b8ba8");
}

TEST_CASE("md5_hex hashes NUL bytes as data") {
    CHECK(md5_hex(std::string("a\0b", 3)) != md5_hex("ab"));
    CHECK(md5_hex(std::string("a\0b", 3)).size() == 32);
}
