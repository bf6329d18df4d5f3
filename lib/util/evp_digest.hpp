#pragma once
// One-shot message digests through OpenSSL's EVP interface; util/sha256 and verify/md5 are
// thin wrappers over this, so the context handling is written once.
#include <openssl/types.h>

#include <string>
#include <string_view>

namespace m2pg::util {

// The raw digest of `data` under `md` (EVP_sha256(), EVP_md5(), ...), EVP_MD_size(md) bytes.
std::string evp_digest(const EVP_MD* md, std::string_view data);

}  // namespace m2pg::util
