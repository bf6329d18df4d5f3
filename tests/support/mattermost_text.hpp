#pragma once
// What the Mattermost seeder writes into values: a seeded random stream, ids as the app makes
// them, epoch-millisecond times, and chat text in many scripts. Deterministic: the same seed
// gives the same values (no clock, locale or hash order involved).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace m2pg::test::mattermost {

// splitmix64: tiny state, fast, and good enough for test data.
class Rng {
public:
    explicit Rng(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next();
    std::uint64_t below(std::uint64_t n) { return n == 0 ? 0 : next() % n; }
    std::int64_t between(std::int64_t lo, std::int64_t hi) {  // inclusive
        return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo) + 1));
    }
    bool percent(std::uint64_t n) { return below(100) < n; }
    // Skewed towards 0: a few channels and users carry most of the traffic, as in real chats.
    std::uint64_t skewed(std::uint64_t n) { return n == 0 ? 0 : below(n) * below(n) / n; }
    template <class T>
    const T& pick(const std::vector<T>& items) {
        return items[below(items.size())];
    }

private:
    std::uint64_t state_;
};

// Mattermost's model.NewId(): 16 random bytes in base32 with the alphabet
// "ybndrfg8ejkmcpqxot1uwisza345h769", 26 characters, lower case.
std::string new_id(Rng& rng);

// 2023-01-01T00:00:00Z plus `offset_ms`: CreateAt/UpdateAt values are epoch milliseconds.
inline constexpr std::int64_t kEpochMs = 1672531200000;

// Code points in UTF-8 text (continuation bytes not counted).
std::size_t count_chars(std::string_view text);

// Chat text of about `chars` code points in one language picked by `rng` (English, German,
// French, Russian, Japanese, Chinese, Korean, Arabic, Hebrew, Hindi), with emoji (4-byte,
// skin tones, flags, ZWJ sequences), @mentions of `usernames`, #hashtags (collected into
// `hashtags`, space separated, when not null), links, code blocks with tabs and Windows paths.
std::string chat_text(Rng& rng, std::size_t chars, const std::vector<std::string>& usernames,
                      std::string* hashtags = nullptr);

// Short text for names and titles (no newlines), at most `max_chars` code points.
std::string short_text(Rng& rng, std::size_t max_chars);

// `text` cut to at most `max_chars` code points, never inside a character.
std::string cut_chars(const std::string& text, std::size_t max_chars);

// JSON string literal (with quotes) of UTF-8 `text`: escapes quotes, backslashes, controls.
std::string json_string(std::string_view text);

const std::vector<std::string>& first_names();
const std::vector<std::string>& last_names();
const std::vector<std::string>& emoji_names();

}  // namespace m2pg::test::mattermost
