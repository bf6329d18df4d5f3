#include "util/sha256.hpp"

#include <openssl/evp.h>

#include <algorithm>

#include "util/evp_digest.hpp"
#include "util/text.hpp"

namespace m2pg::util {

Sha256Digest sha256(std::string_view data) {
    const std::string raw = evp_digest(EVP_sha256(), data);
    Sha256Digest out{};
    std::transform(raw.begin(), raw.end(), out.begin(), [](char c) { return static_cast<std::uint8_t>(c); });
    return out;
}

std::string sha256_hex(std::string_view data) { return hex_encode(evp_digest(EVP_sha256(), data)); }

}  // namespace m2pg::util
