#include "convert/text.hpp"

#include <unicode/utf8.h>

#include <array>
#include <cstring>
#include <string>

#include "util/error.hpp"

namespace m2pg::convert {

namespace {

// Byte classes of the text fast path: everything but kClean ends a run of bytes that is
// copied as it is.
enum ByteClass : unsigned char { kClean, kEscape, kNul, kHigh };

constexpr std::array<unsigned char, 256> kByteClass = [] {
    std::array<unsigned char, 256> t{};
    for (std::size_t b = 0x80; b < 256; ++b) t[b] = kHigh;
    t[0] = kNul;
    t['\\'] = kEscape;
    t['\t'] = kEscape;
    t['\n'] = kEscape;
    t['\r'] = kEscape;
    return t;
}();

// The letter after the backslash for each byte COPY text format escapes.
constexpr char escape_letter(unsigned char b) {
    switch (b) {
        case '\t': return 't';
        case '\n': return 'n';
        case '\r': return 'r';
        default: return '\\';
    }
}

constexpr char kHexDigits[] = "0123456789ABCDEF";
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Decodes one code point at `p` (`remaining` >= 1) with ICU's U8_NEXT, which rejects
// overlong forms, surrogates, values above U+10FFFF and truncated sequences, and on error
// advances past the maximal invalid subsequence (Unicode's "best practice" for U+FFFD).
// A sequence is at most 4 bytes, so the length handed to ICU's int32_t offsets is capped
// at 4: values larger than 2 GiB need no special care.
inline std::size_t next_code_point(const unsigned char* p, std::size_t remaining, bool& valid) {
    std::int32_t i = 0;
    const std::int32_t length = remaining > 4 ? 4 : static_cast<std::int32_t>(remaining);
    UChar32 c = 0;
    U8_NEXT(p, i, length, c);
    valid = c >= 0;
    return static_cast<std::size_t>(i);
}

// True when none of the 8 bytes at `p` needs work: none is below 0x0E (NUL, tab, LF, CR and
// a few harmless controls that simply take the byte-wise path), a backslash or >= 0x80.
// Uses the exact "has a byte less than n" test from Bit Twiddling Hacks; ASCII text then
// moves 8 bytes per step.
inline bool is_clean_word(const unsigned char* p) {
    constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
    constexpr std::uint64_t kHighs = 0x8080808080808080ULL;
    std::uint64_t x = 0;
    std::memcpy(&x, p, sizeof x);
    const std::uint64_t below = (x - kOnes * 0x0E) & ~x;
    const std::uint64_t b = x ^ (kOnes * '\\');
    const std::uint64_t backslash = (b - kOnes) & ~b;
    return ((x | below | backslash) & kHighs) == 0;
}

void append_hex_byte(unsigned char b, std::string& out) {
    out += "\\x";
    out += kHexDigits[b >> 4];
    out += kHexDigits[b & 0xF];
}

[[noreturn]] void throw_invalid_utf8(const char* data, std::size_t len, std::size_t offset,
                                     std::size_t bad_len) {
    std::string bad;
    for (std::size_t k = 0; k < bad_len; ++k)
        append_hex_byte(static_cast<unsigned char>(data[offset + k]), bad);
    throw ConvertError(Where{}, "invalid UTF-8 at byte offset " + std::to_string(offset) +
                                    " (bytes " + bad + ") in value '" +
                                    excerpt(std::string_view(data, len)) + "'");
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t len = text.size();
    std::size_t i = 0;
    while (i < len) {
        if (p[i] < 0x80) {
            ++i;
            continue;
        }
        bool valid = false;
        i += next_code_point(p + i, len - i, valid);
        if (!valid) return false;
    }
    return true;
}

void append_utf8_repaired(std::string_view text, ColumnStats& stats, std::string& out) {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    std::size_t run = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        if (p[i] < 0x80) {
            ++i;
            continue;
        }
        bool valid = false;
        const std::size_t n = next_code_point(p + i, text.size() - i, valid);
        if (!valid) {
            out.append(text.data() + run, i - run);
            out += kReplacement;
            ++stats.invalid_utf8_replaced;
            run = i + n;
        }
        i += n;
    }
    out.append(text.data() + run, text.size() - run);
}

std::string excerpt(std::string_view text, std::size_t max_bytes) {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t end = text.size() < max_bytes ? text.size() : max_bytes;
    std::string out;
    std::size_t i = 0;
    while (i < end) {
        const unsigned char b = p[i];
        if (b >= 0x20 && b < 0x7F && b != '\\') {
            out += static_cast<char>(b);
            ++i;
            continue;
        }
        if (b < 0x80) {
            append_hex_byte(b, out);
            ++i;
            continue;
        }
        bool valid = false;
        const std::size_t n = next_code_point(p + i, text.size() - i, valid);
        if (valid) {
            if (i + n > end) break;  // never cut a character in half
            out.append(text.data() + i, n);
        } else {
            for (std::size_t k = 0; k < n && i + k < end; ++k) append_hex_byte(p[i + k], out);
        }
        i += n;
    }
    if (i < text.size()) out += "...";
    return out;
}

void append_copy_escaped(std::string_view text, std::string& out) {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    std::size_t run = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (kByteClass[p[i]] != kEscape) continue;
        out.append(text.data() + run, i - run);
        out += '\\';
        out += escape_letter(p[i]);
        run = i + 1;
    }
    out.append(text.data() + run, text.size() - run);
}

void append_copy_text(const char* data, std::size_t len, InvalidUtf8Policy policy,
                      ColumnStats& stats, std::string& out) {
    const auto* p = reinterpret_cast<const unsigned char*>(data);
    std::size_t run = 0;  // start of the clean bytes not yet appended
    std::size_t i = 0;
    while (i < len) {
        const unsigned char cls = kByteClass[p[i]];
        if (cls == kClean) {
            // Only after an ASCII byte: in CJK or Cyrillic text the word test would
            // mostly fail and cost more than it saves.
            ++i;
            while (len - i >= 8 && is_clean_word(p + i)) i += 8;
            continue;
        }
        if (cls == kHigh) {
            bool valid = false;
            const std::size_t n = next_code_point(p + i, len - i, valid);
            if (valid) {
                i += n;  // well-formed: stays in the run
                continue;
            }
            if (policy == InvalidUtf8Policy::Fail) throw_invalid_utf8(data, len, i, n);
            out.append(data + run, i - run);
            out += kReplacement;
            ++stats.invalid_utf8_replaced;
            i += n;
            run = i;
            continue;
        }
        out.append(data + run, i - run);
        if (cls == kNul) {
            ++stats.nuls_stripped;
        } else {
            out += '\\';
            out += escape_letter(p[i]);
        }
        ++i;
        run = i;
    }
    out.append(data + run, len - run);
}

}  // namespace m2pg::convert
