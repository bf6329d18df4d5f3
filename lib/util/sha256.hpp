#pragma once
// SHA-256 (FIPS 180-4) over OpenSSL: the migration runner fingerprints each applied file
// with it and derives its advisory lock key from it.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace m2pg::util {

using Sha256Digest = std::array<std::uint8_t, 32>;

Sha256Digest sha256(std::string_view data);
// The digest as 64 lower-case hex digits.
std::string sha256_hex(std::string_view data);

}  // namespace m2pg::util
