#include "util/evp_digest.hpp"

#include <openssl/evp.h>

#include <memory>

#include "util/error.hpp"

namespace m2pg::util {

namespace {
struct MdCtxFree {
    void operator()(EVP_MD_CTX* c) const noexcept { EVP_MD_CTX_free(c); }
};
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;
}  // namespace

std::string evp_digest(const EVP_MD* md, std::string_view data) {
    const MdCtxPtr ctx(EVP_MD_CTX_new());
    std::string out(static_cast<std::size_t>(EVP_MAX_MD_SIZE), '\0');
    unsigned int size = 0;
    if (!ctx || EVP_DigestInit_ex(ctx.get(), md, nullptr) != 1 ||
        EVP_DigestUpdate(ctx.get(), data.data(), data.size()) != 1 ||
        EVP_DigestFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &size) != 1)
        throw Error(std::string("OpenSSL could not compute a ") + (md ? EVP_MD_get0_name(md) : "(null)") +
                    " digest");
    out.resize(size);
    return out;
}

}  // namespace m2pg::util
