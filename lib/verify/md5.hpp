#pragma once
// MD5 (RFC 1321) over OpenSSL. verify hashes canonical rows with MD5 because it is the one
// digest both MySQL (MD5()) and PostgreSQL (md5()) compute natively: where a row must be
// hashed client-side (JSON columns), this must give the servers' exact digits.
// Not a security measure; collisions only matter against an adversary, not a copy bug.
#include <string>
#include <string_view>

namespace m2pg::verify {

// The digest of `data` as 32 lower-case hex digits, as MD5() and md5() print it.
std::string md5_hex(std::string_view data);

}  // namespace m2pg::verify
