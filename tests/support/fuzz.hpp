#pragma once
// Hostile values for the fuzz tests: a seeded generator (M2PG_FUZZ_SEED replays a run,
// M2PG_FUZZ_ITERATIONS scales it; the defaults keep a test to a few seconds), random byte
// strings biased towards what breaks codecs (invalid and overlong UTF-8, encoded
// surrogates, NUL, COPY's specials, quotes and commas), and the inverse of a COPY
// text-format field, so a test can read back what a codec wrote.
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <random>
#include <string>
#include <string_view>

namespace m2pg::test::fuzz {

inline std::uint64_t seed() {
    if (const char* s = std::getenv("M2PG_FUZZ_SEED")) return std::strtoull(s, nullptr, 10);
    return 20261202;
}

inline int iterations(int default_count) {
    if (const char* s = std::getenv("M2PG_FUZZ_ITERATIONS")) return std::atoi(s);
    return default_count;
}

class Gen {
public:
    explicit Gen(std::uint64_t seed) : rng_(seed) {}

    std::uint64_t u64() { return rng_(); }
    // Uniform in [lo, hi].
    std::int64_t in(std::int64_t lo, std::int64_t hi) {
        return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng_);
    }
    bool chance(int percent) { return in(1, 100) <= percent; }
    template <class T, std::size_t N>
    const T& pick(const T (&items)[N]) {
        return items[static_cast<std::size_t>(in(0, N - 1))];
    }

    // Lengths mostly short, sometimes a few KiB (the 8-byte fast paths and long excerpts).
    std::size_t length() {
        const auto r = in(0, 99);
        if (r < 70) return static_cast<std::size_t>(in(0, 16));
        if (r < 95) return static_cast<std::size_t>(in(17, 200));
        return static_cast<std::size_t>(in(201, 5000));
    }

    // Any byte, uniformly.
    std::string bytes(std::size_t n) {
        std::string s(n, '\0');
        for (auto& c : s) c = static_cast<char>(in(0, 255));
        return s;
    }

    // Pieces that break codecs, glued together: every one is a case the code must decide.
    std::string hostile(std::size_t pieces) {
        using namespace std::string_view_literals;
        static const std::string_view kPieces[] = {
            "a", "Z", "0", "9", " ", "-", "+", ".", ":", ",", "'", "\"", "{", "}", "[", "]", "e", "E",
            "\\", "\t", "\n", "\r", "\\N", "\\.", "\0"sv,
            "\xC3\xA9",          // é
            "\xE2\x82\xAC",      // €
            "\xF0\x9F\x98\x80",  // emoji
            "\xD7\xA9\xD7\x9C",  // Hebrew (RTL)
            "\xCC\x81",          // combining acute
            "\xC0\x80",          // overlong NUL
            "\xC1\xBF",          // overlong
            "\xE0\x80\xAF",      // overlong '/'
            "\xF0\x80\x80\xAF",  // overlong, 4 bytes
            "\xED\xA0\x80",      // lone high surrogate as UTF-8
            "\xED\xBF\xBF",      // lone low surrogate as UTF-8
            "\xED\xA0\xBD\xED\xB8\x80",  // a surrogate pair as CESU-8
            "\xF4\x90\x80\x80",  // above U+10FFFF
            "\xF5\x80\x80\x80", "\xFF", "\xFE", "\x80", "\xBF",
            "\xE2\x82",          // truncated
            "\xF0\x9F\x98",      // truncated
            "\\u0000", "\\\\u0000", "\\ud800", "\\udc00", "\\ud83d\\ude00", "\\u00e9", "\\x", "\\q",
            "0000-00-00", "00:00:00", "838:59:59.999999", "-838:59:59", "1e308", "1e-400", "nan", "inf",
        };
        std::string s;
        for (std::size_t i = 0; i < pieces; ++i) s += pick(kPieces);
        return s;
    }

    // A random value: raw bytes, hostile pieces, or printable ASCII.
    std::string value() {
        switch (in(0, 2)) {
            case 0: return bytes(length());
            case 1: return hostile(length() / 2);
            default: {
                std::string s(length(), ' ');
                for (auto& c : s) c = static_cast<char>(in(0x20, 0x7E));
                return s;
            }
        }
    }

    // `s` with a few random bytes replaced, inserted or removed: near-misses of a valid value.
    std::string mutate(std::string s) {
        const auto edits = in(1, 3);
        for (int e = 0; e < edits; ++e) {
            const auto at = static_cast<std::size_t>(in(0, static_cast<std::int64_t>(s.size())));
            switch (in(0, 3)) {
                case 0: if (at < s.size()) s[at] = static_cast<char>(in(0, 255)); break;
                case 1: s.insert(at, 1, static_cast<char>(in(0, 255))); break;
                case 2: if (at < s.size()) s.erase(at, 1); break;
                default: if (at < s.size()) s[at] = static_cast<char>('0' + in(0, 9)); break;
            }
        }
        return s;
    }

private:
    std::mt19937_64 rng_;
};

// "\xNN" for every byte: how a failing input is shown, so it can be pasted into a test;
// a long one is cut after 120 bytes (M2PG_FUZZ_SEED replays it whole).
inline std::string hex(std::string_view s) {
    static constexpr char kDigits[] = "0123456789ABCDEF";
    std::string out;
    if (s.size() > 120) out = "(" + std::to_string(s.size()) + " bytes) ";
    for (unsigned char c : s.substr(0, 120)) {
        out += "\\x";
        out += kDigits[c >> 4];
        out += kDigits[c & 0xF];
    }
    if (s.size() > 120) out += "...";
    return out;
}

// Reads one COPY text-format field back as PostgreSQL's COPY FROM does (\N is NULL; the
// escapes \b \f \n \r \t \v \\, \NNN octal and \xHH hex). nullopt for NULL. Throws
// std::invalid_argument for what would break the COPY stream: a raw tab, newline or
// carriage return (a field or row boundary), a lone backslash at the end.
inline std::optional<std::string> decode_copy_field(std::string_view field) {
    if (field == "\\N") return std::nullopt;
    std::string out;
    for (std::size_t i = 0; i < field.size(); ++i) {
        const char c = field[i];
        if (c == '\t' || c == '\n' || c == '\r') throw std::invalid_argument("raw tab, newline or CR in a COPY field");
        if (c != '\\') {
            out += c;
            continue;
        }
        if (++i >= field.size()) throw std::invalid_argument("a COPY field ends in a backslash");
        const char e = field[i];
        switch (e) {
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case 'v': out += '\v'; break;
            case 'N': throw std::invalid_argument("\\N inside a COPY field");
            case '.': throw std::invalid_argument("\\. inside a COPY field");
            default:
                if (e >= '0' && e <= '7') {
                    int v = e - '0';
                    for (int k = 0; k < 2 && i + 1 < field.size() && field[i + 1] >= '0' && field[i + 1] <= '7'; ++k)
                        v = v * 8 + (field[++i] - '0');
                    out += static_cast<char>(v);
                } else if (e == 'x') {
                    throw std::invalid_argument("\\x escape in a COPY field (m2pg never writes one)");
                } else {
                    out += e;  // \\ and any other character stand for themselves
                }
        }
    }
    return out;
}

}  // namespace m2pg::test::fuzz
