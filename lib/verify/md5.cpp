#include "verify/md5.hpp"

#include <openssl/evp.h>

#include "util/evp_digest.hpp"
#include "util/text.hpp"

namespace m2pg::verify {

std::string md5_hex(std::string_view data) { return util::hex_encode(util::evp_digest(EVP_md5(), data)); }

}  // namespace m2pg::verify
