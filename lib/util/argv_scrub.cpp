#include "util/argv_scrub.hpp"

#include <string>

#include "util/dsn.hpp"

namespace m2pg::util {

void scrub_password(char* arg) {
    const std::string original(arg);
    const std::string redacted = redact(original);
    if (redacted == original) return;
    // redact() swaps the password for "***": the differing span between the common
    // prefix and the common suffix is the password.
    std::size_t start = 0;
    while (start < original.size() && start < redacted.size() && original[start] == redacted[start]) ++start;
    std::size_t tail = 0;
    while (tail < original.size() - start && tail < redacted.size() - start &&
           original[original.size() - 1 - tail] == redacted[redacted.size() - 1 - tail])
        ++tail;
    for (std::size_t i = start; i < original.size() - tail; ++i) arg[i] = 'x';
}

}  // namespace m2pg::util
